import { DecryptionError } from '@coterie/platform';
import { createTestApp, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000',
    COTERIE_ADMIN_EMAILS: 'ops@example.com',
  });
});
afterAll(async () => {
  await t.close();
});

let n = 0;
async function person(
  name: string,
  email = `${name.toLowerCase().replace(/\W/g, '')}${++n}@example.com`,
): Promise<TestClient> {
  const c = t.client();
  await c.signUp(email, name);
  return c;
}

/** A community with an owner, a moderator, two members and a stranger. */
async function cast(slug: string) {
  const owner = await person('Owner');
  await owner.post('/api/communities', {
    slug,
    name: slug,
    kind: 'interest',
    visibility: 'public',
    ownerHandle: 'owner',
  });
  const join = async (c: TestClient, handle: string) =>
    (await c.post(`/api/communities/${slug}/join`, { handle, share: ['displayName'] })).body.id as string;
  const mod = await person('Mod');
  const modId = await join(mod, 'mod');
  expect(
    (await owner.patch(`/api/communities/${slug}/members/${modId}`, { role: 'moderator' })).body.role,
  ).toBe('moderator');
  const member = await person('Member');
  const memberId = await join(member, 'member');
  const other = await person('Other');
  const otherId = await join(other, 'other');
  const stranger = await person('Stranger');
  const ownerId = (await owner.get(`/api/communities/${slug}/membership`)).body.membership.id as string;
  return { owner, mod, member, other, stranger, ownerId, modId, memberId, otherId };
}

describe('roles and moderation', () => {
  it('lets each role do only what it may', async () => {
    const c = await cast('role-room');
    const base = '/api/communities/role-room';
    // Settings: owner only.
    expect((await c.mod.patch(base, { tagline: 'x' })).status).toBe(403);
    expect((await c.member.patch(base, { tagline: 'x' })).status).toBe(403);
    expect((await c.stranger.patch(base, { tagline: 'x' })).status).toBe(403);
    expect((await t.client().patch(base, { tagline: 'x' })).status).toBe(401);
    expect((await c.owner.patch(base, { tagline: 'Ours' })).body.tagline).toBe('Ours');
    // Roles: owner only.
    expect((await c.mod.patch(`${base}/members/${c.memberId}`, { role: 'moderator' })).status).toBe(403);
    // Members list: members only.
    expect((await c.stranger.get(`${base}/members`)).status).toBe(403);
    expect((await t.client().get(`${base}/members`)).status).toBe(401);
    expect((await c.member.get(`${base}/members`)).body.items).toHaveLength(4);
    // Invites: owner and moderators.
    expect((await c.member.post(`${base}/invites`, {})).status).toBe(403);
    expect((await c.mod.post(`${base}/invites`, {})).status).toBe(201);
    // Removal: moderators remove members, never the owner or each other; nobody removes themselves.
    expect((await c.member.delete(`${base}/members/${c.otherId}`)).status).toBe(403);
    expect((await c.mod.delete(`${base}/members/${c.ownerId}`)).status).toBe(403);
    expect((await c.mod.delete(`${base}/members/${c.modId}`)).status).toBe(403);
    expect((await c.mod.delete(`${base}/members/${c.otherId}`)).status).toBe(204);
    expect((await c.other.get(`${base}/membership`)).status).toBe(404);
    expect((await c.mod.delete(`${base}/members/mem_nope`)).status).toBe(404);
    // Audit log: owner only.
    expect((await c.mod.get(`${base}/audit`)).status).toBe(403);
    const audit = await c.owner.get(`${base}/audit`);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'community.created',
        'member.promoted',
        'member.removed',
        'invite.created',
        'community.updated',
      ]),
    );
    const removal = audit.body.items.find((e: { action: string }) => e.action === 'member.removed');
    expect(removal).toMatchObject({
      actor: { id: c.modId, handle: 'mod' },
      target: { id: c.otherId, handle: 'other' },
    });
    expect(audit.text).not.toMatch(/usr_|@example\.com/);
  });

  it('bans stick to the person, not the handle', async () => {
    const c = await cast('ban-room');
    const base = '/api/communities/ban-room';
    expect((await c.mod.delete(`${base}/members/${c.memberId}`, { ban: true, reason: 'spam' })).status).toBe(
      204,
    );
    const again = await c.member.post(`${base}/join`, { handle: 'brand-new-name', share: [] });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('banned');
    const audit = (await c.owner.get(`${base}/audit`)).body.items;
    expect(audit[0]).toMatchObject({ action: 'member.banned', detail: { reason: 'spam' } });
  });

  it('transfers ownership; the old owner becomes a moderator and may then leave', async () => {
    const c = await cast('heir-room');
    const base = '/api/communities/heir-room';
    expect((await c.mod.post(`${base}/transfer`, { memberId: c.memberId })).status).toBe(403);
    const res = await c.owner.post(`${base}/transfer`, { memberId: c.modId });
    expect(res.status).toBe(200);
    expect(res.body.myMembership.role).toBe('moderator');
    expect((await c.mod.get(base)).body.myMembership.role).toBe('owner');
    expect((await c.owner.delete(`${base}/membership`)).status).toBe(204);
  });

  it('lets an instance admin read any audit log and delete any community', async () => {
    const c = await cast('admin-room');
    const ops = await person('Ops', 'ops@example.com');
    expect((await ops.get('/api/communities/admin-room/audit')).status).toBe(200);
    expect((await ops.delete('/api/communities/admin-room', { confirmSlug: 'admin-room' })).status).toBe(204);
    expect((await c.owner.get('/api/communities/admin-room')).status).toBe(404);
  });
});

