import { createTestApp, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let t: TestApp;
let owner: TestClient;
let member: TestClient;
let mod: TestClient;
let outsider: TestClient;
const PASSWORD = 'a long and quiet river';

let n = 0;
async function person(name: string): Promise<TestClient> {
  const c = t.client();
  await c.signUp(`${name.toLowerCase().replace(/\W/g, '')}${++n}@example.com`, name, PASSWORD);
  return c;
}

beforeAll(async () => {
  t = await createTestApp({ COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000' });
  owner = await person('Ana Okafor');
  await owner.post('/api/communities', {
    slug: 'ana-sessions',
    name: 'Ana Sessions',
    kind: 'artist',
    visibility: 'public',
    ownerHandle: 'ana',
  });
  member = await person('Jo Lindqvist');
  await member.post('/api/communities/ana-sessions/join', { handle: 'jo', share: ['displayName'] });
  mod = await person('Mo Derator');
  const modId = (await mod.post('/api/communities/ana-sessions/join', { handle: 'mo', share: [] })).body.id;
  await owner.patch(`/api/communities/ana-sessions/members/${modId}`, { role: 'moderator' });
  outsider = await person('Out Sider');
});
afterAll(async () => {
  await t.close();
});

const feed = '/api/communities/ana-sessions/posts';

describe('posts', () => {
  it('lets members post; the feed shows authors as personas, newest first', async () => {
    const first = await member.post(feed, { body: 'First **listen** of the demo', visibility: 'public' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      author: { handle: 'jo', role: 'member', displayName: 'Jo Lindqvist' },
      bodyHtml: '<p>First <strong>listen</strong> of the demo</p>\n',
      commentCount: 0,
      reactions: [],
      canEdit: true,
    });
    const second = await mod.post(feed, { body: 'Members only: setlist', visibility: 'members' });
    expect(second.body.author).toEqual({ id: expect.any(String), handle: 'mo', role: 'moderator' });
    const list = await member.get(feed);
    expect(list.body.items.map((p: { id: string }) => p.id).slice(0, 2)).toEqual([
      second.body.id,
      first.body.id,
    ]);
    expect(list.text).not.toMatch(/usr_|@example\.com/);
    expect((await outsider.post(feed, { body: 'let me in', visibility: 'public' })).status).toBe(403);
    expect((await t.client().post(feed, { body: 'anon', visibility: 'public' })).status).toBe(401);
  });

  it('shows members-only posts to members only, and public posts to everyone', async () => {
    const secret = (await member.post(feed, { body: 'only us', visibility: 'members' })).body;
    const outsiderFeed = (await outsider.get(feed)).body.items.map((p: { body: string }) => p.body);
    const anonFeed = (await t.client().get(feed)).body.items.map((p: { body: string }) => p.body);
    expect(outsiderFeed).not.toContain('only us');
    expect(anonFeed).not.toContain('only us');
    expect(anonFeed).toContain('First **listen** of the demo');
    expect((await outsider.get(`/api/posts/${secret.id}`)).status).toBe(404);
    expect((await member.get(`/api/posts/${secret.id}`)).status).toBe(200);
  });

  it('threads comments and counts reactions once per person per emoji', async () => {
    const post = (await owner.post(feed, { body: 'New single out Friday', visibility: 'public' })).body;
    const c1 = await member.post(`/api/posts/${post.id}/comments`, { body: 'Cannot wait' });
    expect(c1.status).toBe(201);
    const reply = await owner.post(`/api/posts/${post.id}/comments`, {
      body: 'Thank you!',
      parentId: c1.body.id,
    });
    expect(reply.body.parentId).toBe(c1.body.id);
    expect(
      (await member.post(`/api/posts/${post.id}/comments`, { body: 'x', parentId: 'cmt_nope' })).status,
    ).toBe(400);
    expect((await outsider.post(`/api/posts/${post.id}/comments`, { body: 'hi' })).status).toBe(403);
    for (const client of [member, member, owner]) {
      t.clock.advance(1);
      expect((await client.put(`/api/posts/${post.id}/reactions/${encodeURIComponent('🎵')}`)).status).toBe(
        200,
      );
    }
    t.clock.advance(1);
    const both = await member.put(`/api/posts/${post.id}/reactions/${encodeURIComponent('❤️')}`);
    expect(both.body.reactions).toEqual([
      { emoji: '🎵', count: 2, mine: true },
      { emoji: '❤️', count: 1, mine: true },
    ]);
    expect((await member.put(`/api/posts/${post.id}/reactions/abc`)).status).toBe(400);
    expect((await outsider.put(`/api/posts/${post.id}/reactions/${encodeURIComponent('🎵')}`)).status).toBe(
      403,
    );
    const undone = await member.delete(`/api/posts/${post.id}/reactions/${encodeURIComponent('❤️')}`);
    expect(undone.body.reactions).toEqual([{ emoji: '🎵', count: 2, mine: true }]);
    const inFeed = (await owner.get(feed)).body.items.find((p: { id: string }) => p.id === post.id);
    expect(inFeed).toMatchObject({ commentCount: 2, reactions: [{ emoji: '🎵', count: 2, mine: true }] });
    const comments = (await t.client().get(`/api/posts/${post.id}/comments`)).body.items;
    expect(comments.map((c: { body: string; parentId: string | null }) => [c.body, c.parentId])).toEqual([
      ['Cannot wait', null],
      ['Thank you!', c1.body.id],
    ]);
  });

  it('stores XSS payloads as text and renders them inert', async () => {
    const payload = '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))';
    const post = (await member.post(feed, { body: payload, visibility: 'public' })).body;
    expect(post.body).toBe(payload);
    expect(post.bodyHtml).not.toMatch(/<script|<img|href="javascript/);
    expect(post.bodyHtml).toContain('&lt;script&gt;');
  });

  it('lets authors edit and delete their own; moderators pin, hide and delete with an audit trail', async () => {
    const post = (await member.post(feed, { body: 'typo here', visibility: 'public' })).body;
    expect((await owner.patch(`/api/posts/${post.id}`, { body: 'hijack' })).status).toBe(403);
    const edited = await member.patch(`/api/posts/${post.id}`, { body: 'fixed' });
    expect(edited.body).toMatchObject({ body: 'fixed', editedAt: expect.any(String) });
    expect((await member.patch(`/api/posts/${post.id}`, { pinned: true })).status).toBe(403);
    expect((await mod.patch(`/api/posts/${post.id}`, { pinned: true })).body.pinned).toBe(true);
    const first = (await t.client().get(feed)).body;
    expect(first.pinned.map((p: { id: string }) => p.id)).toEqual([post.id]);
    expect(first.items.map((p: { id: string }) => p.id)).not.toContain(post.id);

    expect((await outsider.post(`/api/posts/${post.id}/report`, { reason: 'spam' })).status).toBe(403);
    expect((await member.post(`/api/posts/${post.id}/report`, { reason: 'wrong place' })).status).toBe(201);
    const note = (await mod.post(`/api/posts/${post.id}/comments`, { body: 'a comment to report' })).body;
    expect((await member.post(`/api/comments/${note.id}/report`, { reason: 'rude' })).status).toBe(201);
    const commentReport = (await mod.get('/api/communities/ana-sessions/reports')).body.items.find(
      (r: { commentId: string | null }) => r.commentId === note.id,
    );
    expect(commentReport).toMatchObject({ postId: post.id, reason: 'rude' });
    expect((await mod.post(`/api/comments/${note.id}/hide`)).status).toBe(204);
    expect((await member.get('/api/communities/ana-sessions/reports')).status).toBe(403);
    expect((await mod.get('/api/communities/ana-sessions/reports')).body.items).toEqual([
      expect.objectContaining({ postId: post.id, reason: 'wrong place' }),
    ]);
    expect((await member.post(`/api/posts/${post.id}/hide`)).status).toBe(403);
    expect((await mod.post(`/api/posts/${post.id}/hide`)).status).toBe(204);
    expect((await t.client().get(`/api/posts/${post.id}`)).status).toBe(404);
    expect((await mod.get(`/api/posts/${post.id}`)).body.hidden).toBe(true);
    expect((await mod.get('/api/communities/ana-sessions/reports')).body.items).toEqual([]);
    expect((await mod.post(`/api/posts/${post.id}/unhide`)).status).toBe(204);
    expect((await mod.delete(`/api/posts/${post.id}`)).status).toBe(204);
    const audit = (await owner.get('/api/communities/ana-sessions/audit')).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toEqual(
      expect.arrayContaining(['post.pinned', 'post.hidden', 'post.unhidden', 'post.deleted']),
    );
  });

  it('pages the feed with a cursor in at most two queries per page', async () => {
    for (let i = 0; i < 25; i++) await owner.post(feed, { body: `bulk ${i}`, visibility: 'public' });
    const database = t.ctx.database as { kind: string; client?: { query: unknown; exec: unknown } };
    const spy =
      database.kind === 'pglite'
        ? vi.spyOn(database.client as { query: (...a: unknown[]) => unknown }, 'query')
        : null;
    const page1 = await member.get(feed);
    const queries = spy?.mock.calls.length;
    spy?.mockRestore();
    // Session, community and membership lookups, the tiers the member's subscription reaches, then
    // the feed in one query and pinned posts in one: never a query per post, however many comments
    // and reactions the 20 posts carry.
    if (queries !== undefined) expect(queries).toBeLessThanOrEqual(6);
    expect(page1.body.items).toHaveLength(20);
    const page2 = await member.get(`${feed}?cursor=${page1.body.nextCursor}`);
    const ids = [...page1.body.items, ...page2.body.items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort().reverse());
  });
});

describe('my posts when I leave', () => {
  it('exports them, and on erasure deletes or anonymises them as chosen', async () => {
    const keeper = await person('Keeper');
    await keeper.post('/api/communities/ana-sessions/join', { handle: 'keeper', share: ['displayName'] });
    const kept = (await keeper.post(feed, { body: 'I will stay, unsigned', visibility: 'public' })).body;
    const exported = (await keeper.get('/api/me/export')).body.sections.posts;
    expect(exported.posts).toEqual([expect.objectContaining({ id: kept.id, body: 'I will stay, unsigned' })]);
    expect((await keeper.delete('/api/me', { password: PASSWORD, posts: 'anonymise' })).status).toBe(204);
    expect((await owner.get(`/api/posts/${kept.id}`)).body).toMatchObject({
      author: null,
      body: 'I will stay, unsigned',
    });

    const leaver = await person('Leaver');
    await leaver.post('/api/communities/ana-sessions/join', { handle: 'leaver', share: [] });
    const gone = (await leaver.post(feed, { body: 'delete me with me', visibility: 'public' })).body;
    expect((await leaver.delete('/api/me', { password: PASSWORD, posts: 'delete' })).status).toBe(204);
    expect((await owner.get(`/api/posts/${gone.id}`)).status).toBe(404);
    expect((await owner.delete('/api/me', { password: PASSWORD, posts: 'shred' })).status).toBe(400);
  });
});
