// A synthetic week of chart support, written straight into a migrated scratch PostgreSQL database
// with set-based SQL. The whole large set is drawn once into an integer staging table in random
// order (`n`); `loadEvents(from, to)` writes rows n in (from, to] as the app keeps them, so the small
// set is a random tenth of the large one and the large one is the small one plus nine tenths more.
import pg from 'pg';

/** BENCH_CHARTS_EVENTS makes the large set smaller for a quick try (10 000 000). */
const EVENTS = Number(process.env.BENCH_CHARTS_EVENTS ?? 10_000_000);

export const SHAPE = {
  users: 500_000,
  /** Users 495 000+ are the communities' teams: owner of c is 495 000 + c, moderator (every tenth c) 499 000 + c/10. */
  listeners: 495_000,
  communities: 4_000,
  tracksPerCommunity: 20,
  /** Support events of the large set: track_events + picks + purchases. */
  events: EVENTS,
  picks: Math.round(EVENTS * 0.03),
  purchases: Math.round(EVENTS * 0.01),
  voids: 200,
};
export const TRACKS = SHAPE.communities * SHAPE.tracksPerCommunity;
export const TEAM_EVENTS = (SHAPE.communities + SHAPE.communities / 10) * SHAPE.tracksPerCommunity;
export const TRACK_EVENTS = SHAPE.events - SHAPE.picks - SHAPE.purchases;

const id = (prefix: string, seed: string, n: string): string =>
  `'${prefix}_' || substr(md5('${seed}:' || (${n})), 1, 26)`;
const userId = (n: string) => id('usr', 'user', n);
const communityId = (c: string) => id('com', 'community', c);
const trackId = (t: string) => id('trk', 'track', t);
const releaseId = (r: string) => id('rel', 'release', r);

/** Zipf-like rank in 1..n (exponent s < 1) from a uniform draw u in [0, 1): the inverse CDF of a power law. */
const zipfOf = (n: number, s: number, u: string): string =>
  `least(${n}, floor(power((power(${n}, ${1 - s}) - 1) * (${u}) + 1, ${1 / (1 - s)})))::int`;
/** A fixed uniform in [0, 1) from an integer: the same membership every time it is asked. */
const hashed = (x: string): string => `((hashint8(${x})::bigint + 2147483648) / 4294967296.0)`;
/** Community popularity: Zipf(0.9) over 4 000, so a handful of artists outgrow Rising's 10 000 listeners. */
const someCommunity = `(${zipfOf(SHAPE.communities, 0.9, 'random()')} - 1)`;
const someTrackOf = (c: string): string =>
  `((${c}) * ${SHAPE.tracksPerCommunity} + ${zipfOf(SHAPE.tracksPerCommunity, 0.8, 'random()')} - 1)`;
/** Listener u (below 495 000) is a member of u % 4 communities: the j-th is this one (duplicates merge). */
const memberCommunity = (u: string, j: string): string =>
  `(${zipfOf(SHAPE.communities, 0.9, hashed(`(${u})::bigint * 8 + (${j})`))} - 1)`;
/** How active listeners are: density ∝ rank^(−1/3), ranks scattered over the ids. */
const activeListener = `((floor(${SHAPE.listeners} * power(random(), 1.5))::bigint * 7919) % ${SHAPE.listeners})::int`;
/** A listener's track: 30 % in a community they belong to (if any), else by popularity. */
const trackFor = (u: string): string => `
  case when (${u}) % 4 > 0 and random() < 0.3
    then ${someTrackOf(memberCommunity(u, `floor(random() * ((${u}) % 4))::int`))}
    else ${someTrackOf(someCommunity)}
  end`;

export class ChartsData {
  readonly #client: pg.Client;
  readonly #log: (line: string) => void;
  readonly weekStart: Date;
  readonly steps: [string, number][] = [];

  private constructor(client: pg.Client, weekStart: Date, log: (line: string) => void) {
    this.#client = client;
    this.weekStart = weekStart;
    this.#log = log;
  }

