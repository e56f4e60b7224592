import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, multipartBody, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAudio } from './generate-audio.ts';

let t: TestApp;
let audioDir: string;
let owner: TestClient;
let fan: TestClient;
let supporter: TestClient;
let patron: TestClient;
let anonymous: TestClient;
const tiers: Record<string, string> = {};
const ids: Record<string, string> = {};

async function subscribe(client: TestClient, tierId: string): Promise<void> {
  const started = await client.post('/api/communities/ana/subscriptions', { tierId });
  expect(started.status, started.text).toBe(201);
  const paid = await client.post(`/api/payments/sandbox/checkout/${started.body.checkoutId}/pay`, {
    cardNumber: '4242424242424242',
  });
  expect(paid.status, paid.text).toBe(200);
}

async function buy(client: TestClient, itemType: 'track' | 'release', itemId: string, amountMinor: number) {
  const started = await client.post('/api/purchases', { itemType, itemId, amountMinor });
  if (started.status !== 201) return started;
  return client.post(`/api/payments/sandbox/checkout/${started.body.checkoutId}/pay`, {
    cardNumber: '4242424242424242',
  });
}

beforeAll(async () => {
  t = await createTestApp({ COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000' });
  audioDir = await mkdtemp(path.join(tmpdir(), 'coterie-paid-'));
  owner = t.client();
  await owner.signUp('ana@example.com', 'Ana');
  await owner.post('/api/communities', { slug: 'ana', name: 'Ana', kind: 'artist', visibility: 'public' });
  for (const [name, priceMinor] of [
    ['Supporter', 500],
    ['Patron', 1500],
  ] as const) {
    const res = await owner.post('/api/communities/ana/tiers', { name, priceMinor, currency: 'EUR' });
    tiers[name] = res.body.id;
  }
  const clients: TestClient[] = [];
  for (const name of ['fan', 'supporter', 'patron']) {
    const c = t.client();
    await c.signUp(`${name}@example.com`, name);
    await c.post('/api/communities/ana/join', { handle: name, share: [] });
    clients.push(c);
  }
  [fan, supporter, patron] = clients as [TestClient, TestClient, TestClient];
  anonymous = t.client();
  const audio = await makeAudio(audioDir, 'flac', { seconds: 3 });
  const up = async (fields: Record<string, string>) =>
    (
      await owner.request(
        'POST',
        '/api/communities/ana/tracks',
        undefined,
        multipartBody(fields, { filename: 'a.flac', contentType: 'audio/flac', data: audio.data }),
      )
    ).body.id as string;
  ids.open = await up({ title: 'Open', downloadable: 'true' });
  ids.supporters = await up({ title: 'For supporters', visibility: 'tier', tierId: tiers.Supporter ?? '' });
  ids.patrons = await up({ title: 'For patrons', visibility: 'tier', tierId: tiers.Patron ?? '' });
  ids.priced = await up({ title: 'Priced', downloadable: 'true' });
  ids.inRelease = await up({ title: 'On the EP' });
  await t.app.jobs.idle();
  await subscribe(supporter, tiers.Supporter ?? '');
  await subscribe(patron, tiers.Patron ?? '');
});

afterAll(async () => {
  await t.close();
  await rm(audioDir, { recursive: true, force: true });
});

const titles = async (client: TestClient) =>
  ((await client.get('/api/communities/ana/tracks')).body.tracks as { title: string }[])
    .map((x) => x.title)
    .sort();

describe('tier-only tracks', () => {
  it('are heard by that tier and higher-priced ones, and by the team', async () => {
    expect(await titles(fan)).toEqual(['On the EP', 'Open', 'Priced']);
    expect(await titles(supporter)).toEqual(['For supporters', 'On the EP', 'Open', 'Priced']);
    expect(await titles(patron)).toEqual(['For patrons', 'For supporters', 'On the EP', 'Open', 'Priced']);
    expect(await titles(owner)).toHaveLength(5);
    expect(await titles(anonymous)).toEqual(['On the EP', 'Open', 'Priced']);
    const refused = await fan.get(`/api/tracks/${ids.supporters}/stream?format=opus`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'tier_required',
      message: expect.stringContaining('Supporter'),
    });
    expect((await supporter.get(`/api/tracks/${ids.patrons}`)).status).toBe(403);
    expect((await supporter.get(`/api/tracks/${ids.supporters}/stream?format=opus`)).status).toBe(200);
    expect((await patron.get(`/api/tracks/${ids.supporters}/stream?format=opus`)).status).toBe(200);
    expect((await anonymous.get(`/api/tracks/${ids.patrons}`)).status).toBe(403);
    expect((await supporter.get(`/api/tracks/${ids.supporters}`)).body).toMatchObject({
      visibility: 'tier',
      tierId: tiers.Supporter,
    });
  });

  it('close again when the subscription ends', async () => {
    await supporter.delete('/api/communities/ana/subscriptions/mine');
    t.clock.advance(40 * 86_400);
    expect((await supporter.get(`/api/tracks/${ids.supporters}`)).status).toBe(403);
    t.clock.advance(-40 * 86_400);
    expect((await supporter.get(`/api/tracks/${ids.supporters}`)).status).toBe(200);
  });

  it('need a tier of the same community', async () => {
    const other = t.client();
    await other.signUp('bo@example.com', 'Bo');
    await other.post('/api/communities', {
      slug: 'bo-music',
      name: 'Bo',
      kind: 'artist',
      visibility: 'public',
    });
    const created = await other.post('/api/communities/bo-music/tiers', {
      name: 'Bo fans',
      priceMinor: 300,
      currency: 'EUR',
    });
    expect(created.status, created.text).toBe(201);
    const res = await owner.patch(`/api/tracks/${ids.open}`, { visibility: 'tier', tierId: created.body.id });
    expect(res.status).toBe(400);
    expect(res.body.error.code, res.text).toBe('tier_not_found');
    expect((await owner.patch(`/api/tracks/${ids.open}`, { visibility: 'tier' })).status).toBe(400);
  });
});

describe('priced tracks and releases', () => {
  it('make downloads paid: buying the track opens them, at the price or more', async () => {
    const priced = await owner.patch(`/api/tracks/${ids.priced}`, {
      price: { amountMinor: 150, currency: 'eur', payWhatYouWant: true },
    });
    expect(priced.body.price).toEqual({ amountMinor: 150, currency: 'EUR', payWhatYouWant: true });
    const view = (await fan.get(`/api/tracks/${ids.priced}`)).body;
    expect(view).toMatchObject({ purchased: false, downloads: null });
    const refused = await fan.get(`/api/tracks/${ids.priced}/download`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('purchase_required');
    expect((await buy(fan, 'track', ids.priced ?? '', 100)).body.error.code).toBe('below_minimum');
    expect((await buy(fan, 'track', ids.priced ?? '', 300)).status).toBe(200);
    expect((await fan.get(`/api/tracks/${ids.priced}`)).body).toMatchObject({
      purchased: true,
      downloads: { original: expect.any(Object) },
    });
    expect((await fan.get(`/api/tracks/${ids.priced}/download`)).status).toBe(200);
    expect((await supporter.get(`/api/tracks/${ids.priced}/download`)).status).toBe(403);
    // Free downloadable tracks stay free.
    expect((await anonymous.get(`/api/tracks/${ids.open}/download`)).status).toBe(200);
  });

  it('refuses what is not for sale, and a fixed price paid otherwise', async () => {
    expect((await buy(fan, 'track', ids.open ?? '', 300)).body.error.code).toBe('not_for_sale');
    await owner.patch(`/api/tracks/${ids.open}`, { price: { amountMinor: 200, currency: 'EUR' } });
    expect((await buy(fan, 'track', ids.open ?? '', 300)).body.error.code).toBe('wrong_amount');
    expect((await buy(fan, 'track', ids.supporters ?? '', 200)).status).toBe(403);
    await owner.patch(`/api/tracks/${ids.open}`, { price: null });
    expect(
      (await owner.patch(`/api/tracks/${ids.open}`, { price: { amountMinor: 10, currency: 'EUR' } })).status,
    ).toBe(400);
  });

  it('sell a release, which opens every track on it', async () => {
    const release = await owner.post('/api/communities/ana/releases', { title: 'First EP', kind: 'ep' });
    const releaseId = release.body.id as string;
    await owner.patch(`/api/tracks/${ids.inRelease}`, { releaseId });
    const patched = await owner.patch(`/api/releases/${releaseId}`, {
      price: { amountMinor: 800, currency: 'EUR' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect((await patron.get(`/api/tracks/${ids.inRelease}/download`)).status).toBe(403);
    const paid = await buy(patron, 'release', releaseId, 800);
    expect(paid.status, paid.text).toBe(200);
    expect(paid.body.returnUrl).toMatch(new RegExp(`^/c/ana/music/r/${releaseId}\\?checkout=`));
    expect((await patron.get(`/api/releases/${releaseId}`)).body).toMatchObject({
      purchased: true,
      price: { amountMinor: 800 },
    });
    expect((await patron.get(`/api/tracks/${ids.inRelease}`)).body.purchased).toBe(true);
    expect((await patron.get(`/api/tracks/${ids.inRelease}/download`)).status).toBe(200);
    const [period] = (await owner.get('/api/communities/ana/earnings')).body.periods;
    // Two subscriptions (500 + 1500), the track at 300 and the EP at 800.
    expect(period).toMatchObject({ grossMinor: 3100, artistShareMinor: 2480 });
  });
});