describe('deleting a community destroys its key', () => {
  it('makes what it held undecryptable, and needs the slug typed to confirm', async () => {
    const owner = await person('Shredder');
    const created = (
      await owner.post('/api/communities', {
        slug: 'shred-room',
        name: 'Shred',
        kind: 'artist',
        visibility: 'public',
      })
    ).body;
    const fan = await person('Fan');
    await fan.patch('/api/me', { location: 'Oslo' });
    const joined = (
      await fan.post('/api/communities/shred-room/join', { handle: 'fan', share: ['location'] })
    ).body;
    const { communitiesSchema } = await import('../src/index.ts');
    const { eq } = await import('drizzle-orm');
    const [row] = await t.ctx.db
      .select()
      .from(communitiesSchema.memberships)
      .where(eq(communitiesSchema.memberships.id, joined.id));
    const sealed = row!.sharedData;
    expect(Buffer.from(sealed).toString('latin1')).not.toContain('Oslo');
    // While the key exists, the copy opens.
    expect(await t.app.communities.keys.openShared(created.id, joined.id, sealed)).toEqual({
      location: 'Oslo',
    });

    expect(
      (await owner.delete('/api/communities/shred-room', { confirmSlug: 'shred' })).body.error.code,
    ).toBe('confirmation_mismatch');
    expect((await fan.delete('/api/communities/shred-room', { confirmSlug: 'shred-room' })).status).toBe(403);
    expect((await owner.delete('/api/communities/shred-room', { confirmSlug: 'shred-room' })).status).toBe(
      204,
    );

    // A backup taken before deletion still holds `sealed`; without the key row it cannot be opened.
    const [keyRow] = await t.ctx.db
      .select()
      .from(communitiesSchema.communityKeys)
      .where(eq(communitiesSchema.communityKeys.communityId, created.id));
    expect(keyRow).toBeUndefined();
    await expect(t.app.communities.keys.openShared(created.id, joined.id, sealed)).rejects.toThrow(
      /no data key/,
    );
    const { CommunityKeys, CommunitiesStore } = await import('../src/index.ts');
    const fresh = new CommunityKeys(new CommunitiesStore(t.ctx.db, t.ctx.changes), t.ctx.masterKey);
    fresh.create('com_other');
    await expect(fresh.openShared('com_other', joined.id, sealed)).rejects.toThrow(DecryptionError);
  });
});

describe('my data across communities', () => {
  it('exports every persona with what it shares, and erasure hands owned communities on', async () => {
    const owner = await person('Leaving Owner');
    await owner.patch('/api/me', { location: 'Bergen' });
    await owner.post('/api/communities', {
      slug: 'kept-room',
      name: 'Kept',
      kind: 'artist',
      visibility: 'public',
      ownerShare: ['location'],
    });
    await owner.post('/api/communities', {
      slug: 'lone-room',
      name: 'Lone',
      kind: 'artist',
      visibility: 'public',
    });
    const heir = await person('Heir');
    const heirId = (await heir.post('/api/communities/kept-room/join', { handle: 'heir', share: [] })).body
      .id;
    await owner.patch(`/api/communities/kept-room/members/${heirId}`, { role: 'moderator' });

    const exported = (await owner.get('/api/me/export')).body.sections.communities;
    expect(exported).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          community: { slug: 'kept-room', name: 'Kept' },
          role: 'owner',
          share: ['location'],
          sharedWithCommunity: { location: 'Bergen' },
        }),
        expect.objectContaining({ community: { slug: 'lone-room', name: 'Lone' } }),
      ]),
    );

    expect((await owner.delete('/api/me', { password: 'a long and quiet river' })).status).toBe(204);
    const kept = await heir.get('/api/communities/kept-room');
    expect(kept.body.myMembership.role).toBe('owner');
    expect(kept.body.memberCount).toBe(1);
    expect((await heir.get('/api/communities/kept-room/members')).text).not.toContain('Bergen');
    expect((await heir.get('/api/communities/lone-room')).status).toBe(404);
    const audit = (await heir.get('/api/communities/kept-room/audit')).body.items;
    expect(JSON.stringify(audit)).not.toContain('leaving.owner');
  });
});
