import { isoWeek } from '@coterie/music';
import { createTestApp, type TestApp } from '@coterie/testing';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartsStore } from './store.ts';
import { weekBounds } from './weeks.ts';

// The triggers keep the charts' aggregates on every write; whatever the order of writes, deletes,
// refunds, voids, role changes and erasures, they must equal a recount from the sources.
const WEEK = '2026-W45';
const start = (weekBounds(WEEK) as { start: Date }).start.getTime();
const DAY = 86_400_000;
const USERS = 5;
/** Tracks 0 and 1 are on release rel_agg of com_agg_a, 2 is a single there, 3 is com_agg_b's. */
const TRACKS = 4;
const COMMUNITIES = ['com_agg_a', 'com_agg_b'] as const;

let t: TestApp;
let store: ChartsStore;

const uid = (n: number) => `usr_agg_${n}`;
const tid = (n: number) => `trk_agg_${n}`;
const communityOf = (track: number) => (track === 3 ? 'com_agg_b' : 'com_agg_a');
const exec = (query: ReturnType<typeof sql>) => t.ctx.db.execute(query);
const rows = async (query: ReturnType<typeof sql>): Promise<unknown[]> => {
  const result = (await exec(query)) as unknown as { rows?: unknown[] };
  return result.rows ?? (result as unknown as unknown[]);
};

type Op =
  | { op: 'event'; user: number; track: number; kind: 'listen' | 'download'; day: number }
  | { op: 'unevent'; user: number; track: number; kind: 'listen' | 'download' }
  | { op: 'buy'; user: number; track: number; release: boolean; day: number }
  | { op: 'refund'; nth: number }
  | { op: 'pick'; user: number; track: number; day: number }
  | { op: 'unpick'; user: number; track: number }
  | { op: 'join'; user: number; community: number; role: 'member' | 'moderator' | 'owner' }
  | { op: 'leave'; user: number; community: number }
  | { op: 'void'; user: number }
  | { op: 'unvoid'; user: number }
  | { op: 'erase'; user: number }
  | { op: 'move'; track: number }
  | { op: 'deleteTrack'; track: number };

const user = fc.integer({ min: 0, max: USERS - 1 });
const track = fc.integer({ min: 0, max: TRACKS - 1 });
// Days -3..10 around the week: support lands in the week before, the week and the one after.
const day = fc.integer({ min: -3 * 24, max: 10 * 24 }).map((h) => h / 24);
const kind = fc.constantFrom('listen' as const, 'download' as const);
const ops: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('event' as const), user, track, kind, day }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unevent' as const), user, track, kind }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('buy' as const), user, track, release: fc.boolean(), day }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('refund' as const), nth: fc.nat(4) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('pick' as const), user, track, day }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unpick' as const), user, track }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('join' as const),
      user,
      community: fc.integer({ min: 0, max: 1 }),
      role: fc.constantFrom('member' as const, 'moderator' as const, 'owner' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('leave' as const),
      user,
      community: fc.integer({ min: 0, max: 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('void' as const), user }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unvoid' as const), user }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('erase' as const), user }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('move' as const), track }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteTrack' as const), track }) },
);

async function reset(ages: number[]): Promise<void> {
  for (const table of ['track_events', 'picks', 'purchases', 'payments', 'chart_voids', 'memberships']) {
    await exec(sql.raw(`delete from ${table}`));
  }
  await exec(sql`delete from users where id like 'usr_agg_%'`);
  await exec(sql`delete from tracks where id like 'trk_agg_%'`);
  for (let n = 0; n < USERS; n++) {
    await exec(sql`
      insert into users (id, email, password_hash, display_name, created_at)
      values (${uid(n)}, ${`agg${n}@example.com`}, 'x', ${`U${n}`}, ${new Date(start - (ages[n] as number)).toISOString()})`);
  }
  for (let n = 0; n < TRACKS; n++) {
    await exec(sql`
      insert into tracks (id, community_id, release_id, title, artist, visibility, status, original)
      values (${tid(n)}, ${communityOf(n)}, ${n < 2 ? 'rel_agg' : null}, ${`T${n}`}, 'A', 'public', 'ready',
              '{"key":"k","bytes":1,"sha256":"x","contentType":"audio/wav","format":"wav","extension":"wav"}'::jsonb)`);
  }
}

