import type { CommunityService } from '@coterie/communities';
import { type AppContext, loadConfig } from '@coterie/platform';
import { describe, expect, it } from 'vitest';
import { ChartService, type ChartView } from './chart-service.ts';
import { type SnapshotPort, WARM_WORTH_MS } from './open-chart-cache.ts';
import type { OpenSnapshot } from './snapshot-store.ts';
import type { ChartsStore } from './store.ts';
import type { TallyRow } from './tally-query.ts';

const row = (trackId: string, points2: number): TallyRow => ({
  communityId: 'com_a',
  trackId,
  points2,
  supporters: points2 / 2,
  fresh: 0,
  listen: points2 / 2,
  download: 0,
  purchase: 0,
  pick: 0,
  discounted: 0,
  voided: 0,
  team: 0,
});

/** The snapshot table as two processes (or two starts) share it, with its epoch. */
function sharedSnapshots(): SnapshotPort<ChartView> & { rows: Map<string, OpenSnapshot<ChartView>> } {
  const rows = new Map<string, OpenSnapshot<ChartView>>();
  let epoch = 0;
  return {
    rows,
    epoch: async () => epoch,
    get: async (week, scope) => {
      const row = rows.get(`${scope}|${week}`);
      return row && row.epoch === epoch ? row : null;
    },
    put: async (snapshot) => {
      const old = rows.get(`${snapshot.scope}|${snapshot.week}`);
      if (snapshot.epoch !== epoch || (old && old.epoch === epoch && old.computedAt >= snapshot.computedAt))
        return;
      rows.set(`${snapshot.scope}|${snapshot.week}`, snapshot);
    },
    invalidate: async () => {
      epoch++;
      rows.clear();
    },
  };
}

/** A store whose tallies answer only when the test lets them, counting how many were asked. */
function setUp(snapshots: SnapshotPort<ChartView> = sharedSnapshots()) {
  let now = new Date('2026-12-02T12:00:00Z');
  let points = 10;
  const pending: (() => void)[] = [];
  const calls = { tallies: 0 };
  const store = {
    closedAt: async () => null,
    tallies: () => {
      calls.tallies++;
      const rows = [row('trk_a', points), row('trk_b', 4)];
      return new Promise<TallyRow[]>((resolve) => pending.push(() => resolve(rows)));
    },
    trackInfo: async (ids: readonly string[]) =>
      new Map(ids.map((id) => [id, { title: id, artist: 'A', communityId: 'com_a', communitySlug: 'a' }])),
    history: async () => new Map(),
  } as unknown as ChartsStore;
  const ctx = {
    config: loadConfig({ COTERIE_DATA_DIR: '/tmp/unused' }),
    clock: () => now,
    logger: { warn: () => {} },
  } as unknown as AppContext;
  const service = new ChartService(ctx, store, {} as CommunityService, snapshots);
  // Lets every tally asked so far (and any asked while they land) answer.
  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      while (pending.length > 0) pending.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return {
    service,
    calls,
    settle,
    later: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    setPoints: (p: number) => {
      points = p;
    },
  };
}

