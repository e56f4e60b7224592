/**
 * The authorisation matrix: every endpoint of communities and posts × every kind of caller.
 * Each cell asserts the status, and that no response leaks account ids or private profile data.
 */
import { createTestApp, type TestApp, type TestClient, type TestResponse } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROLES = ['anonymous', 'outsider', 'member', 'moderator', 'owner', 'admin', 'banned'] as const;
type Role = (typeof ROLES)[number];
type Expect = Record<Role, number>;

let t: TestApp;
const actors = new Map<Role, TestClient>();
const ids: Record<string, string> = {};
let n = 0;
const SECRET = 'members-only-secret-setlist';

async function person(name: string, email?: string): Promise<TestClient> {
  const c = t.client();
  // Every private field is set, and only displayName is ever shared: any other value in a response is a leak.
  await c.signUp(email ?? `${name}${++n}@example.com`, name);
  await c.patch('/api/me', {
    realName: `Real ${name}`,
    location: 'Hidden City',
    birthday: '1990-01-01',
    bio: 'private bio',
  });
  return c;
}
const as = (role: Role): TestClient => (role === 'anonymous' ? t.client() : actors.get(role)!);

beforeAll(async () => {
  t = await createTestApp({
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000',
    COTERIE_ADMIN_EMAILS: 'root@example.com',
  });
  const owner = await person('owner');
  await owner.post('/api/communities', {
    slug: 'matrix',
    name: 'Matrix',
    kind: 'interest',
    visibility: 'public',
    ownerHandle: 'owner',
  });
  await owner.post('/api/communities', {
    slug: 'matrix-private',
    name: 'Hidden',
    kind: 'organisation',
    visibility: 'private',
    ownerHandle: 'owner',
  });
  const join = async (c: TestClient, handle: string) =>
    (await c.post('/api/communities/matrix/join', { handle, share: ['displayName'] })).body.id as string;
  const member = await person('member');
  await join(member, 'member');
  const moderator = await person('moderator');
  ids.moderator = await join(moderator, 'moderator');
  await owner.patch(`/api/communities/matrix/members/${ids.moderator}`, { role: 'moderator' });
  const other = await person('other');
  ids.other = await join(other, 'other');
  const banned = await person('banned');
  const bannedId = await join(banned, 'banned');
  await owner.delete(`/api/communities/matrix/members/${bannedId}`, { ban: true });
  actors.set('owner', owner).set('member', member).set('moderator', moderator).set('banned', banned);
  actors.set('outsider', await person('outsider')).set('admin', await person('root', 'root@example.com'));
  ids.publicPost = (
    await other.post('/api/communities/matrix/posts', { body: 'hello all', visibility: 'public' })
  ).body.id;
  ids.secretPost = (
    await other.post('/api/communities/matrix/posts', { body: SECRET, visibility: 'members' })
  ).body.id;
  actors.set('other' as Role, other);
});
afterAll(async () => {
  await t.close();
});

function assertNoLeak(res: TestResponse, role: Role, label: string): void {
  expect(res.text, `${label} as ${role} leaks`).not.toMatch(
    /usr_|@example\.com|Real |Hidden City|1990-01-01|private bio/,
  );
  if (res.status >= 400)
    expect(Object.keys(res.body ?? {}), `${label} as ${role}: error shape`).toEqual(['error']);
}

const freshPost = async () =>
  (await as('other' as Role).post('/api/communities/matrix/posts', { body: 'target', visibility: 'public' }))
    .body.id as string;
const freshMember = async () => {
  const c = await person('target');
  return (await c.post('/api/communities/matrix/join', { handle: `target${++n}`, share: ['displayName'] }))
    .body.id as string;
};

interface Cell {
  label: string;
  request: (c: TestClient) => Promise<TestResponse>;
  expect: Expect;
  /** Runs the request once per role against a fresh target (deleting, hiding, removing). */
  perRole?: boolean;
}

const e = (
  anonymous: number,
  outsider: number,
  member: number,
  moderator: number,
  owner: number,
  admin: number,
  banned: number,
): Expect => ({
  anonymous,
  outsider,
  member,
  moderator,
  owner,
  admin,
  banned,
});

