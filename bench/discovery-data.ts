// A synthetic discovery instance, written straight into a migrated scratch PostgreSQL database with
// set-based SQL (the HTTP API would take hours for this many rows). Deterministic in shape, random
// in detail: every count below is exact, the draws behind it are `random()`.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

export const SHAPE = {
  users: 100_000,
  /** Taste groups: people and tracks of one scene mostly meet each other. */
  scenes: 200,
  /** Artist communities (10 a scene); every hundredth is private. */
  communities: 2_000,
  tracks: 100_000,
  /** Trust edges per truster: 8–12, by `n % 5`, so exactly 10 on average and never over the limit of 12. */
  trustEdges: 1_000_000,
  /** Listens and downloads: one row per (track, person, kind, ISO week), as the app records them. */
  trackEvents: 1_800_000,
  picks: 200_000,
} as const;

/** Ids shaped like the app's (`prefix_` + 26 characters), hashed so that key order is not insertion order. */
const id = (prefix: string, seed: string): string => `'${prefix}_' || substr(md5('${seed}:' || `;
const userId = (n: string): string => `${id('usr', 'user')}${n}), 1, 26)`;
const curatorId = (n: string): string => `${id('cur', 'curator')}${n}), 1, 26)`;
const communityId = (c: string): string => `${id('com', 'community')}${c}), 1, 26)`;
const trackId = (t: string): string => `${id('trk', 'track')}${t}), 1, 26)`;
/** Track t belongs to scene t % 200 and to one of that scene's 10 communities (50 tracks each). */
const communityOfTrack = (t: string): string => `((${t}) % 200 + 200 * (((${t}) / 200) % 10))`;

/**
 * A Zipf-like rank in 1..n with exponent s (< 1): the inverse CDF of a continuous power law,
 * so rank 1 is the most frequent and the tail is long. One `random()` per evaluation.
 */
const zipf = (n: number, s: number): string =>
  `least(${n}, floor(power((power(${n}, ${1 - s}) - 1) * random() + 1, ${1 / (1 - s)})))::int`;

/**
 * How active people are (and, with the same order, how trusted): rank r → person ((r−1)·7919) mod
 * 100 000, drawn with density ∝ r^(−1/3), so the most active person has ~50× the median's rows.
 */
const activePerson = `((floor(${SHAPE.users} * power(random(), 1.5))::int) * 7919) % ${SHAPE.users}`;

/** 60 % of listens fall in the listener's own scene (Zipf over its 500 tracks), 40 % anywhere (Zipf over all). */
const trackFor = (person: string, inScene: number): string => `
  case when random() < ${inScene}
    then ((${person}) % 200) + 200 * (((${zipf(500, 0.75)} - 1) * 337) % 500)
    else ((${zipf(SHAPE.tracks, 0.75)} - 1)::bigint * 30011 % ${SHAPE.tracks})::int
  end`;

export interface Generated {
  /** Milliseconds per step. */
  steps: [string, number][];
  ms: number;
}

