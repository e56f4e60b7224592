import { createTestApp, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000' });
});
afterAll(async () => {
  await t.close();
});

let n = 0;
async function person(name: string, profile: Record<string, unknown> = {}): Promise<TestClient> {
  const c = t.client();
  await c.signUp(`${name.toLowerCase().replace(/\W/g, '')}${++n}@example.com`, name);
  if (Object.keys(profile).length > 0) expect((await c.patch('/api/me', profile)).status).toBe(200);
  return c;
}

async function community(owner: TestClient, slug: string, extra: Record<string, unknown> = {}) {
  const res = await owner.post('/api/communities', {
    slug,
    name: `The ${slug}`,
    kind: 'artist',
    visibility: 'public',
    ...extra,
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe('communities', () => {
  it('creates a community with its owner persona, and refuses taken or bad slugs', async () => {
    const ana = await person('Ana Okafor');
    const created = await community(ana, 'loop-pedal-club', {
      tagline: '  Loops,  live ',
      accentColor: '#AA3355',
      memberCap: 40,
    });
    expect(created).toMatchObject({
      slug: 'loop-pedal-club',
      tagline: 'Loops, live',
      accentColor: '#aa3355',
      memberCap: 40,
      memberCount: 1,
      myMembership: { role: 'owner', handle: 'ana.okafor', share: ['displayName'] },
    });
    expect(created.id).toMatch(/^com_/);
    expect(created.myMembership.id).toMatch(/^mem_/);
    expect(
      (
        await ana.post('/api/communities', {
          slug: 'loop-pedal-club',
          name: 'x',
          kind: 'artist',
          visibility: 'public',
        })
      ).body.error.code,
    ).toBe('slug_taken');
    for (const slug of ['ab', 'Caps', 'admin', 'trailing-', 'two--hyphens']) {
      const res = await ana.post('/api/communities', {
        slug,
        name: 'x',
        kind: 'artist',
        visibility: 'public',
      });
      expect(res.status, slug).toBe(400);
    }
    expect(
      (
        await ana.post('/api/communities', {
          slug: 'fine-slug',
          name: 'x',
          kind: 'band',
          visibility: 'public',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await ana.post('/api/communities', {
          slug: 'fine-slug',
          name: 'x',
          kind: 'artist',
          visibility: 'public',
          accentColor: 'red',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t
          .client()
          .post('/api/communities', { slug: 'anon-slug', name: 'x', kind: 'artist', visibility: 'public' })
      ).status,
    ).toBe(401);
  });

  it('lists and searches public communities; private ones stay hidden from outsiders', async () => {
    const sam = await person('Sam Ortega');
    await community(sam, 'modular-notes', { kind: 'expert', tagline: 'Patch cables and patience' });
    await community(sam, 'secret-lab', { visibility: 'private' });
    const stranger = t.client();
    const all = await stranger.get('/api/communities');
    const slugs = all.body.items.map((c: { slug: string }) => c.slug);
    expect(slugs).toContain('modular-notes');
    expect(slugs).not.toContain('secret-lab');
    expect(
      (await stranger.get('/api/communities?q=PATCH')).body.items.map((c: { slug: string }) => c.slug),
    ).toEqual(['modular-notes']);
    expect((await stranger.get('/api/communities?q=%25')).body.items).toEqual([]);
    const hidden = await stranger.get('/api/communities/secret-lab');
    const missing = await stranger.get('/api/communities/no-such-place');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({ error: { ...missing.body.error } });
    expect((await sam.get('/api/communities/secret-lab')).status).toBe(200);
    const mine = await sam.get('/api/communities?mine=true');
    expect(mine.body.items.map((c: { slug: string }) => c.slug).sort()).toEqual([
      'modular-notes',
      'secret-lab',
    ]);
  });
});

describe('personas and what each community sees', () => {
  it('shows an owner only the shared fields, with unlinkable persona ids', async () => {
    const owner1 = await person('Owner One');
    const owner2 = await person('Owner Two');
    await community(owner1, 'first-room');
    await community(owner2, 'second-room');
    const jo = await person('Jo Lindqvist', {
      realName: 'Johanna L',
      location: 'Malmö',
      birthday: '1994-05-17',
      bio: 'Night bus',
    });
    const join1 = await jo.post('/api/communities/first-room/join', {
      handle: 'jo',
      share: ['displayName', 'location'],
    });
    expect(join1.status).toBe(201);
    const join2 = await jo.post('/api/communities/second-room/join', { handle: 'nightbus', share: ['bio'] });
    expect(join2.status).toBe(201);
    expect(join1.body.id).not.toBe(join2.body.id);

    const seen1 = (await owner1.get('/api/communities/first-room/members')).body.items.find(
      (p: { handle: string }) => p.handle === 'jo',
    );
    expect(seen1).toEqual({
      id: join1.body.id,
      handle: 'jo',
      role: 'member',
      joinedAt: expect.any(String),
      displayName: 'Jo Lindqvist',
      location: 'Malmö',
    });
    const raw1 = (await owner1.get('/api/communities/first-room/members')).text;
    expect(raw1).not.toMatch(/Johanna|1994-05-17|Night bus|usr_|@example\.com/);
    const raw2 = (await owner2.get('/api/communities/second-room/members')).text;
    expect(raw2).toContain('Night bus');
    expect(raw2).not.toMatch(/Jo Lindqvist|Malmö|usr_|first-room/);

    const mine = await jo.get('/api/communities/first-room/membership');
    expect(mine.body.seenAs).toEqual(seen1);
  });

  it('hides a field the moment it leaves the share list, and follows profile edits', async () => {
    const owner = await person('Owner Three');
    await community(owner, 'third-room');
    const mira = await person('Mira Chen', { location: 'Rotterdam' });
    await mira.post('/api/communities/third-room/join', {
      handle: 'mira',
      share: ['displayName', 'location'],
    });
    const persona = async () =>
      (await owner.get('/api/communities/third-room/members')).body.items.find(
        (p: { handle: string }) => p.handle === 'mira',
      );
    expect((await persona()).location).toBe('Rotterdam');
    await mira.patch('/api/me', { location: 'Utrecht' });
    expect((await persona()).location).toBe('Utrecht');
    const updated = await mira.patch('/api/communities/third-room/membership', {
      share: ['displayName'],
      handle: 'Mira.C',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.seenAs).not.toHaveProperty('location');
    const after = await persona();
    expect(after).toBeUndefined();
    const renamed = (await owner.get('/api/communities/third-room/members')).body.items.find(
      (p: { handle: string }) => p.handle === 'Mira.C',
    );
    expect(renamed).not.toHaveProperty('location');
    expect(JSON.stringify(renamed)).not.toContain('Utrecht');
  });

  it('refuses taken handles (any letter case), double joins and unknown share fields', async () => {
    const owner = await person('Owner Four');
    await community(owner, 'fourth-room', { ownerHandle: 'Boss' });
    const a = await person('Alpha');
    expect(
      (await a.post('/api/communities/fourth-room/join', { handle: 'BOSS', share: [] })).body.error.code,
    ).toBe('handle_taken');
    expect(
      (await a.post('/api/communities/fourth-room/join', { handle: 'alpha', share: ['passwordHash'] }))
        .status,
    ).toBe(400);
    expect((await a.post('/api/communities/fourth-room/join', { handle: 'a b', share: [] })).status).toBe(
      400,
    );
    expect((await a.post('/api/communities/fourth-room/join', { handle: 'alpha', share: [] })).status).toBe(
      201,
    );
    expect(
      (await a.post('/api/communities/fourth-room/join', { handle: 'alpha2', share: [] })).body.error.code,
    ).toBe('already_member');
  });

  it('lets members leave, erasing their copy; the owner must transfer first', async () => {
    const owner = await person('Owner Five');
    await community(owner, 'fifth-room');
    const b = await person('Beta', { location: 'Lyon' });
    await b.post('/api/communities/fifth-room/join', { handle: 'beta', share: ['location'] });
    expect((await b.delete('/api/communities/fifth-room/membership')).status).toBe(204);
    expect((await owner.get('/api/communities/fifth-room/members')).text).not.toContain('Lyon');
    expect((await owner.get('/api/communities/fifth-room')).body.memberCount).toBe(1);
    expect((await owner.delete('/api/communities/fifth-room/membership')).body.error.code).toBe(
      'owner_cannot_leave',
    );
  });

  it('holds the member cap under 50 concurrent joins', async () => {
    const owner = await person('Owner Cap');
    await community(owner, 'tiny-room', { memberCap: 10 });
    const people = await Promise.all(Array.from({ length: 50 }, (_, i) => person(`Racer ${i}`)));
    const results = await Promise.all(
      people.map((p, i) => p.post('/api/communities/tiny-room/join', { handle: `racer${i}`, share: [] })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(9);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'community_full')).toBe(
      true,
    );
    const room = await owner.get('/api/communities/tiny-room');
    expect(room.body.memberCount).toBe(10);
    const members = await owner.get('/api/communities/tiny-room/members');
    expect(members.body.items).toHaveLength(10);
  }, 120_000);
});

describe('private communities and invites', () => {
  it('needs a valid invite; invites expire, run out and can be revoked', async () => {
    const owner = await person('Org Admin');
    await community(owner, 'coop-network', { kind: 'organisation', visibility: 'private' });
    const invite = (
      await owner.post('/api/communities/coop-network/invites', { maxUses: 1, expiresInHours: 24 })
    ).body;
    expect(invite).toMatchObject({ maxUses: 1, uses: 0 });
    const c = await person('Cee');
    expect((await c.get(`/api/communities/coop-network?invite=${invite.code}`)).status).toBe(200);
    expect((await c.post('/api/communities/coop-network/join', { handle: 'cee', share: [] })).status).toBe(
      404,
    );
    expect(
      (await c.post('/api/communities/coop-network/join', { handle: 'cee', share: [], inviteCode: 'forged' }))
        .status,
    ).toBe(404);
    expect(
      (
        await c.post('/api/communities/coop-network/join', {
          handle: 'cee',
          share: [],
          inviteCode: invite.code,
        })
      ).status,
    ).toBe(201);
    const d = await person('Dee');
    expect(
      (
        await d.post('/api/communities/coop-network/join', {
          handle: 'dee',
          share: [],
          inviteCode: invite.code,
        })
      ).status,
    ).toBe(404);
    const second = (await owner.post('/api/communities/coop-network/invites', { expiresInHours: 1 })).body;
    t.clock.advance(3601);
    expect(
      (
        await d.post('/api/communities/coop-network/join', {
          handle: 'dee',
          share: [],
          inviteCode: second.code,
        })
      ).status,
    ).toBe(404);
    const third = (await owner.post('/api/communities/coop-network/invites')).body;
    expect((await owner.delete(`/api/communities/coop-network/invites/${third.code}`)).status).toBe(204);
    expect(
      (
        await d.post('/api/communities/coop-network/join', {
          handle: 'dee',
          share: [],
          inviteCode: third.code,
        })
      ).status,
    ).toBe(404);
    expect((await c.post('/api/communities/coop-network/invites', {})).status).toBe(403);
  });
});