async function apply(o: Op, i: number): Promise<void> {
  const at = 'day' in o ? new Date(start + o.day * DAY).toISOString() : '';
  // Writes for an erased account or a deleted track are refused by their foreign keys, as in the app.
  const present = async (u: number | null, tr: number | null) =>
    (u === null || (await rows(sql`select 1 from users where id = ${uid(u)}`)).length > 0) &&
    (tr === null || (await rows(sql`select 1 from tracks where id = ${tid(tr)}`)).length > 0);
  switch (o.op) {
    case 'event':
      if (!(await present(o.user, o.track))) return;
      await exec(sql`
        insert into track_events (community_id, track_id, user_id, kind, week, first_at, last_at)
        values (${communityOf(o.track)}, ${tid(o.track)}, ${uid(o.user)}, ${o.kind}, ${isoWeek(new Date(at))}, ${at}, ${at})
        on conflict (track_id, user_id, kind, week) do update set repeats = track_events.repeats + 1, last_at = ${at}`);
      return;
    case 'unevent':
      await exec(sql`delete from track_events where user_id = ${uid(o.user)} and track_id = ${tid(o.track)} and kind = ${o.kind}
                     and week = (select min(week) from track_events where user_id = ${uid(o.user)} and track_id = ${tid(o.track)})`);
      return;
    case 'buy': {
      if (!(await present(o.user, null))) return;
      const item = o.release ? 'rel_agg' : tid(o.track);
      await exec(sql`
        insert into payments (id, community_id, user_id, provider, provider_charge_id, kind, gross_minor, currency, artist_share_bps, captured_at)
        values (${`pay_agg_${i}`}, ${communityOf(o.release ? 0 : o.track)}, ${uid(o.user)}, 'sandbox', ${`ch_agg_${i}`}, 'purchase', 500, 'EUR', 8000, ${at})`);
      await exec(sql`
        insert into purchases (id, community_id, user_id, item_type, item_id, payment_id, amount_minor, currency, created_at)
        values (${`pur_agg_${i}`}, ${communityOf(o.release ? 0 : o.track)}, ${uid(o.user)}, ${o.release ? 'release' : 'track'},
                ${item}, ${`pay_agg_${i}`}, 500, 'EUR', ${at})`);
      return;
    }
    case 'refund':
      await exec(sql`update purchases set refunded = true
                     where id = (select id from purchases order by id offset ${o.nth} limit 1)`);
      return;
    case 'pick':
      if (!(await present(o.user, o.track))) return;
      await exec(sql`
        insert into picks (id, community_id, user_id, track_id, created_at)
        values (${`pck_agg_${i}`}, ${communityOf(o.track)}, ${uid(o.user)}, ${tid(o.track)}, ${at})
        on conflict do nothing`);
      return;
    case 'unpick':
      await exec(sql`delete from picks where user_id = ${uid(o.user)} and track_id = ${tid(o.track)}`);
      return;
    case 'join':
      if (!(await present(o.user, null))) return;
      await exec(sql`
        insert into memberships (id, community_id, user_id, handle, handle_key, role, shared_data)
        values (${`mem_agg_${i}`}, ${COMMUNITIES[o.community]}, ${uid(o.user)}, ${`h${i}`}, ${`h${i}`}, ${o.role}, '\\x00')
        on conflict (community_id, user_id) do update set role = excluded.role`);
      return;
    case 'leave':
      await exec(
        sql`delete from memberships where user_id = ${uid(o.user)} and community_id = ${COMMUNITIES[o.community]}`,
      );
      return;
    case 'void':
      if (await present(o.user, null)) await store.void(uid(o.user), 'test', uid(0), new Date());
      return;
    case 'unvoid':
      await exec(sql`delete from chart_voids where user_id = ${uid(o.user)}`);
      return;
    case 'erase':
      await exec(sql`delete from users where id = ${uid(o.user)}`);
      return;
    case 'move':
      await exec(
        sql`update tracks set release_id = case when release_id is null then 'rel_agg' end where id = ${tid(o.track)}`,
      );
      return;
    case 'deleteTrack':
      await exec(sql`delete from tracks where id = ${tid(o.track)}`);
      return;
  }
}

/** The four aggregate tables, in key order; sums of zero are rows nobody supports any more. */
async function aggregates(): Promise<unknown[][]> {
  return Promise.all([
    rows(sql`select * from chart_support order by track_id, week, user_id`),
    rows(sql`select * from chart_track_weeks
             where supporters <> 0 or fresh <> 0 or listen <> 0 or download <> 0 or purchase <> 0 or pick <> 0
                or listen_half <> 0 or download_half <> 0 or purchase_half <> 0 or pick_half <> 0 or voided <> 0 or team <> 0
             order by week, audience, community_id, track_id`),
    rows(sql`select * from chart_listeners order by community_id, user_id`),
    rows(sql`select * from chart_listener_weeks where listeners <> 0 order by community_id, week`),
  ]);
}

beforeAll(async () => {
  t = await createTestApp();
  store = new ChartsStore(t.ctx.db);
  for (const id of COMMUNITIES) {
    await exec(sql`
      insert into communities (id, slug, name, kind, visibility, accent_color, member_count)
      values (${id}, ${id.replaceAll('_', '-')}, 'X', 'artist', 'public', '#123456', 0)`);
  }
  await exec(
    sql`insert into releases (id, community_id, title, kind) values ('rel_agg', 'com_agg_a', 'EP', 'ep')`,
  );
});

afterAll(async () => {
  await t.close();
});

describe('the charts aggregates', () => {
  it('property: equal a recount from the sources after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ops, { minLength: 30, maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: 20 * DAY }), { minLength: USERS, maxLength: USERS }),
        async (sequence, ages) => {
          await reset(ages);
          for (const [i, o] of sequence.entries()) await apply(o, i);
          const kept = await aggregates();
          await store.rebuildAggregates();
          expect(kept).toEqual(await aggregates());
        },
      ),
      { numRuns: 30 },
    );
    // Thirty sequences of up to 80 writes, and shrinking when one fails, on a loaded machine.
  }, 180_000);
});