/** Fills the scratch database. Foreign keys are not checked while loading (the generator keeps them). */
export async function generateInstance(url: string, log: (line: string) => void): Promise<Generated> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const steps: [string, number][] = [];
  const started = performance.now();
  const step = async (name: string, sql: string): Promise<void> => {
    const t = performance.now();
    const result = await client.query(sql);
    const ms = performance.now() - t;
    steps.push([name, ms]);
    log(`  ${name}: ${result.rowCount ?? 0} rows, ${(ms / 1000).toFixed(1)} s`);
  };
  try {
    await client.query(`set timezone = 'UTC'`);
    await client.query(`set session_replication_role = replica`);
    await client.query(`set work_mem = '256MB'`);
    await client.query(`select setseed(0.42)`);

    await step(
      'users',
      `insert into users (id, email, password_hash, display_name, created_at, updated_at, password_changed_at)
       select ${userId('n')}, 'u' || n || '@bench.invalid', '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2g$bm90LWEtcmVhbC1oYXNo',
              'Listener ' || n, at, at, at
       from generate_series(0, ${SHAPE.users - 1}) n,
            lateral (select now() - make_interval(days => 1 + n % 700) as at) x`,
    );
    await step(
      'communities',
      `insert into communities (id, slug, name, kind, visibility, accent_color, member_count, created_at, updated_at)
       select ${communityId('c')}, 'artist-' || c, 'Artist ' || c, 'artist',
              case when c % 100 = 99 then 'private' else 'public' end, '#5b5bd6', 0, now(), now()
       from generate_series(0, ${SHAPE.communities - 1}) c`,
    );
    // Like packages/discovery/src/test-fixtures.ts: ready, with fake stored files; every 50th is members-only.
    await step(
      'tracks',
      `insert into tracks (id, community_id, title, artist, visibility, status, progress, duration_ms, peaks,
                           original, renditions, created_at, updated_at, ready_at)
       select ${trackId('t')}, ${communityId(communityOfTrack('t'))}, 'Track ' || t,
              'Artist ' || ${communityOfTrack('t')} || case when t % 7 = 0 then ' & Friends' else '' end,
              case when t % 50 = 7 then 'members' else 'public' end, 'ready', 100, 150000 + (t % 120) * 1000,
              '[]'::jsonb,
              jsonb_build_object('key', 'originals/' || t, 'bytes', 1000, 'sha256', md5('track:' || t),
                                 'contentType', 'audio/wav', 'format', 'wav', 'extension', 'wav'),
              jsonb_build_object(
                'opus', jsonb_build_object('key', 'renditions/' || t || '.opus', 'bytes', 1000,
                                           'sha256', md5('opus:' || t), 'contentType', 'audio/ogg'),
                'mp3', jsonb_build_object('key', 'renditions/' || t || '.mp3', 'bytes', 1000,
                                          'sha256', md5('mp3:' || t), 'contentType', 'audio/mpeg')),
              at, at, at
       from generate_series(0, ${SHAPE.tracks - 1}) t,
            lateral (select now() - make_interval(mins => 1 + ((t * 7919) % ${SHAPE.tracks}) * 10) as at) x`,
    );
    await step(
      'curators',
      `insert into curators (id, user_id, handle, handle_key, bio, created_at, updated_at)
       select ${curatorId('n')}, ${userId('n')}, 'u' || n, 'u' || n, '', now(), now()
       from generate_series(0, ${SHAPE.users - 1}) n`,
    );
    // 24 candidates a truster: 70 % someone of their own scene (Zipf over its 500 people, so each
    // scene has its tastemakers), 30 % anyone (Zipf over everyone, in the activity order: the most
    // trusted are the most active). Self and repeats dropped, the first 8–12 distinct kept.
    await step(
      'trust_edges',
      `insert into trust_edges (truster_id, curator_id, curator_user_id, created_at)
       select ${userId('u')}, ${curatorId('v')}, ${userId('v')}, now() - make_interval(mins => k * 997)
       from (
         select u, v, k, row_number() over (partition by u order by k) as n
         from (
           select u, v, min(k) as k
           from (
             select u, k,
                    case when random() < 0.7
                      then (u % 200) + 200 * (((${zipf(500, 0.8)} - 1) * 337) % 500)
                      else ((${zipf(SHAPE.users, 0.8)} - 1) * 7919) % ${SHAPE.users}
                    end as v
             from generate_series(0, ${SHAPE.users - 1}) u, generate_series(1, 24) k
           ) candidates
           where v <> u
           group by u, v
         ) distinct_candidates
       ) ranked
       where n <= 8 + u % 5`,
    );
    // Weeks ago skewed to the recent; distinct on integers first, then the (scattered) rows are written.
    await step(
      'track_events',
      `insert into track_events (community_id, track_id, user_id, kind, week, repeats, first_at, last_at)
       select ${communityId(communityOfTrack('t'))}, ${trackId('t')}, ${userId('u')},
              case when k = 0 then 'listen' else 'download' end,
              to_char(at, 'IYYY-"W"IW'), reps, at, at + make_interval(mins => reps * 7)
       from (
         select t, u, k, w, floor(power(random(), 3) * 6)::int as reps,
                least(now(),
                      date_trunc('week', now()) - make_interval(weeks => w) + random() * interval '6 days') as at
         from (
           select t, u, k, w from (
             select u, ${trackFor('u', 0.6)} as t,
                    case when random() < 0.9 then 0 else 1 end as k,
                    floor(52 * power(random(), 1.5))::int as w
             from (select ${activePerson} as u from generate_series(1, ${Math.round(SHAPE.trackEvents * 1.1)})) people
           ) draws
           group by t, u, k, w
           limit ${SHAPE.trackEvents}
         ) distinct_draws
       ) events`,
    );
    await step(
      'picks',
      `insert into picks (id, community_id, user_id, track_id, note, created_at)
       select ${id('pck', 'pick')}u || ':' || t), 1, 26), ${communityId(communityOfTrack('t'))}, ${userId('u')},
              ${trackId('t')}, case when random() < 0.2 then 'On repeat since the first listen.' else '' end,
              now() - random() * interval '365 days'
       from (
         select u, t from (
           select u, ${trackFor('u', 0.7)} as t
           from (select ${activePerson} as u from generate_series(1, ${Math.round(SHAPE.picks * 1.1)})) people
         ) draws
         group by u, t
         limit ${SHAPE.picks}
       ) distinct_draws`,
    );
    await client.query(`set session_replication_role = origin`);
    // A long-running instance has been vacuumed: visibility maps set, statistics current.
    for (const table of [
      'users',
      'communities',
      'tracks',
      'curators',
      'trust_edges',
      'track_events',
      'picks',
    ]) {
      const t = performance.now();
      await client.query(`vacuum (analyze) ${table}`);
      steps.push([`vacuum analyze ${table}`, performance.now() - t]);
    }
    log(
      `  vacuum analyze: ${(steps.filter(([n]) => n.startsWith('vacuum')).reduce((a, [, ms]) => a + ms, 0) / 1000).toFixed(1)} s`,
    );
    // The load went through PostgreSQL's small buffer pool and not always into the OS page cache (on
    // this VM, freshly written files are read back from the virtual disk): read every relation once
    // into the page cache, as any server that has been running a while has it. Buffers stay default.
    const t = performance.now();
    try {
      await client.query('create extension if not exists pg_prewarm');
      await client.query(`
        select sum(pg_prewarm(c.oid, 'read')) from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'i', 't')`);
      log(`  page cache warmed: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } catch (error) {
      log(`  page cache not warmed (${(error as Error).message})`);
    }
  } finally {
    await client.end();
  }
  return { steps, ms: performance.now() - started };
}

export interface Shape {
  rows: Record<string, number>;
  /** Distribution summaries: min, median, p99, max. */
  eventsPerUser: number[];
  signalsPerTrack: number[];
  trustersPerCurator: number[];
  trustedPerUser: number[];
  /** Share of all interactions on the 1 % most popular tracks. */
  topTrackShare: number;
  /** Share of trust edges that stay within the truster's scene. */
  inSceneTrust: number;
  depth: { depth1: number; depth2: number; depth3: number };
  databaseMb: number;
  sharedBuffers: string;
}

const summary = (column: string, from: string): string =>
  `select min(${column})::int, percentile_disc(0.5) within group (order by ${column})::int,
          percentile_disc(0.99) within group (order by ${column})::int, max(${column})::int from ${from}`;

/** What the generated instance looks like, for the report (counts are read back, not assumed). */
export async function describeInstance(url: string, sampleUsers: readonly string[]): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows: Record<string, number> = {};
    for (const table of [
      'users',
      'communities',
      'tracks',
      'curators',
      'trust_edges',
      'track_events',
      'picks',
    ]) {
      rows[table] = Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
    }
    rows.privateCommunities = Number(
      (await client.query(`select count(*) as n from communities where visibility = 'private'`)).rows[0].n,
    );
    rows.membersOnlyTracks = Number(
      (await client.query(`select count(*) as n from tracks where visibility = 'members'`)).rows[0].n,
    );
    const values = async (sql: string): Promise<number[]> =>
      Object.values((await client.query({ text: sql, rowMode: 'array' })).rows[0] as number[]).map(Number);
    const signals = `(select user_id, track_id from picks union all select user_id, track_id from track_events) s`;
    const eventsPerUser = await values(
      summary(
        'n',
        `(select u.id, count(s.user_id) as n from users u left join ${signals} on s.user_id = u.id group by u.id) x`,
      ),
    );
    const signalsPerTrack = await values(
      summary(
        'n',
        `(select t.id, count(s.track_id) as n from tracks t left join ${signals} on s.track_id = t.id group by t.id) x`,
      ),
    );
    const trustersPerCurator = await values(
      summary(
        'n',
        `(select c.user_id, count(e.truster_id) as n from curators c left join trust_edges e on e.curator_user_id = c.user_id group by c.user_id) x`,
      ),
    );
    const trustedPerUser = await values(
      summary('n', `(select truster_id, count(*) as n from trust_edges group by truster_id) x`),
    );
    const topTrackShare = Number(
      (
        await client.query(`
          with per_track as (select track_id, count(*) as n from ${signals} group by track_id)
          select sum(n) filter (where r <= ${SHAPE.tracks / 100})::float / sum(n) as share
          from (select n, row_number() over (order by n desc) as r from per_track) x`)
      ).rows[0].share,
    );
    // Scene of a user: n % 200 where the id was made from n; read back through the handle (u<n>).
    const inSceneTrust = Number(
      (
        await client.query(`
          select avg(case when substr(a.handle, 2)::int % 200 = substr(b.handle, 2)::int % 200 then 1 else 0 end)::float as share
          from trust_edges e join curators a on a.user_id = e.truster_id join curators b on b.id = e.curator_id`)
      ).rows[0].share,
    );
    // How far the live walk reaches for the sampled people (distinct people at each depth, mean).
    const depth = { depth1: 0, depth2: 0, depth3: 0 };
    for (const user of sampleUsers) {
      const seen = new Set([user]);
      let frontier = [user];
      for (const key of ['depth1', 'depth2', 'depth3'] as const) {
        const next = (
          await client.query(
            `select distinct curator_user_id as v from trust_edges where truster_id = any($1)`,
            [frontier],
          )
        ).rows
          .map((r) => r.v as string)
          .filter((v) => !seen.has(v));
        for (const v of next) seen.add(v);
        depth[key] += next.length / sampleUsers.length;
        frontier = next;
      }
    }
    const databaseMb =
      Number((await client.query(`select pg_database_size(current_database()) as b`)).rows[0].b) / 1e6;
    const sharedBuffers = String((await client.query('show shared_buffers')).rows[0].shared_buffers);
    return {
      sharedBuffers,
      rows,
      eventsPerUser,
      signalsPerTrack,
      trustersPerCurator,
      trustedPerUser,
      topTrackShare,
      inSceneTrust,
      depth,
      databaseMb,
    };
  } finally {
    await client.end();
  }
}

/** The ids of generated people by number (the same md5 the SQL uses). */
export function generatedUserId(n: number): string {
  return `usr_${createHash('md5').update(`user:${n}`).digest('hex').slice(0, 26)}`;
}

/**
 * Sessions as packages/accounts creates them (a random token in the cookie, its SHA-256 in the
 * table), so the sampled people are logged in without 200 argon2 logins. Returns cookies in order.
 */
export async function insertSessions(url: string, userIds: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cookies: string[] = [];
    const now = new Date();
    const expires = new Date(now.getTime() + 30 * 86_400_000);
    for (const userId of userIds) {
      const token = randomBytes(32).toString('base64url');
      await client.query(
        `insert into sessions (id, token_hash, user_id, user_agent, created_at, last_seen_at, expires_at)
         values ($1, $2, $3, 'coterie-bench', $4, $4, $5)`,
        [
          `ses_${randomBytes(13).toString('hex')}`,
          createHash('sha256').update(token).digest('hex'),
          userId,
          now,
          expires,
        ],
      );
      cookies.push(`coterie_session=${token}`);
    }
    return cookies;
  } finally {
    await client.end();
  }
}

/** New singles, ready this minute, in public communities, with no signal of any kind yet. Returns their ids. */
export async function insertFreshTracks(url: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const first = SHAPE.tracks;
    const result = await client.query(
      `insert into tracks (id, community_id, title, artist, visibility, status, progress, duration_ms, peaks,
                           original, renditions, created_at, updated_at, ready_at)
       select ${trackId('t')}, ${communityId(communityOfTrack('t'))}, 'Fresh single ' || t, 'Artist ' || ${communityOfTrack('t')},
              'public', 'ready', 100, 200000, '[]'::jsonb,
              jsonb_build_object('key', 'originals/' || t, 'bytes', 1000, 'sha256', md5('track:' || t),
                                 'contentType', 'audio/wav', 'format', 'wav', 'extension', 'wav'),
              jsonb_build_object(
                'opus', jsonb_build_object('key', 'renditions/' || t || '.opus', 'bytes', 1000,
                                           'sha256', md5('opus:' || t), 'contentType', 'audio/ogg'),
                'mp3', jsonb_build_object('key', 'renditions/' || t || '.mp3', 'bytes', 1000,
                                          'sha256', md5('mp3:' || t), 'contentType', 'audio/mpeg')),
              now(), now(), now()
       from generate_series(${first}, ${first + count - 1}) t
       where ${communityOfTrack('t')} % 100 <> 99
       returning id`,
    );
    return result.rows.map((r) => r.id as string);
  } finally {
    await client.end();
  }
}
