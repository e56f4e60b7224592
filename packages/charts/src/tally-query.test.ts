import { createTestApp, type TestApp } from '@coterie/testing';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_EVENT_KINDS, type SupportEvent, tally, type Weights } from './chart-rules.ts';
import { toTally } from './chart-service.ts';
import { ChartsStore } from './store.ts';
import { weekBounds } from './weeks.ts';

// The SQL that closes weeks over millions of rows must count exactly what the pure rules count.
const WEEK = '2026-W45';
const bounds = weekBounds(WEEK) as { start: Date; end: Date };
const WEIGHTS: Weights = { purchase: 4, pick: 3, download: 2, listen: 1 };
const DAY = 86_400_000;
const USERS = 8;
const TRACKS = 3;

let t: TestApp;
let store: ChartsStore;

const uid = (n: number) => `usr_xcheck_${n}`;
const tid = (n: number) => `trk_xcheck_${n}`;

beforeAll(async () => {
  t = await createTestApp();
  store = new ChartsStore(t.ctx.db);
  await t.ctx.db.execute(sql`
    insert into communities (id, slug, name, kind, visibility, accent_color, member_count)
    values ('com_xcheck', 'xcheck', 'X', 'artist', 'public', '#123456', 0)`);
  await t.ctx.db.execute(
    sql`insert into releases (id, community_id, title, kind) values ('rel_xcheck', 'com_xcheck', 'EP', 'ep')`,
  );
  for (let n = 0; n < TRACKS; n++) {
    await t.ctx.db.execute(sql`
      insert into tracks (id, community_id, release_id, title, artist, visibility, status, original)
      values (${tid(n)}, 'com_xcheck', ${n === 2 ? 'rel_xcheck' : null}, ${`T${n}`}, 'A', 'public', 'ready',
              '{"key":"k","bytes":1,"sha256":"x","contentType":"audio/wav","format":"wav","extension":"wav"}'::jsonb)`);
  }
});

afterAll(async () => {
  await t.close();
});

interface Draw {
  user: number;
  track: number;
  kind: (typeof CHART_EVENT_KINDS)[number];
  atMs: number;
}

async function load(
  draws: Draw[],
  ages: number[],
  team: boolean[],
  voided: boolean[],
): Promise<SupportEvent[]> {
  for (const table of ['track_events', 'picks', 'purchases', 'payments', 'chart_voids', 'memberships']) {
    await t.ctx.db.execute(sql.raw(`delete from ${table}`));
  }
  await t.ctx.db.execute(sql`delete from users where id like 'usr_xcheck_%'`);
  for (let n = 0; n < USERS; n++) {
    const created = new Date(bounds.start.getTime() - (ages[n] as number));
    await t.ctx.db.execute(sql`
      insert into users (id, email, password_hash, display_name, created_at)
      values (${uid(n)}, ${`x${n}@example.com`}, 'x', ${`U${n}`}, ${created.toISOString()})`);
    await t.ctx.db.execute(sql`
      insert into memberships (id, community_id, user_id, handle, handle_key, role, shared_data)
      values (${`mem_x${n}`}, 'com_xcheck', ${uid(n)}, ${`u${n}`}, ${`u${n}`}, ${team[n] ? 'moderator' : 'member'}, '\\x00')`);
    if (voided[n]) await store.void(uid(n), 'test', uid(0), new Date());
  }
  const events: SupportEvent[] = [];
  const seen = new Set<string>();
  for (const [i, d] of draws.entries()) {
    const at = new Date(bounds.start.getTime() + d.atMs);
    const userCreated = new Date(bounds.start.getTime() - (ages[d.user] as number));
    const k = `${d.user}|${d.track}|${d.kind}`;
    // Each source keeps one row per account and track (picks, listens per week); purchases may repeat.
    if (d.kind === 'listen' || d.kind === 'download') {
      if (seen.has(k)) continue;
      await t.ctx.db.execute(sql`
        insert into track_events (community_id, track_id, user_id, kind, week, first_at, last_at)
        values ('com_xcheck', ${tid(d.track)}, ${uid(d.user)}, ${d.kind}, ${WEEK}, ${at.toISOString()}, ${at.toISOString()})`);
    } else if (d.kind === 'pick') {
      if (seen.has(k)) continue;
      await t.ctx.db.execute(sql`
        insert into picks (id, community_id, user_id, track_id, created_at)
        values (${`pck_${i}`}, 'com_xcheck', ${uid(d.user)}, ${tid(d.track)}, ${at.toISOString()})`);
    } else {
      // Track 2 is bought through its release, the others directly.
      await t.ctx.db.execute(sql`
        insert into payments (id, community_id, user_id, provider, provider_charge_id, kind, gross_minor, currency, artist_share_bps, captured_at)
        values (${`pay_${i}`}, 'com_xcheck', ${uid(d.user)}, 'sandbox', ${`ch_${i}`}, 'purchase', 500, 'EUR', 8000, ${at.toISOString()})`);
      await t.ctx.db.execute(sql`
        insert into purchases (id, community_id, user_id, item_type, item_id, payment_id, amount_minor, currency, created_at)
        values (${`pur_${i}`}, 'com_xcheck', ${uid(d.user)}, ${d.track === 2 ? 'release' : 'track'},
                ${d.track === 2 ? 'rel_xcheck' : tid(d.track)}, ${`pay_${i}`}, 500, 'EUR', ${at.toISOString()})`);
    }
    seen.add(k);
    events.push({
      trackId: tid(d.track),
      userId: uid(d.user),
      kind: d.kind,
      at,
      accountCreatedAt: userCreated,
      team: team[d.user] as boolean,
      voided: voided[d.user] as boolean,
    });
  }
  return events;
}

describe('the SQL tally', () => {
  it('property: equals the pure tally on random weeks of support', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            user: fc.integer({ min: 0, max: USERS - 1 }),
            track: fc.integer({ min: 0, max: TRACKS - 1 }),
            kind: fc.constantFrom(...CHART_EVENT_KINDS),
            atMs: fc.integer({ min: 0, max: 7 * DAY - 1 }),
          }),
          { maxLength: 40 },
        ),
        fc.array(fc.integer({ min: 0, max: 20 * DAY }), { minLength: USERS, maxLength: USERS }),
        fc.array(fc.boolean(), { minLength: USERS, maxLength: USERS }),
        fc.array(fc.boolean(), { minLength: USERS, maxLength: USERS }),
        async (draws, ages, team, voided) => {
          const events = await load(draws, ages, team, voided);
          const rows = await store.tallies({ week: WEEK, ...bounds }, { kind: 'communities' }, WEIGHTS);
          const fromSql = rows.map(toTally).sort((a, b) => (a.trackId < b.trackId ? -1 : 1));
          const pure = [...tally(events, WEIGHTS).values()].sort((a, b) => (a.trackId < b.trackId ? -1 : 1));
          expect(fromSql).toEqual(pure);
        },
      ),
      { numRuns: 25 },
    );
  });
});
