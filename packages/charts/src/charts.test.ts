import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeAudio } from '@coterie/music/generate-audio';
import { createTestApp, multipartBody, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartService, type ChartView } from './chart-service.ts';
import { SnapshotStore } from './snapshot-store.ts';
import { ChartsStore } from './store.ts';
import type { TallyRow } from './tally-query.ts';
import { isoWeek, nextWeek } from './weeks.ts';

class NoTally extends ChartsStore {
  override async tallies(): Promise<TallyRow[]> {
    throw new Error('a tally ran');
  }
}

let t: TestApp;
let audioDir: string;
let owner: TestClient;
let admin: TestClient;
let anonymous: TestClient;
const tracks: Record<string, string> = {};
const DAY = 86_400;

async function person(name: string, join = true): Promise<TestClient> {
  const c = t.client();
  await c.signUp(`${name}@example.com`, name);
  if (join) expect((await c.post('/api/communities/ana/join', { handle: name, share: [] })).status).toBe(201);
  return c;
}

const listen = async (c: TestClient, trackId: string) => {
  const res = await c.post(`/api/tracks/${trackId}/plays`, { playedMs: 30_000 });
  expect(res.status, res.text).toBeLessThan(300);
};

const week = () => isoWeek(t.clock.now());
const chart = async (c: TestClient, w?: string) =>
  (await c.get(`/api/communities/ana/chart${w ? `?week=${w}` : ''}`)).body;

beforeAll(async () => {
  t = await createTestApp({
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '10000',
    COTERIE_ADMIN_EMAILS: 'admin@example.com',
    COTERIE_SESSION_DAYS: '365',
  });
  audioDir = await mkdtemp(path.join(tmpdir(), 'coterie-charts-'));
  owner = t.client();
  await owner.signUp('ana@example.com', 'Ana');
  await owner.post('/api/communities', { slug: 'ana', name: 'Ana', kind: 'artist', visibility: 'public' });
  admin = await person('admin', false);
  anonymous = t.client();
  const audio = await makeAudio(audioDir, 'wav', { seconds: 2 });
  for (const title of ['Honest', 'Gamed', 'Quiet']) {
    const res = await owner.request(
      'POST',
      '/api/communities/ana/tracks',
      undefined,
      multipartBody(
        { title, downloadable: 'true' },
        { filename: 'a.wav', contentType: 'audio/wav', data: audio.data },
      ),
    );
    tracks[title] = res.body.id;
  }
  await t.app.jobs.idle();
  // Start on a Tuesday, so a week of support fits before the close.
  while (t.clock.now().getUTCDay() !== 2) t.clock.advance(3600);
});

afterAll(async () => {
  await t.close();
  await rm(audioDir, { recursive: true, force: true });
});

