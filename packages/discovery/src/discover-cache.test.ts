import { createTestApp, eventually, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { curator, listen, readyTrack } from './test-fixtures.ts';

// A discover page is kept until a change notice names something it was made from (discover-
// service.ts, migration 0020): re-opening it costs no query, and every kind of change that could
// alter it is seen at the very next read.

let t: TestApp;
let artist: TestClient;
let me: TestClient;
let ana: TestClient;
let kim: TestClient;
const track: Record<string, string> = {};
const ids: Record<string, string> = {};

const shown = async (client: TestClient = me): Promise<string[]> => {
  const res = await client.get('/api/discover?limit=50');
  expect(res.status, res.text).toBe(200);
  return res.body.items.map((i: { track: { id: string } }) => i.track.id);
};

/** Queries one read makes, on PGlite (where the client is in-process); null on PostgreSQL. */
async function queriesOf(read: () => Promise<unknown>): Promise<number | null> {
  const database = t.ctx.database as { kind: string; client?: { query: unknown } };
  if (database.kind !== 'pglite') {
    await read();
    return null;
  }
  const spy = vi.spyOn(database.client as { query: (...a: unknown[]) => unknown }, 'query');
  try {
    await read();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  t = await createTestApp({ COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000' });
  artist = t.client();
  await artist.signUp('artist@example.com', 'Artist');
  await artist.post('/api/communities', {
    slug: 'late-trains',
    name: 'Late trains',
    kind: 'artist',
    visibility: 'public',
  });
  for (const n of [1, 2, 3]) track[`lt${n}`] = await readyTrack(t, 'late-trains', `Late ${n}`);
  me = t.client();
  await me.signUp('me@example.com', 'Me');
  ana = t.client();
  await ana.signUp('ana@example.com', 'Ana');
  kim = t.client();
  await kim.signUp('kim@example.com', 'Kim');
  ids.ana = await curator(ana, 'ana_cache');
  ids.kim = await curator(kim, 'kim_cache');
  expect((await me.put(`/api/me/trust/${ids.ana}`)).status).toBe(201);
  await ana.post('/api/picks', { trackId: track.lt1, note: 'first' });
});
afterAll(async () => {
  await t.close();
});

describe('discover page cache', () => {
  it('answers a second read of the same page without a query', async () => {
    const first = await shown();
    expect(first[0]).toBe(track.lt1);
    const queries = await queriesOf(() => shown());
    // Only the session is looked up, and that too is kept: nothing is ranked or read again.
    if (queries !== null) expect(queries).toBe(0);
  });

  it('shows a trusted curator’s new pick, and a curator newly trusted by someone I trust', async () => {
    await shown();
    await ana.post('/api/picks', { trackId: track.lt2 });
    expect((await me.get('/api/discover')).body.items[0].reasons[0].text).toMatch(/@ana_cache/);
    expect(await shown()).toContain(track.lt2);
    // Kim is two steps away once Ana trusts her: her pick reaches me through Ana.
    await kim.post('/api/picks', { trackId: track.lt3 });
    const before = await me.get('/api/discover?limit=50');
    const nearbyBefore = before.body.items.find((i: { track: { id: string } }) => i.track.id === track.lt3);
    expect(nearbyBefore?.reasons.map((r: { kind: string }) => r.kind) ?? []).not.toContain('picked-nearby');
    expect((await ana.put(`/api/me/trust/${ids.kim}`)).status).toBe(201);
    const after = await me.get('/api/discover?limit=50');
    const nearby = after.body.items.find((i: { track: { id: string } }) => i.track.id === track.lt3);
    expect(nearby?.reasons.map((r: { kind: string }) => r.kind)).toContain('picked-nearby');
  });

  it('drops what I have just listened to, and a pick taken back', async () => {
    await shown();
    await listen(me, track.lt2 as string);
    expect(await shown()).not.toContain(track.lt2);
    const picks = await ana.get('/api/me/picks');
    const pick = picks.body.picks.find((p: { track: { id: string } }) => p.track.id === track.lt1);
    expect(pick, picks.text).toBeDefined();
    await shown();
    expect((await ana.delete(`/api/picks/${pick.id}`)).status).toBe(204);
    const page = await me.get('/api/discover?limit=50');
    const item = page.body.items.find((i: { track: { id: string } }) => i.track.id === track.lt1);
    expect(item?.reasons.map((r: { kind: string }) => r.kind) ?? []).not.toContain('picked');
  });

  it('shows a new track and a renamed one at the next read (the catalogue’s notice)', async () => {
    await shown();
    // Written straight into the database, as the transcoder's job finishes a track: no request's
    // fence waits for the notice, so it is heard when it lands (milliseconds; in process on PGlite).
    const fresh = await readyTrack(t, 'late-trains', 'Brand new');
    await eventually(async () => (await shown()).includes(fresh));
    await shown();
    expect((await artist.patch(`/api/tracks/${fresh}`, { title: 'Renamed' })).status).toBe(200);
    const page = await me.get('/api/discover?limit=50');
    const item = page.body.items.find((i: { track: { id: string } }) => i.track.id === fresh);
    expect(item?.track.title).toBe('Renamed');
  });

  it('forgets whom I trust as soon as I stop', async () => {
    expect((await me.get('/api/discover')).body.trusting).toBe(1);
    expect((await me.delete(`/api/me/trust/${ids.ana}`)).status).toBe(204);
    expect((await me.get('/api/discover')).body.trusting).toBe(0);
  });
});
