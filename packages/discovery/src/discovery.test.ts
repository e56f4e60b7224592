import { createTestApp, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curator, listen, readyTrack } from './test-fixtures.ts';

let t: TestApp;
let artist: TestClient;
let me: TestClient;
let ana: TestClient;
let jo: TestClient;
let kim: TestClient;
let stranger: TestClient;
const ids: Record<string, string> = {};
const track: Record<string, string> = {};

interface Item {
  track: { id: string; title: string; artist: string };
  score: number;
  reasons: { kind: string; text: string; curators?: { handle: string }[]; notes?: { note: string }[] }[];
}

const discover = async (
  client: TestClient,
  query = '',
): Promise<{ items: Item[]; nextCursor: string | null }> => {
  const res = await client.get(`/api/discover${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const titles = (page: { items: Item[] }) => page.items.map((i) => i.track.title);

beforeAll(async () => {
  t = await createTestApp({ COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000', COTERIE_TRUST_LIMIT: '3' });
  artist = t.client();
  await artist.signUp('artist@example.com', 'Artist');
  for (const [slug, visibility] of [
    ['night-buses', 'public'],
    ['patch-notes', 'public'],
    ['back-room', 'private'],
  ] as const) {
    const res = await artist.post('/api/communities', { slug, name: slug, kind: 'artist', visibility });
    expect(res.status, res.text).toBe(201);
  }
  for (const n of [1, 2, 3, 4, 5]) track[`nb${n}`] = await readyTrack(t, 'night-buses', `Night ${n}`);
  for (const n of [1, 2, 3]) track[`pn${n}`] = await readyTrack(t, 'patch-notes', `Patch ${n}`);
  track.members = await readyTrack(t, 'night-buses', 'Members Only', { visibility: 'members' });
  track.secret = await readyTrack(t, 'back-room', 'Secret');

  me = t.client();
  await me.signUp('me@example.com', 'Me');
  ana = t.client();
  await ana.signUp('ana@example.com', 'Ana');
  jo = t.client();
  await jo.signUp('jo@example.com', 'Jo');
  kim = t.client();
  await kim.signUp('kim@example.com', 'Kim');
  stranger = t.client();
  await stranger.signUp('stranger@example.com', 'Stranger');
  ids.ana = await curator(ana, 'ana_picks');
  ids.jo = await curator(jo, 'jo');
  ids.kim = await curator(kim, 'kim');
  // Ana can hear the members-only track and the private community's.
  expect((await ana.post('/api/communities/night-buses/join', { handle: 'ana', share: [] })).status).toBe(
    201,
  );
  const invite = await artist.post('/api/communities/back-room/invites', {});
  expect(invite.status, invite.text).toBe(201);
  const joined = await ana.post('/api/communities/back-room/join', {
    handle: 'ana',
    share: [],
    inviteCode: invite.body.code,
  });
  expect(joined.status, joined.text).toBe(201);
});

afterAll(async () => {
  await t.close();
});

describe('curator profiles', () => {
  it('are opt-in, public, and their handles unique whatever the case', async () => {
    expect((await me.get('/api/me/curator')).status).toBe(404);
    const taken = await me.put('/api/me/curator', { handle: 'ANA_PICKS' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('handle_taken');
    expect((await me.put('/api/me/curator', { handle: 'no spaces please' })).status).toBe(400);
    expect((await me.put('/api/me/curator', { handle: 'me', bio: 'x'.repeat(501) })).status).toBe(400);
    const visitor = t.client();
    const profile = await visitor.get('/api/curators/@Ana_Picks');
    expect(profile.status, profile.text).toBe(200);
    expect(profile.body).toMatchObject({
      id: ids.ana,
      handle: 'ana_picks',
      trusted: false,
      isYou: false,
      picks: [],
    });
    expect(JSON.stringify(profile.body)).not.toMatch(/ana@example|usr_/);
    expect((await visitor.get('/api/curators/nobody')).status).toBe(404);
  });
});

describe('trust', () => {
  it('holds a small micro-elite: the one over the limit is refused with 409', async () => {
    const first = await me.put(`/api/me/trust/${ids.ana}`);
    expect(first.status, first.text).toBe(201);
    expect(first.body.trusted).toBe(true);
    expect((await me.put(`/api/me/trust/${ids.ana}`)).status).toBe(200);
    expect((await me.put(`/api/me/trust/${ids.jo}`)).status).toBe(201);
    const extra = t.client();
    await extra.signUp('extra@example.com', 'Extra');
    const extraId = await curator(extra, 'extra');
    const fourth = t.client();
    await fourth.signUp('fourth@example.com', 'Fourth');
    const fourthId = await curator(fourth, 'fourth');
    expect((await me.put(`/api/me/trust/${extraId}`)).status).toBe(201);
    const over = await me.put(`/api/me/trust/${fourthId}`);
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('trust_limit');
    expect(over.body.error.message).toMatch(/3 curators/);
    const list = await me.get('/api/me/trust');
    expect(list.body.limit).toBe(3);
    expect(list.body.curators.map((c: { handle: string }) => c.handle)).toEqual(['ana_picks', 'jo', 'extra']);
    expect((await me.delete(`/api/me/trust/${extraId}`)).status).toBe(204);
    expect((await me.delete(`/api/me/trust/${extraId}`)).status).toBe(404);
    // Opting out removes everyone's trust in that profile.
    expect((await fourth.delete('/api/me/curator')).status).toBe(204);
    expect((await me.put(`/api/me/trust/${fourthId}`)).status).toBe(404);
  });

  it('refuses trusting yourself, unknown curators, and visitors', async () => {
    expect((await ana.put(`/api/me/trust/${ids.ana}`)).status).toBe(400);
    expect((await me.put('/api/me/trust/cur_nope')).status).toBe(404);
    const visitor = t.client();
    expect((await visitor.put(`/api/me/trust/${ids.ana}`)).status).toBe(401);
    expect((await visitor.get('/api/me/trust')).status).toBe(401);
    expect((await visitor.get('/api/discover')).status).toBe(401);
    expect((await visitor.post('/api/picks', { trackId: track.nb1 })).status).toBe(401);
  });

  it('stays concurrent-safe at the limit', async () => {
    const racer = t.client();
    await racer.signUp('racer@example.com', 'Racer');
    const others: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const c = t.client();
      await c.signUp(`race${n}@example.com`, `Race ${n}`);
      others.push(await curator(c, `race${n}`));
    }
    const results = await Promise.all(others.map((id) => racer.put(`/api/me/trust/${id}`)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
  });
});

describe('picks', () => {
  it('takes a note of at most 280 characters; picking again edits it', async () => {
    const created = await ana.post('/api/picks', { trackId: track.nb1, note: 'Best on a night bus' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ note: 'Best on a night bus', track: { id: track.nb1 } });
    const again = await ana.post('/api/picks', { trackId: track.nb1, note: 'Best on the 3 a.m. bus' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    expect((await ana.post('/api/picks', { trackId: track.nb2, note: 'é'.repeat(281) })).status).toBe(400);
    expect((await ana.post('/api/picks', { trackId: track.nb2, extra: 1 })).status).toBe(400);
    expect((await ana.post('/api/picks', { trackId: 'trk_missing' })).status).toBe(404);
    const mine = await ana.get('/api/me/picks');
    expect(mine.body.picks.map((p: { note: string }) => p.note)).toEqual(['Best on the 3 a.m. bus']);
  });

  it('only of tracks you can hear, and only your own can be removed', async () => {
    expect((await me.post('/api/picks', { trackId: track.secret })).status).toBe(404);
    expect((await me.post('/api/picks', { trackId: track.members })).status).toBe(403);
    const secret = await ana.post('/api/picks', {
      trackId: track.secret,
      note: 'members of the back room only',
    });
    expect(secret.status).toBe(201);
    expect((await me.delete(`/api/picks/${secret.body.id}`)).status).toBe(404);
    // Ana's public profile shows each viewer only what they may hear.
    const asMe = (await me.get('/api/curators/ana_picks')).body;
    expect(asMe.picks.map((p: { track: { id: string } }) => p.track.id)).toEqual([track.nb1]);
    expect(asMe.trusted).toBe(true);
    const asAna = (await ana.get('/api/curators/ana_picks')).body;
    expect(asAna.picks).toHaveLength(2);
    expect(asAna.isYou).toBe(true);
  });
});

describe('discover', () => {
  it('ranks what the people you trust picked, says why, and never leaks what you cannot hear', async () => {
    await ana.post('/api/picks', { trackId: track.members, note: 'for members' });
    const page = await discover(me);
    const first = page.items[0];
    expect(first?.track.title).toBe('Night 1');
    expect(first?.reasons[0]).toMatchObject({
      kind: 'picked',
      text: 'Picked by @ana_picks, whom you trust',
      notes: [{ note: 'Best on the 3 a.m. bus' }],
    });
    expect(titles(page)).not.toContain('Secret');
    expect(titles(page)).not.toContain('Members Only');
    expect(JSON.stringify(page)).not.toMatch(/back room/);
  });

  it('shows a new pick to those who trust the picker within a second', async () => {
    const started = performance.now();
    expect((await jo.post('/api/picks', { trackId: track.pn2, note: 'the bridge!' })).status).toBe(201);
    const page = await discover(me);
    const elapsed = performance.now() - started;
    const item = page.items.find((i) => i.track.id === track.pn2);
    expect(item?.reasons[0]?.text).toBe('Picked by @jo, whom you trust');
    expect(elapsed).toBeLessThan(1000);
  });

  it('names two curators together, ranks a shared pick above single ones, and never returns what you know', async () => {
    await jo.post('/api/picks', { trackId: track.nb1 });
    await listen(me, track.pn2 as string);
    const page = await discover(me);
    expect(page.items[0]?.reasons[0]?.text).toMatch(
      /^Picked by @(ana_picks and @jo|jo and @ana_picks), whom you trust$/,
    );
    expect(page.items.map((i) => i.track.id)).not.toContain(track.pn2);
  });

  it('counts a trusted person’s listen at once, without naming them', async () => {
    const fresh = await readyTrack(t, 'patch-notes', 'Heard by Jo', { artist: 'Someone New' });
    await listen(jo, fresh);
    const item = (await discover(me, '?limit=50')).items.find((i) => i.track.id === fresh);
    expect(item?.reasons.map((r) => r.text)).toContain('Played in your micro-elite');
    expect(JSON.stringify(item)).not.toContain('@jo');
  });

  it('reaches the people your curators trust, with decay', async () => {
    expect((await ana.put(`/api/me/trust/${ids.kim}`)).status).toBe(201);
    expect((await kim.put(`/api/me/trust/${ids.ana}`)).status).toBe(201); // a cycle must terminate
    await kim.post('/api/picks', { trackId: track.pn3 });
    await ana.post('/api/picks', { trackId: track.nb3 });
    const page = await discover(me);
    const nearby = page.items.find((i) => i.track.id === track.pn3);
    const direct = page.items.find((i) => i.track.id === track.nb3);
    expect(nearby?.reasons[0]).toMatchObject({
      kind: 'picked-nearby',
      text: 'Picked by @kim, trusted by @ana_picks',
    });
    expect(direct && nearby && direct.score > nearby.score).toBe(true);
  });

  it('shows members-only picks once you are a member', async () => {
    expect((await me.post('/api/communities/night-buses/join', { handle: 'me', share: [] })).status).toBe(
      201,
    );
    expect(titles(await discover(me))).toContain('Members Only');
  });

  it('keeps at most two tracks by one artist in a top ten, and pages without repeats', async () => {
    for (const key of ['nb2', 'nb4', 'nb5']) await ana.post('/api/picks', { trackId: track[key] });
    // Enough other artists for the cap to bite: without them the held-back tracks come last.
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const guest = await readyTrack(t, 'patch-notes', `Guest ${n}`, { artist: `Guest ${n}` });
      await jo.post('/api/picks', { trackId: guest });
    }
    const page = await discover(me, '?limit=10');
    expect(page.items).toHaveLength(10);
    const byArtist = new Map<string, number>();
    for (const i of page.items) byArtist.set(i.track.artist, (byArtist.get(i.track.artist) ?? 0) + 1);
    for (const n of byArtist.values()) expect(n).toBeLessThanOrEqual(2);
    const small = await discover(me, '?limit=2');
    expect(small.nextCursor).not.toBeNull();
    const next = await discover(me, `?limit=2&cursor=${small.nextCursor}`);
    const seen = new Set(small.items.map((i) => i.track.id));
    for (const i of next.items) expect(seen.has(i.track.id)).toBe(false);
    expect((await me.get('/api/discover?cursor=bogus')).status).toBe(400);
    expect((await me.get('/api/discover?limit=500')).status).toBe(400);
  });

  it('never suggests an artist their own tracks, even when their curators pick them', async () => {
    expect((await artist.put(`/api/me/trust/${ids.jo}`)).status).toBe(201);
    // Every track on this instance is the artist's own (jo picked ten of them): nothing to discover.
    const page = await discover(artist);
    expect(page.items).toEqual([]);
    expect((await discover(me)).items.length).toBeGreaterThan(0);
  });

  it('gives someone who trusts nobody the newest music they may hear', async () => {
    const page = await discover(stranger);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items[0]?.reasons[0]?.kind).toBe('fresh');
    expect(titles(page)).not.toContain('Secret');
    expect(titles(page)).not.toContain('Members Only');
  });

  it('learns from co-listening after the background rebuild', async () => {
    const fans: TestClient[] = [];
    for (const n of [1, 2, 3]) {
      const fan = t.client();
      await fan.signUp(`fan${n}@example.com`, `Fan ${n}`);
      await listen(fan, track.pn1 as string);
      await listen(fan, track.nb5 as string);
      fans.push(fan);
    }
    const loner = t.client();
    await loner.signUp('loner@example.com', 'Loner');
    await listen(loner, track.pn1 as string);
    const report = await t.app.discovery.rebuilder.rebuild();
    expect(report.tracks).toBeGreaterThan(0);
    const page = await discover(loner);
    const similar = page.items.find((i) => i.track.id === track.nb5);
    expect(similar?.reasons.map((r) => r.text)).toContain('Because you listened to “Patch 1”');
  });

  it('forgets a curator you stop trusting, and a pick taken back, on the next request', async () => {
    // A page well inside the ranking, which is what the per-viewer cache answers from.
    const pickedByJo = (page: { items: Item[] }) =>
      page.items.filter((i) => JSON.stringify(i.reasons).includes('@jo'));
    expect(pickedByJo(await discover(me, '?limit=10')).length).toBeGreaterThan(0);
    expect((await me.delete(`/api/me/trust/${ids.jo}`)).status).toBe(204);
    expect(pickedByJo(await discover(me, '?limit=10'))).toEqual([]);
    expect((await me.put(`/api/me/trust/${ids.jo}`)).status).toBe(201);
    expect(pickedByJo(await discover(me, '?limit=10')).length).toBeGreaterThan(0);

    const fresh = await readyTrack(t, 'patch-notes', 'Picked for a minute', { artist: 'Brand New' });
    const pick = await ana.post('/api/picks', { trackId: fresh });
    expect(pick.status, pick.text).toBe(201);
    const shows = async () => (await discover(me, '?limit=10')).items.some((i) => i.track.id === fresh);
    expect(await shows()).toBe(true);
    expect((await ana.delete(`/api/picks/${pick.body.id}`)).status).toBe(204);
    expect(await shows()).toBe(false);
  });
});

describe('finding your micro-elite', () => {
  it('suggests curators whose taste overlaps yours, not the most trusted', async () => {
    const twin = t.client();
    await twin.signUp('twin@example.com', 'Twin');
    await curator(twin, 'twin');
    const fan = t.client();
    await fan.signUp('seeker@example.com', 'Seeker');
    for (const key of ['nb1', 'pn1', 'pn3']) {
      await listen(fan, track[key] as string);
      await twin.post('/api/picks', { trackId: track[key] });
    }
    const res = await fan.get('/api/discover/curators');
    expect(res.status, res.text).toBe(200);
    const first = res.body.curators[0];
    expect(first.curator.handle).toBe('twin');
    expect(first.sharedTracks).toBe(3);
    expect(first.reason).toMatch(/^Picked “/);
    // Those you already trust are not suggested.
    const mine = await me.get('/api/discover/curators');
    const mineHandles = mine.body.curators.map((c: { curator: { handle: string } }) => c.curator.handle);
    expect(mineHandles).not.toContain('ana_picks');
    expect(mineHandles).not.toContain('jo');
  });
});

describe('your data', () => {
  it('exports trust, picks and the curator profile, and erases them', async () => {
    const exported = (await ana.get('/api/me/export')).body.sections.discovery;
    expect(exported.curatorProfile.handle).toBe('ana_picks');
    expect(exported.trusts.map((x: { curator: string }) => x.curator)).toEqual(['kim']);
    expect(exported.picks.length).toBeGreaterThanOrEqual(4);
    expect((await ana.delete('/api/me', { password: 'a long and quiet river' })).status).toBe(204);
    expect((await t.client().get('/api/curators/ana_picks')).status).toBe(404);
    const list = (await me.get('/api/me/trust')).body.curators.map((c: { handle: string }) => c.handle);
    expect(list).toEqual(['jo']);
    expect(JSON.stringify(await discover(me))).not.toContain('ana_picks');
  });
});