describe('the open chart cache', () => {
  it('runs one tally for many viewers asking at once', async () => {
    const t = setUp();
    const views = Promise.all([1, 2, 3, 4, 5].map(() => t.service.chart({ kind: 'rising' })));
    await t.settle();
    const answered = await views;
    expect(t.calls.tallies).toBe(1);
    expect(answered.every((v) => v.entries[0]?.trackId === 'trk_a')).toBe(true);
  });

  it('after a minute answers at once with the last chart while one refresh runs behind', async () => {
    const t = setUp();
    const first = t.service.chart({ kind: 'rising' });
    await t.settle();
    await first;
    t.later(61_000);
    t.setPoints(2);
    // Not settled: the stale chart comes back without waiting for the tally.
    const stale = await t.service.chart({ kind: 'rising' });
    expect(stale.entries.map((e) => e.trackId)).toEqual(['trk_a', 'trk_b']);
    await t.service.chart({ kind: 'rising' });
    expect(t.calls.tallies).toBe(2);
    await t.settle();
    const fresh = await t.service.chart({ kind: 'rising' });
    expect(fresh.entries.map((e) => e.trackId)).toEqual(['trk_b', 'trk_a']);
    expect(t.calls.tallies).toBe(2);
  });

  it('keeps a slow tally ten times as long as it took, so refreshes hold the database a tenth of the time', async () => {
    const t = setUp();
    const first = t.service.chart({ kind: 'rising' });
    await new Promise((resolve) => setImmediate(resolve));
    t.later(30_000); // the tally takes 30 s
    await t.settle();
    await first;
    t.later(299_000);
    await t.service.chart({ kind: 'rising' });
    expect(t.calls.tallies).toBe(1);
    t.later(2_000);
    await t.service.chart({ kind: 'rising' });
    expect(t.calls.tallies).toBe(2);
  });

  it('after invalidate (a void, a close) waits for a new tally, and drops one begun before', async () => {
    const t = setUp();
    const first = t.service.chart({ kind: 'rising' });
    await t.settle();
    await first;
    t.later(61_000);
    void t.service.chart({ kind: 'rising' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.calls.tallies).toBe(2);
    await t.service.invalidate();
    t.setPoints(2);
    const after = t.service.chart({ kind: 'rising' });
    await t.settle();
    expect((await after).entries.map((e) => e.trackId)).toEqual(['trk_b', 'trk_a']);
    expect(t.calls.tallies).toBe(3);
    // The refresh begun before the void was not kept.
    const cached = await t.service.chart({ kind: 'rising' });
    expect(cached.entries.map((e) => e.trackId)).toEqual(['trk_b', 'trk_a']);
    expect(t.calls.tallies).toBe(3);
  });

  it('another process, or the next start, answers from the snapshot without a tally', async () => {
    const shared = sharedSnapshots();
    const a = setUp(shared);
    const first = a.service.chart({ kind: 'rising' });
    await a.settle();
    await first;
    expect(shared.rows.size).toBe(1);
    const b = setUp(shared);
    const answered = await b.service.chart({ kind: 'rising' });
    expect(answered.entries.map((e) => e.trackId)).toEqual(['trk_a', 'trk_b']);
    expect(b.calls.tallies).toBe(0);
    // Stale there too: served at once, one refresh behind.
    b.later(61_000);
    await b.service.chart({ kind: 'rising' });
    expect(b.calls.tallies).toBe(1);
  });

  it('a void in one process stops every process serving the older snapshots, and drops tallies begun before', async () => {
    const shared = sharedSnapshots();
    const a = setUp(shared);
    const first = a.service.chart({ kind: 'rising' });
    await a.settle();
    await first;
    a.later(61_000);
    void a.service.chart({ kind: 'rising' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(a.calls.tallies).toBe(2);
    const b = setUp(shared);
    await b.service.invalidate();
    await a.settle();
    expect(shared.rows.size).toBe(0);
    const c = setUp(shared);
    c.setPoints(2);
    const after = c.service.chart({ kind: 'rising' });
    await c.settle();
    expect((await after).entries.map((e) => e.trackId)).toEqual(['trk_b', 'trk_a']);
    expect(c.calls.tallies).toBe(1);
  });

  it('warms Rising on start unless a snapshot exists, and keeps it only if it was slow', async () => {
    const shared = sharedSnapshots();
    const a = setUp(shared);
    const warming = a.service.warm();
    while (a.calls.tallies === 0) await new Promise((resolve) => setImmediate(resolve));
    a.later(WARM_WORTH_MS);
    await a.settle();
    expect(await warming).toBe(true);
    expect(a.calls.tallies).toBe(1);
    const b = setUp(shared);
    expect(await b.service.warm()).toBe(false);
    expect(b.calls.tallies).toBe(0);
    await b.service.chart({ kind: 'rising' });
    expect(b.calls.tallies).toBe(0);
  });

  it('drops a quick warming tally, so the first viewer sees the listens since the start', async () => {
    const t = setUp();
    const warming = t.service.warm();
    await t.settle();
    expect(await warming).toBe(false);
    t.setPoints(2);
    const view = t.service.chart({ kind: 'rising' });
    await t.settle();
    expect(t.calls.tallies).toBe(2);
    expect((await view).entries[0]?.trackId).toBe('trk_b');
  });
});
