import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeAudio } from '@coterie/music/generate-audio';
import { createTestApp, multipartBody, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressOf, statusOf } from './campaign-rules.ts';
import { isoWeek } from './weeks.ts';

let t: TestApp;
let audioDir: string;
let owner: TestClient;
let admin: TestClient;
let outsider: TestClient;
const fans: TestClient[] = [];
let trackId: string;
let tierId: string;
const DAY = 86_400;

const listen = (c: TestClient) => c.post(`/api/tracks/${trackId}/plays`, { playedMs: 30_000 });
const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY * 1000).toISOString();

beforeAll(async () => {
  t = await createTestApp({
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000',
    COTERIE_ADMIN_EMAILS: 'admin@example.com',
    COTERIE_SESSION_DAYS: '365',
  });
  audioDir = await mkdtemp(path.join(tmpdir(), 'coterie-campaigns-'));
  owner = t.client();
  await owner.signUp('ana@example.com', 'Ana');
  await owner.post('/api/communities', { slug: 'ana', name: 'Ana', kind: 'artist', visibility: 'public' });
  tierId = (
    await owner.post('/api/communities/ana/tiers', { name: 'Friend', priceMinor: 500, currency: 'EUR' })
  ).body.id;
  admin = t.client();
  await admin.signUp('admin@example.com', 'Admin');
  outsider = t.client();
  await outsider.signUp('out@example.com', 'Out');
  for (let i = 0; i < 3; i++) {
    const c = t.client();
    await c.signUp(`fan${i}@example.com`, `Fan ${i}`);
    await c.post('/api/communities/ana/join', { handle: `fan${i}`, share: [] });
    fans.push(c);
  }
  const audio = await makeAudio(audioDir, 'wav', { seconds: 2 });
  trackId = (
    await owner.request(
      'POST',
      '/api/communities/ana/tracks',
      undefined,
      multipartBody({ title: 'Lift me' }, { filename: 'a.wav', contentType: 'audio/wav', data: audio.data }),
    )
  ).body.id;
  await t.app.jobs.idle();
});

afterAll(async () => {
  await t.close();
  await rm(audioDir, { recursive: true, force: true });
});

describe('campaign rules', () => {
  it('measures count goals by share reached and chart goals by rank', () => {
    expect(progressOf('supporters', 2, 3)).toEqual({ value: 2, target: 3, percent: 66, reached: false });
    expect(progressOf('funding', 1200, 1000)).toMatchObject({ percent: 100, reached: true });
    expect(progressOf('chart', null, 10)).toMatchObject({ percent: 0, reached: false });
    expect(progressOf('chart', 15, 10)).toMatchObject({ percent: 50, reached: false });
    expect(progressOf('chart', 10, 10)).toMatchObject({ percent: 100, reached: true });
    expect(statusOf(progressOf('supporters', 1, 3), true)).toBe('failed');
    expect(statusOf(progressOf('supporters', 1, 3), false)).toBe('active');
  });
});

