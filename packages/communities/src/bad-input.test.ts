import { createTestApp, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestApp;
let owner: TestClient;
let postId: string;
beforeAll(async () => {
  t = await createTestApp();
  owner = t.client();
  await owner.signUp('bad-input-owner@example.com', 'Owner');
  await owner.post('/api/communities', {
    slug: 'input-room',
    name: 'Input',
    kind: 'artist',
    visibility: 'public',
  });
  postId = (await owner.post('/api/communities/input-room/posts', { body: 'hello', visibility: 'public' }))
    .body.id;
});
afterAll(async () => {
  await t.close();
});

const valid = { slug: 'fine-room', name: 'Fine', kind: 'artist', visibility: 'public' };

describe('bad input to communities and posts', () => {
  it.each([
    [
      'create: missing name',
      'POST',
      '/api/communities',
      { slug: 'x-room', kind: 'artist', visibility: 'public' },
    ],
    ['create: slug of the wrong type', 'POST', '/api/communities', { ...valid, slug: 42 }],
    ['create: too long a slug', 'POST', '/api/communities', { ...valid, slug: 'a'.repeat(61) }],
    ['create: unknown kind', 'POST', '/api/communities', { ...valid, kind: 'band' }],
    ['create: unknown visibility', 'POST', '/api/communities', { ...valid, visibility: 'secret' }],
    ['create: bad colour', 'POST', '/api/communities', { ...valid, accentColor: '#12345' }],
    ['create: colour as script', 'POST', '/api/communities', { ...valid, accentColor: 'url(x)' }],
    ['create: zero cap', 'POST', '/api/communities', { ...valid, memberCap: 0 }],
    ['create: fractional cap', 'POST', '/api/communities', { ...valid, memberCap: 2.5 }],
    ['create: cap as text', 'POST', '/api/communities', { ...valid, memberCap: '10' }],
    ['create: tagline too long', 'POST', '/api/communities', { ...valid, tagline: 'x'.repeat(161) }],
    ['create: unknown field', 'POST', '/api/communities', { ...valid, ownerId: 'usr_x' }],
    ['create: blank name', 'POST', '/api/communities', { ...valid, name: '   ' }],
    ['create: share not a list', 'POST', '/api/communities', { ...valid, ownerShare: 'email' }],
    ['create: bad owner handle', 'POST', '/api/communities', { ...valid, ownerHandle: '<b>' }],
    ['update: empty patch', 'PATCH', '/api/communities/input-room', {}],
    ['update: bad colour', 'PATCH', '/api/communities/input-room', { accentColor: 'blue' }],
    ['join: missing share', 'POST', '/api/communities/input-room/join', { handle: 'me' }],
    [
      'join: share with an unknown field',
      'POST',
      '/api/communities/input-room/join',
      { handle: 'me', share: ['password'] },
    ],
    ['join: handle too short', 'POST', '/api/communities/input-room/join', { handle: 'a', share: [] }],
    ['invite: zero uses', 'POST', '/api/communities/input-room/invites', { maxUses: 0 }],
    ['invite: expiry too long', 'POST', '/api/communities/input-room/invites', { expiresInHours: 100000 }],
    ['post: empty body', 'POST', '/api/communities/input-room/posts', { body: '   ', visibility: 'public' }],
    [
      'post: body too long',
      'POST',
      '/api/communities/input-room/posts',
      { body: 'x'.repeat(10001), visibility: 'public' },
    ],
    [
      'post: unknown visibility',
      'POST',
      '/api/communities/input-room/posts',
      { body: 'x', visibility: 'tier' },
    ],
    [
      'post: body of the wrong type',
      'POST',
      '/api/communities/input-room/posts',
      { body: ['x'], visibility: 'public' },
    ],
    ['comment: empty', 'POST', '/api/posts/{post}/comments', { body: '' }],
    ['comment: too long', 'POST', '/api/posts/{post}/comments', { body: 'x'.repeat(2001) }],
    ['report: no reason', 'POST', '/api/posts/{post}/report', {}],
    [
      'role: owner is not assignable',
      'PATCH',
      '/api/communities/input-room/members/mem_x',
      { role: 'owner' },
    ],
  ] as const)('%s → 400', async (_label, method, path, body) => {
    const res = await owner.request(method, path.replace('{post}', postId), body);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message.length).toBeGreaterThan(10);
  });

  it('refuses reactions that are not a single emoji', async () => {
    for (const emoji of ['abc', '🎵🎵', '%3Cscript%3E']) {
      const res = await owner.put(`/api/posts/${postId}/reactions/${emoji}`);
      expect(res.status, emoji).toBe(400);
    }
  });

  it('answers unknown ids with 404, not 500', async () => {
    for (const path of [
      '/api/posts/pst_nope',
      '/api/posts/pst_nope/comments',
      '/api/communities/no-such-room/posts',
    ]) {
      expect((await owner.get(path)).status, path).toBe(404);
    }
    expect((await owner.patch('/api/comments/cmt_nope', { body: 'x' })).status).toBe(404);
    expect((await owner.post('/api/comments/cmt_nope/hide')).status).toBe(404);
  });
});