  static async open(url: string, weekStart: Date, log: (line: string) => void): Promise<ChartsData> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`set timezone = 'UTC'`);
    await client.query(`set work_mem = '256MB'`);
    await client.query(`set maintenance_work_mem = '1GB'`);
    await client.query(`select setseed(0.42)`);
    return new ChartsData(client, weekStart, log);
  }

  async close(): Promise<void> {
    await this.#client.end();
  }

  async #step(name: string, sql: string): Promise<void> {
    const t = performance.now();
    const result = await this.#client.query(sql);
    const ms = performance.now() - t;
    this.steps.push([name, ms]);
    this.#log(`  ${name}: ${result.rowCount ?? 0} rows, ${(ms / 1000).toFixed(1)} s`);
  }

  get #start(): string {
    return `timestamptz '${this.weekStart.toISOString()}'`;
  }

  /** Users, communities, releases, tracks, memberships, voids, and the staged draws of the large set. */
  async population(): Promise<void> {
    const start = this.#start;
    await this.#client.query(`set session_replication_role = replica`);
    // 1 % of listeners signed up in the 6½ days before the week (so under 7 days old for some of it).
    await this.#step(
      'users',
      `insert into users (id, email, password_hash, display_name, created_at, updated_at, password_changed_at)
       select ${userId('n')}, 'u' || n || '@bench.invalid', '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2g$bm90LWEtcmVhbC1oYXNo',
              'Listener ' || n, at, at, at
       from generate_series(0, ${SHAPE.users - 1}) n,
            lateral (select case when n % 100 = 3 then ${start} - make_interval(hours => 12 + (n * 31) % 144)
                                 else ${start} - make_interval(days => 8 + n % 700) end as at) x`,
    );
    await this.#step(
      'communities',
      `insert into communities (id, slug, name, kind, visibility, accent_color, member_count, created_at, updated_at)
       select ${communityId('c')}, 'artist-' || c, 'Artist ' || c, 'artist',
              case when c % 100 = 99 then 'private' else 'public' end, '#5b5bd6', 0, now(), now()
       from generate_series(0, ${SHAPE.communities - 1}) c`,
    );
    await this.#step(
      'releases',
      `insert into releases (id, community_id, title, kind, created_at, updated_at)
       select ${releaseId('r')}, ${communityId('r / 2')}, 'Release ' || r, 'ep', now(), now()
       from generate_series(0, ${SHAPE.communities * 2 - 1}) r`,
    );
    // Track j of community c is c·20 + j; j < 12 are on the community's two releases; 1 % still processing.
    await this.#step(
      'tracks',
      `insert into tracks (id, community_id, release_id, position, title, artist, visibility, status, progress,
                           duration_ms, peaks, original, renditions, created_at, updated_at, ready_at)
       select ${trackId('t')}, ${communityId(`t / ${SHAPE.tracksPerCommunity}`)},
              case when t % 20 < 12 then ${releaseId(`(t / 20) * 2 + (t % 20) / 6`)} end,
              case when t % 20 < 12 then t % 6 end, 'Track ' || t, 'Artist ' || (t / 20),
              case when t % 50 = 7 then 'members' else 'public' end,
              case when t % 100 = 37 then 'processing' else 'ready' end, 100, 180000, '[]'::jsonb,
              jsonb_build_object('key', 'originals/' || t, 'bytes', 1000, 'sha256', md5('track:' || t),
                                 'contentType', 'audio/wav', 'format', 'wav', 'extension', 'wav'),
              null, now(), now(), now()
       from generate_series(0, ${TRACKS - 1}) t`,
    );
    const membership = (u: string, c: string, role: string) =>
      `${id('mem', 'member', `${u} || ':' || ${c}`)}, ${communityId(c)}, ${userId(u)}, 'u' || ${u}, 'u' || ${u},
       ${role}, '\\x00'::bytea, ${start} - interval '30 days', ${start} - interval '30 days'`;
    await this.#step(
      'memberships',
      `insert into memberships (id, community_id, user_id, handle, handle_key, role, shared_data, joined_at, updated_at)
       select ${membership('u', 'c', `'member'`)}
       from (select distinct u, ${memberCommunity('u', 'j')} as c
             from generate_series(0, ${SHAPE.listeners - 1}) u, generate_series(0, 2) j where j < u % 4) m
       union all
       select ${membership(`${SHAPE.listeners} + c`, 'c', `'owner'`)} from generate_series(0, ${SHAPE.communities - 1}) c
       union all
       select ${membership(`499000 + c / 10`, 'c', `'moderator'`)}
       from generate_series(0, ${SHAPE.communities - 1}, 10) c`,
    );
    await this.#step(
      'chart_voids',
      `insert into chart_voids (user_id, reason, voided_by, created_at)
       select distinct ${userId(activeListener)}, 'bench: a bought audience', null, ${start} - interval '1 day'
       from generate_series(1, ${SHAPE.voids})`,
    );
    // Distinct (listener, track, kind) draws, numbered in random order; the teams' own plays beside them.
    await this.#step(
      'staged track events',
      `create unlogged table bench_events as
       select row_number() over (order by random())::int as n, u, t, k from (
         (select u, t, k from (
            select u, ${trackFor('u')} as t, (random() < 0.1)::int as k
            from (select ${activeListener} as u from generate_series(1, ${Math.round((TRACK_EVENTS - TEAM_EVENTS) * 1.12)})) p
          ) draws group by u, t, k limit ${TRACK_EVENTS - TEAM_EVENTS})
         union all
         select ${SHAPE.listeners} + c, c * 20 + j, 0 from generate_series(0, ${SHAPE.communities - 1}) c, generate_series(0, 19) j
         union all
         select 499000 + c / 10, c * 20 + j, 0 from generate_series(0, ${SHAPE.communities - 1}, 10) c, generate_series(0, 19) j
       ) x`,
    );
    await this.#step(
      'staged picks',
      `create unlogged table bench_picks as
       select row_number() over (order by random())::int as n, u, t from (
         select u, t from (select u, ${trackFor('u')} as t
                           from (select ${activeListener} as u from generate_series(1, ${Math.round(SHAPE.picks * 1.1)})) p) d
         group by u, t limit ${SHAPE.picks}) x`,
    );
    // 70 % a track, 30 % one of its community's two releases; 3 % refunded.
    await this.#step(
      'staged purchases',
      `create unlogged table bench_purchases as
       select n, u, t, random() < 0.3 as release, random() < 0.03 as refunded
       from (select n, ${activeListener} as u from generate_series(1, ${SHAPE.purchases}) n) p,
            lateral (select ${trackFor('u')} as t) x`,
    );
    await this.#client.query(`set session_replication_role = origin`);
  }

  /**
   * Writes staged support n in (from, to] of every kind (track events scaled to their share), with
   * times spread over the week. track_events' indexes are dropped for the load and built again after.
   */
  async load(fraction: [number, number]): Promise<void> {
    const start = this.#start;
    const part = (total: number) => [Math.round(total * fraction[0]), Math.round(total * fraction[1])];
    const [e0, e1] = part(TRACK_EVENTS);
    const [p0, p1] = part(SHAPE.picks);
    const [b0, b1] = part(SHAPE.purchases);
    const at = `${start} + random() * interval '7 days' - interval '1 millisecond'`;
    const c = `t / ${SHAPE.tracksPerCommunity}`;
    const indexes = (
      await this.#client.query(`select indexname, indexdef from pg_indexes where tablename = 'track_events'`)
    ).rows as { indexname: string; indexdef: string }[];
    await this.#client.query(`set session_replication_role = replica`);
    for (const index of indexes) await this.#client.query(`drop index ${index.indexname}`);
    await this.#step(
      'track_events',
      `insert into track_events (community_id, track_id, user_id, kind, week, repeats, first_at, last_at)
       select ${communityId(c)}, ${trackId('t')}, ${userId('u')}, case k when 0 then 'listen' else 'download' end,
              to_char(a, 'IYYY-"W"IW'), reps, a, a + make_interval(secs => reps * 200)
       from (select t, u, k, ${at} as a, floor(power(random(), 3) * 6)::int as reps
             from bench_events where n > ${e0} and n <= ${e1}) e`,
    );
    for (const index of indexes) {
      await this.#step(`index ${index.indexname}`, index.indexdef);
    }
    await this.#step(
      'picks',
      `insert into picks (id, community_id, user_id, track_id, note, created_at)
       select ${id('pck', 'pick', 'n')}, ${communityId(c)}, ${userId('u')}, ${trackId('t')}, '', ${at}
       from bench_picks where n > ${p0} and n <= ${p1}`,
    );
    await this.#step(
      'payments',
      `insert into payments (id, community_id, user_id, provider, provider_charge_id, kind, gross_minor, currency,
                             artist_share_bps, refunded_minor, captured_at)
       select ${id('pay', 'payment', 'n')}, ${communityId(c)}, ${userId('u')}, 'sandbox', 'ch_' || n, 'purchase', 700, 'EUR',
              8000, case when refunded then 700 else 0 end, ${at}
       from bench_purchases where n > ${b0} and n <= ${b1}`,
    );
    await this.#step(
      'purchases',
      `insert into purchases (id, community_id, user_id, item_type, item_id, payment_id, amount_minor, currency,
                              refunded, created_at)
       select ${id('pur', 'purchase', 'b.n')}, ${communityId(`b.t / ${SHAPE.tracksPerCommunity}`)}, ${userId('b.u')},
              case when b.release then 'release' else 'track' end,
              case when b.release then ${releaseId(`(b.t / 20) * 2 + (b.n % 2)`)} else ${trackId('b.t')} end,
              ${id('pay', 'payment', 'b.n')}, 700, 'EUR', b.refunded, p.captured_at
       from bench_purchases b join payments p on p.id = ${id('pay', 'payment', 'b.n')}
       where b.n > ${b0} and b.n <= ${b1}`,
    );
    await this.#client.query(`set session_replication_role = origin`);
    // The bulk load went round the triggers: the aggregates are recounted as the migration does.
    await this.#step('chart aggregates rebuilt', 'select coterie_chart_aggregates_rebuild()');
    const t = performance.now();
    for (const table of [
      'users',
      'communities',
      'releases',
      'tracks',
      'memberships',
      'chart_voids',
      'track_events',
      'picks',
      'payments',
      'purchases',
      'chart_support',
      'chart_track_weeks',
      'chart_listeners',
      'chart_listener_weeks',
    ]) {
      await this.#client.query(`vacuum (analyze) ${table}`);
    }
    this.steps.push(['vacuum analyze', performance.now() - t]);
    this.#log(`  vacuum analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // As a server that has been running a while has it: every relation read once into the page cache.
    const w = performance.now();
    await this.#client.query('create extension if not exists pg_prewarm');
    await this.#client.query(`
      select sum(pg_prewarm(c.oid, 'read')) from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'i', 't') and c.relname not like 'bench\\_%'`);
    this.steps.push(['page cache warmed', performance.now() - w]);
  }

  /**
   * The write path: new listens, one autocommit insert each as the music store writes them, with
   * the charts trigger on and (the yardstick) off, in alternating blocks so a busy machine hurts
   * both alike. The rows are deleted afterwards with the trigger on, so the aggregates stay true.
   */
  async listenInserts(week: string, perSide: number): Promise<{ kept: number[]; bare: number[] }> {
    const kept: number[] = [];
    const bare: number[] = [];
    const at = new Date(this.weekStart.getTime() + 3 * 86_400_000).toISOString();
    let n = 0;
    for (let block = 0; block < 8; block++) {
      const on = block % 2 === 0;
      if (!on) await this.#client.query('alter table track_events disable trigger track_events_charts');
      for (let i = 0; i < perSide / 4; i++, n++) {
        const u = (n * 7919 + 13) % SHAPE.listeners;
        const t = (n * 104_729 + 7) % TRACKS;
        const started = performance.now();
        await this.#client.query(
          `insert into track_events (community_id, track_id, user_id, kind, week, first_at, last_at)
           values (${communityId(`${Math.floor(t / SHAPE.tracksPerCommunity)}`)}, ${trackId(`${t}`)}, ${userId(`${u}`)},
                   'listen', $1, $2, $2)
           on conflict (track_id, user_id, kind, week) do update set repeats = track_events.repeats + 1, last_at = $2`,
          [week, at],
        );
        (on ? kept : bare).push(performance.now() - started);
      }
      if (!on) await this.#client.query('alter table track_events enable trigger track_events_charts');
    }
    await this.#client.query(`delete from track_events where week = $1 and first_at = $2`, [week, at]);
    return { kept, bare };
  }

  async count(sql: string): Promise<number> {
    return Number((await this.#client.query(sql)).rows[0].n);
  }
}
