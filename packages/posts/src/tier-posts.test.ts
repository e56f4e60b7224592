import { createTestApp, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestApp;
let owner: TestClient;
let member: TestClient;
let supporter: TestClient;
let patron: TestClient;
let outsider: TestClient;
const tiers: Record<string, string> = {};
const posts: Record<string, string> = {};

async function subscribe(client: TestClient, tierId: string): Promise<void> {
  const started = await client.post('/api/communities/loop/subscriptions', { tierId });
  const paid = await client.post(`/api/payments/sandbox/checkout/${started.body.checkoutId}/pay`, {
    cardNumber: '4242 4242 4242 4242',
  });
  expect(paid.status, paid.text).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp({ COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000' });
  owner = t.client();
  await owner.signUp('owner@example.com', 'Owner');
  await owner.post('/api/communities', { slug: 'loop', name: 'Loop', kind: 'artist', visibility: 'public' });
  for (const [name, priceMinor] of [
    ['Supporter', 500],
    ['Patron', 1500],
  ] as const) {
    tiers[name] = (
      await owner.post('/api/communities/loop/tiers', { name, priceMinor, currency: 'EUR' })
    ).body.id;
  }
  const people: TestClient[] = [];
  for (const name of ['member', 'supporter', 'patron']) {
    const c = t.client();
    await c.signUp(`${name}@example.com`, name);
    await c.post('/api/communities/loop/join', { handle: name, share: [] });
    people.push(c);
  }
  [member, supporter, patron] = people as [TestClient, TestClient, TestClient];
  outsider = t.client();
  await outsider.signUp('outsider@example.com', 'Outsider');
  await subscribe(supporter, tiers.Supporter ?? '');
  await subscribe(patron, tiers.Patron ?? '');
  const write = async (body: string, visibility: string, tierId?: string) => {
    const res = await owner.post('/api/communities/loop/posts', {
      body,
      visibility,
      ...(tierId ? { tierId } : {}),
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  posts.open = await write('Hello all', 'public');
  posts.members = await write('Members only', 'members');
  posts.supporters = await write('Demo for supporters', 'tier', tiers.Supporter);
  posts.patrons = await write('Stems for patrons', 'tier', tiers.Patron);
});

afterAll(async () => {
  await t.close();
});

const feed = async (client: TestClient) =>
  ((await client.get('/api/communities/loop/posts')).body.items as { body: string }[]).map((p) => p.body);

describe('tier-only posts', () => {
  it('are read by that tier and higher-priced ones, and by the team', async () => {
    expect(await feed(outsider)).toEqual(['Hello all']);
    expect(await feed(member)).toEqual(['Members only', 'Hello all']);
    expect(await feed(supporter)).toEqual(['Demo for supporters', 'Members only', 'Hello all']);
    expect(await feed(patron)).toEqual([
      'Stems for patrons',
      'Demo for supporters',
      'Members only',
      'Hello all',
    ]);
    expect(await feed(owner)).toHaveLength(4);
  });

  it('are the same 404 as no post below their tier, comments included', async () => {
    expect((await member.get(`/api/posts/${posts.supporters}`)).status).toBe(404);
    expect((await supporter.get(`/api/posts/${posts.patrons}`)).status).toBe(404);
    expect((await supporter.get(`/api/posts/${posts.patrons}/comments`)).status).toBe(404);
    expect((await member.post(`/api/posts/${posts.supporters}/comments`, { body: 'me too' })).status).toBe(
      404,
    );
    const read = await patron.get(`/api/posts/${posts.supporters}`);
    expect(read.body).toMatchObject({ visibility: 'tier', tierId: tiers.Supporter });
  });

  it('need a tier of their own community', async () => {
    const bad = await owner.post('/api/communities/loop/posts', {
      body: 'x',
      visibility: 'tier',
      tierId: 'tir_nope',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('tier_not_found');
    expect((await owner.post('/api/communities/loop/posts', { body: 'x', visibility: 'tier' })).status).toBe(
      400,
    );
  });

  it('can be opened to members again, dropping the tier', async () => {
    const res = await owner.patch(`/api/posts/${posts.patrons}`, { visibility: 'members' });
    expect(res.body).toMatchObject({ visibility: 'members', tierId: null });
    expect((await member.get(`/api/posts/${posts.patrons}`)).status).toBe(200);
  });
});