describe('a week of honest support against a gaming attempt', () => {
  let gamer: TestClient;
  const fresh: TestClient[] = [];

  // A thousand listens one after another take more than the default timeout on a loaded 2-core machine.
  it('ranks honest support above 1,000 plays, the artist’s own plays and a burst of fresh accounts', async () => {
    const honest: TestClient[] = [];
    for (let i = 0; i < 12; i++) honest.push(await person(`fan${i}`));
    gamer = await person('gamer');
    // Established accounts: they signed up ten days before this week's support.
    t.clock.advance(10 * DAY);
    while (t.clock.now().getUTCDay() !== 2) t.clock.advance(3600);
    for (const fan of honest) {
      await listen(fan, tracks.Honest as string);
      expect((await fan.get(`/api/tracks/${tracks.Honest}/download`)).status).toBe(200);
    }
    for (let i = 0; i < 1000; i++) await listen(gamer, tracks.Gamed as string);
    for (let i = 0; i < 50; i++) await listen(owner, tracks.Gamed as string);
    for (let i = 0; i < 20; i++) {
      const c = await person(`burst${i}`);
      await listen(c, tracks.Gamed as string);
      expect((await c.get(`/api/tracks/${tracks.Gamed}/download`)).status).toBe(200);
      fresh.push(c);
    }
    await listen(honest[0] as TestClient, tracks.Quiet as string);
    await t.app.charts.charts.invalidate();
    const open = await chart(anonymous);
    expect(open).toMatchObject({ week: week(), status: 'open' });
    expect(open.entries.map((e: { title: string }) => e.title)).toEqual(['Honest', 'Gamed', 'Quiet']);
    // While the week is open: ranks and movement, never counts.
    for (const e of open.entries) {
      expect(e.supporters).toBeUndefined();
      expect(e.points).toBeUndefined();
      expect(e.movement).toBe('new');
    }
  }, 120_000);

  it('another server process, or the next start, serves the open chart from its stored snapshot', async () => {
    const served = await chart(anonymous);
    // Processes that cannot tally at all: they answer from the snapshot the first one stored.
    const elsewhere = () =>
      new ChartService(
        t.ctx,
        new NoTally(t.ctx.db),
        t.app.communities.communities,
        new SnapshotStore<ChartView>(t.ctx.db),
      );
    const ref = await elsewhere().ref(null, 'ana');
    expect((await elsewhere().chart(ref)).entries).toEqual(served.entries);
    // A void or a close elsewhere moves the epoch on: the old snapshot is never served again.
    await t.app.charts.charts.invalidate();
    await expect(elsewhere().chart(ref)).rejects.toThrow('a tally ran');
    expect((await chart(anonymous)).entries).toEqual(served.entries);
  });

  it('shows the artist why, without saying who', async () => {
    const res = await owner.get(`/api/tracks/${tracks.Gamed}/chart-breakdown?chart=community`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      status: 'open',
      rank: 2,
      supporters: 21,
      byKind: { listen: 21, download: 20, purchase: 0, pick: 0 },
      discounted: 40,
      fresh: 20,
      team: 1,
      voided: 0,
      // 1 established listen (2 halves) + 20 fresh listens and downloads at half weight.
      points: (2 + 20 * 1 + 20 * 2) / 2,
    });
    expect(JSON.stringify(res.body)).not.toContain('@example.com');
    const fan = await person('curious');
    expect((await fan.get(`/api/tracks/${tracks.Gamed}/chart-breakdown`)).status).toBe(403);
  });

  it('flags the entry carried by brand-new accounts for an instance admin', async () => {
    expect((await owner.get('/api/admin/charts/flags')).status).toBe(404);
    const res = await admin.get('/api/admin/charts/flags');
    expect(res.status, res.text).toBe(200);
    const flag = res.body.flags.find((f: { trackId: string }) => f.trackId === tracks.Gamed);
    expect(flag).toMatchObject({ chart: 'rising', supporters: 21, fresh: 20 });
    expect(flag.freshAccounts).toHaveLength(20);
  });

  it('closes the week once, even when asked twice at the same time, and publishes the counts', async () => {
    const w = week();
    expect((await owner.post('/api/admin/charts/close', { week: w })).status).toBe(404);
    const [a, b] = await Promise.all([
      admin.post('/api/admin/charts/close', { week: w }),
      admin.post('/api/admin/charts/close', { week: w }),
    ]);
    expect([a.body.closed, b.body.closed].sort()).toEqual([false, true]);
    const again = await admin.post('/api/admin/charts/close', { week: w });
    expect(again.body).toMatchObject({ closed: false });
    const closed = await chart(anonymous, w);
    expect(closed.status).toBe('closed');
    expect(closed.entries.map((e: { title: string; supporters: number }) => [e.title, e.supporters])).toEqual(
      [
        ['Honest', 12],
        ['Gamed', 21],
        ['Quiet', 1],
      ],
    );
    expect(closed.entries[0].points).toBe(12 * 3);
    const rising = (await anonymous.get(`/api/charts/rising?week=${w}`)).body;
    expect(rising.entries[0]).toMatchObject({ title: 'Honest', communitySlug: 'ana', supporters: 12 });
  });

  it('publishes a correction when an admin voids the burst, and keeps the original', async () => {
    const w = week();
    const flagged = (await admin.get(`/api/admin/charts/flags?week=${w}`)).body.flags[0].freshAccounts;
    let corrections = 0;
    for (const account of flagged) {
      const res = await admin.post('/api/admin/charts/voids', {
        userId: account.userId,
        reason: 'burst of new accounts',
      });
      expect(res.status, res.text).toBe(200);
      corrections += res.body.corrections.length;
    }
    expect(corrections).toBeGreaterThan(0);
    const closed = await chart(anonymous, w);
    expect(closed.corrections.length).toBeGreaterThan(0);
    expect(closed.corrections[0].reason).toContain('burst');
    const gamed = closed.entries.find((e: { title: string }) => e.title === 'Gamed');
    expect(gamed).toMatchObject({ supporters: 1, points: 1 });
    const breakdown = (
      await owner.get(`/api/tracks/${tracks.Gamed}/chart-breakdown?chart=community&week=${w}`)
    ).body;
    expect(breakdown).toMatchObject({ status: 'closed', voided: 40, supporters: 1 });
  });

  it('moves entries week to week, and closes weeks missed while down on start', async () => {
    const first = week();
    t.clock.advance(7 * DAY);
    const second = week();
    expect(second).toBe(nextWeek(first));
    for (let i = 0; i < 3; i++) await listen(await person(`late${i}`), tracks.Quiet as string);
    await t.app.charts.charts.invalidate();
    const open = await chart(anonymous);
    expect(open.entries[0]).toMatchObject({
      title: 'Quiet',
      movement: 'up',
      moveBy: 2,
      weeksOnChart: 2,
      peak: 1,
    });
    t.clock.advance(8 * DAY);
    await t.app.charts.start();
    const closed = await chart(anonymous, second);
    expect(closed.status).toBe('closed');
    expect(closed.entries[0]).toMatchObject({ title: 'Quiet', movement: 'up', peak: 1, weeksOnChart: 2 });
    const run = (await anonymous.get(`/api/tracks/${tracks.Quiet}/chart-run?chart=community`)).body;
    expect(run.weeks).toEqual([
      { week: first, rank: 3 },
      { week: second, rank: 1 },
    ]);
  });

  it('refuses weeks that are not weeks, or have not begun', async () => {
    expect((await anonymous.get('/api/charts/rising?week=2026-49')).status).toBe(400);
    expect((await anonymous.get('/api/charts/rising?week=2025-W53')).body.error.code).toBe('invalid_week');
    expect((await anonymous.get('/api/charts/rising?week=2999-W01')).body.error.code).toBe('future_week');
    expect((await admin.post('/api/admin/charts/close', { week: '2999-W01' })).status).toBe(400);
    expect((await anonymous.get('/api/communities/nope-nope/chart')).status).toBe(404);
  });
});