describe('campaigns', () => {
  let supportersId: string;

  it('rallies supporters, shows those who chose to be shown, and succeeds when the goal is met', async () => {
    const created = await owner.post('/api/communities/ana/campaigns', {
      kind: 'supporters',
      title: 'Three new listeners for Lift me',
      trackId,
      target: 3,
      endsAt: inDays(7),
    });
    expect(created.status, created.text).toBe(201);
    supportersId = created.body.id;
    expect(created.body).toMatchObject({
      status: 'active',
      progress: { value: 0, percent: 0 },
      canEdit: true,
    });
    await fans[0]?.put(`/api/campaigns/${supportersId}/backers/mine`, { shown: true });
    await fans[1]?.put(`/api/campaigns/${supportersId}/backers/mine`, { shown: false });
    expect((await outsider.put(`/api/campaigns/${supportersId}/backers/mine`, { shown: true })).status).toBe(
      403,
    );
    await listen(fans[0] as TestClient);
    await listen(fans[1] as TestClient);
    await listen(owner); // The team's own support never counts.
    const midway = (await fans[2]?.get(`/api/campaigns/${supportersId}`))?.body;
    expect(midway).toMatchObject({
      status: 'active',
      progress: { value: 2, percent: 66 },
      backers: { count: 2, shown: [{ handle: 'fan0' }] },
      joined: false,
      myBacking: null,
    });
    expect((await fans[0]?.get(`/api/campaigns/${supportersId}`))?.body.myBacking).toEqual({ shown: true });
    expect((await fans[1]?.get(`/api/campaigns/${supportersId}`))?.body.myBacking).toEqual({ shown: false });
    await listen(fans[2] as TestClient);
    const done = (await outsider.get(`/api/campaigns/${supportersId}`)).body;
    expect(done).toMatchObject({ status: 'succeeded', progress: { value: 3, reached: true } });
    const list = (await outsider.get('/api/communities/ana/campaigns')).body.campaigns;
    expect(list.map((c: { id: string }) => c.id)).toContain(supportersId);
  });

  it('counts funding from the ledger, and fails the goal not reached by its deadline', async () => {
    const created = await owner.post('/api/communities/ana/campaigns', {
      kind: 'funding',
      title: 'Pay for the studio',
      target: 1000,
      currency: 'eur',
      endsAt: inDays(3),
    });
    expect(created.status, created.text).toBe(201);
    const started = await fans[0]?.post('/api/communities/ana/subscriptions', { tierId });
    await fans[0]?.post(`/api/payments/sandbox/checkout/${started?.body.checkoutId}/pay`, {
      cardNumber: '4242424242424242',
    });
    expect((await owner.get(`/api/campaigns/${created.body.id}`)).body).toMatchObject({
      status: 'active',
      currency: 'EUR',
      progress: { value: 500, percent: 50 },
    });
    t.clock.advance(4 * DAY);
    await t.app.charts.campaigns.settleDue();
    expect((await owner.get(`/api/campaigns/${created.body.id}`)).body).toMatchObject({
      status: 'failed',
      progress: { value: 500, reached: false },
    });
    const ended = await fans[1]?.put(`/api/campaigns/${created.body.id}/backers/mine`, { shown: true });
    expect(ended?.body.error.code).toBe('campaign_ended');
  });

  it('lifts a track into the top of the chart, judged when the week closes', async () => {
    const week = isoWeek(t.clock.now());
    const created = await owner.post('/api/communities/ana/campaigns', {
      kind: 'chart',
      title: 'Number one this week',
      trackId,
      chart: 'community',
      target: 1,
      byWeek: week,
    });
    expect(created.status, created.text).toBe(201);
    await listen(fans[1] as TestClient);
    await t.app.charts.charts.invalidate();
    const live = (await fans[1]?.get(`/api/campaigns/${created.body.id}`))?.body;
    expect(live).toMatchObject({ status: 'active', progress: { value: null, currentRank: 1 } });
    await admin.post('/api/admin/charts/close', { week });
    expect((await fans[1]?.get(`/api/campaigns/${created.body.id}`))?.body).toMatchObject({
      status: 'succeeded',
      progress: { value: 1, reached: true },
    });
  });

  it('is the team’s to start, with goals that make sense', async () => {
    const base = { kind: 'supporters', title: 'X', target: 5, endsAt: inDays(5) };
    expect((await fans[0]?.post('/api/communities/ana/campaigns', base))?.status).toBe(403);
    const bad = [
      { ...base, endsAt: inDays(-1) },
      { ...base, endsAt: inDays(400) },
      { ...base, kind: 'chart', target: 3, byWeek: isoWeek(t.clock.now()) },
      { ...base, kind: 'chart', trackId, target: 500 },
      { ...base, kind: 'chart', trackId, target: 3, byWeek: '2020-W01' },
      { ...base, kind: 'funding', currency: 'XXX' },
      { ...base, trackId: 'trk_elsewhere' },
      { ...base, target: 0 },
    ];
    for (const body of bad) {
      const res = await owner.post('/api/communities/ana/campaigns', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await outsider.get('/api/campaigns/cmp_nope')).status).toBe(404);
  });

  it('exports what a person backed', async () => {
    const exported = (await fans[0]?.get('/api/me/export'))?.body;
    expect(exported.sections.charts.campaignsBacked).toEqual([
      expect.objectContaining({ campaignId: supportersId, shown: true }),
    ]);
    expect(exported.sections.charts.voided).toBeNull();
  });
});