const cells: Cell[] = [
  {
    label: 'GET community',
    request: (c) => c.get('/api/communities/matrix'),
    expect: e(200, 200, 200, 200, 200, 200, 200),
  },
  {
    label: 'GET private community',
    request: (c) => c.get('/api/communities/matrix-private'),
    expect: e(404, 404, 404, 404, 200, 200, 404),
  },
  {
    label: 'PATCH community',
    request: (c) => c.patch('/api/communities/matrix', { tagline: 'ok' }),
    expect: e(401, 403, 403, 403, 200, 403, 403),
  },
  {
    label: 'GET members',
    request: (c) => c.get('/api/communities/matrix/members'),
    expect: e(401, 403, 200, 200, 200, 200, 403),
  },
  {
    label: 'GET private members',
    request: (c) => c.get('/api/communities/matrix-private/members'),
    expect: e(401, 404, 404, 404, 200, 200, 404),
  },
  {
    label: 'POST invite',
    request: (c) => c.post('/api/communities/matrix/invites', {}),
    expect: e(401, 403, 403, 201, 201, 403, 403),
  },
  {
    label: 'GET invites',
    request: (c) => c.get('/api/communities/matrix/invites'),
    expect: e(401, 403, 403, 200, 200, 403, 403),
  },
  {
    label: 'GET audit',
    request: (c) => c.get('/api/communities/matrix/audit'),
    expect: e(401, 403, 403, 403, 200, 200, 403),
  },
  {
    label: 'GET my membership',
    request: (c) => c.get('/api/communities/matrix/membership'),
    expect: e(401, 404, 200, 200, 200, 404, 404),
  },
  {
    label: 'GET feed',
    request: (c) => c.get('/api/communities/matrix/posts'),
    expect: e(200, 200, 200, 200, 200, 200, 200),
  },
  {
    label: 'GET private feed',
    request: (c) => c.get('/api/communities/matrix-private/posts'),
    expect: e(404, 404, 404, 404, 200, 200, 404),
  },
  {
    label: 'POST post',
    request: (c) => c.post('/api/communities/matrix/posts', { body: 'hi', visibility: 'public' }),
    expect: e(401, 403, 201, 201, 201, 403, 403),
  },
  {
    label: 'GET members-only post',
    request: (c) => c.get(`/api/posts/${ids.secretPost}`),
    expect: e(404, 404, 200, 200, 200, 404, 404),
  },
  {
    label: 'GET comments',
    request: (c) => c.get(`/api/posts/${ids.publicPost}/comments`),
    expect: e(200, 200, 200, 200, 200, 200, 200),
  },
  {
    label: 'POST comment',
    request: (c) => c.post(`/api/posts/${ids.publicPost}/comments`, { body: 'yes' }),
    expect: e(401, 403, 201, 201, 201, 403, 403),
  },
  {
    label: 'PUT reaction',
    request: (c) => c.put(`/api/posts/${ids.publicPost}/reactions/${encodeURIComponent('🎵')}`),
    expect: e(401, 403, 200, 200, 200, 403, 403),
  },
  {
    label: 'POST report',
    request: (c) => c.post(`/api/posts/${ids.publicPost}/report`, { reason: 'check' }),
    expect: e(401, 403, 201, 201, 201, 403, 403),
  },
  {
    label: 'GET reports',
    request: (c) => c.get('/api/communities/matrix/reports'),
    expect: e(401, 403, 403, 200, 200, 403, 403),
  },
  {
    label: 'PATCH role',
    request: (c) => c.patch(`/api/communities/matrix/members/${ids.other}`, { role: 'member' }),
    expect: e(401, 403, 403, 403, 200, 403, 403),
  },
  {
    label: 'POST hide',
    perRole: true,
    request: async (c) => c.post(`/api/posts/${await freshPost()}/hide`),
    expect: e(401, 403, 403, 204, 204, 403, 403),
  },
  {
    label: 'PATCH pin',
    perRole: true,
    request: async (c) => c.patch(`/api/posts/${await freshPost()}`, { pinned: true }),
    expect: e(401, 403, 403, 200, 200, 403, 403),
  },
  {
    label: 'PATCH other’s post',
    perRole: true,
    request: async (c) => c.patch(`/api/posts/${await freshPost()}`, { body: 'x' }),
    expect: e(401, 403, 403, 403, 403, 403, 403),
  },
  {
    label: 'DELETE other’s post',
    perRole: true,
    request: async (c) => c.delete(`/api/posts/${await freshPost()}`),
    expect: e(401, 403, 403, 204, 204, 403, 403),
  },
  {
    label: 'DELETE member',
    perRole: true,
    request: async (c) => c.delete(`/api/communities/matrix/members/${await freshMember()}`),
    expect: e(401, 403, 403, 204, 204, 403, 403),
  },
  {
    label: 'POST transfer',
    request: (c) => c.post('/api/communities/matrix/transfer', { memberId: 'mem_nobody' }),
    expect: e(401, 403, 403, 403, 404, 403, 403),
  },
  {
    label: 'DELETE community (wrong confirmation)',
    request: (c) => c.delete('/api/communities/matrix', { confirmSlug: 'nope' }),
    expect: e(401, 403, 403, 403, 400, 400, 403),
  },
  // Joining changes who is a member, so it runs last.
  {
    label: 'POST join',
    request: (c) => c.post('/api/communities/matrix/join', { handle: `joiner${++n}`, share: [] }),
    expect: e(401, 201, 409, 409, 409, 201, 403),
  },
];

describe('authorisation matrix', () => {
  for (const cell of cells) {
    it(cell.label, async () => {
      const got: Partial<Expect> = {};
      for (const role of ROLES) {
        const res = await cell.request(as(role));
        got[role] = res.status;
        assertNoLeak(res, role, cell.label);
      }
      expect(got).toEqual(cell.expect);
    });
  }

  it('never shows a members-only post in the feed to a non-member', async () => {
    await as('member').post('/api/communities/matrix/posts', {
      body: `${SECRET} again`,
      visibility: 'members',
    });
    // The outsider and the admin joined in the last cell: a new outsider stands in.
    const outsiders = { anonymous: t.client(), outsider: await person('late'), banned: as('banned') };
    for (const [role, client] of Object.entries(outsiders)) {
      expect((await client.get('/api/communities/matrix/posts')).text, role).not.toContain(SECRET);
    }
    expect((await as('member').get('/api/communities/matrix/posts')).text).toContain(SECRET);
  });
});
