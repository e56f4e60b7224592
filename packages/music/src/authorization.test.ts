/**
 * The music authorisation matrix: every music endpoint × every kind of caller, on an artist
 * community with a public and a members-only track, and a private one with its own track.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createTestApp,
  multipartBody,
  type TestApp,
  type TestClient,
  type TestResponse,
} from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAudio } from './generate-audio.ts';

const ROLES = ['anonymous', 'outsider', 'member', 'moderator', 'owner', 'admin', 'banned'] as const;
type Role = (typeof ROLES)[number];

let t: TestApp;
let audio: Buffer;
let audioDir: string;
const actors = new Map<Role, TestClient>();
const ids: Record<string, string> = {};
let n = 0;

async function person(name: string, email?: string): Promise<TestClient> {
  const c = t.client();
  await c.signUp(email ?? `${name}${++n}@example.com`, name);
  return c;
}
const as = (role: Role): TestClient => (role === 'anonymous' ? t.client() : actors.get(role)!);

async function uploadAs(c: TestClient, slug: string, fields: Record<string, string>): Promise<TestResponse> {
  const body = multipartBody(fields, { filename: 'a.wav', contentType: 'audio/wav', data: audio });
  return c.request('POST', `/api/communities/${slug}/tracks`, undefined, body);
}

beforeAll(async () => {
  t = await createTestApp({
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000',
    COTERIE_ADMIN_EMAILS: 'root@example.com',
  });
  audioDir = await mkdtemp(path.join(tmpdir(), 'coterie-audio-'));
  audio = (await makeAudio(audioDir, 'wav', { seconds: 1 })).data;
  const owner = await person('owner');
  await owner.post('/api/communities', { slug: 'band', name: 'Band', kind: 'artist', visibility: 'public' });
  await owner.post('/api/communities', {
    slug: 'secret',
    name: 'Secret',
    kind: 'artist',
    visibility: 'private',
  });
  const join = async (c: TestClient) =>
    (await c.post('/api/communities/band/join', { handle: `h${++n}`, share: [] })).body.id as string;
  const member = await person('member');
  await join(member);
  const moderator = await person('moderator');
  await owner.patch(`/api/communities/band/members/${await join(moderator)}`, { role: 'moderator' });
  const banned = await person('banned');
  await owner.delete(`/api/communities/band/members/${await join(banned)}`, { ban: true });
  actors.set('owner', owner).set('member', member).set('moderator', moderator).set('banned', banned);
  actors.set('outsider', await person('outsider')).set('admin', await person('root', 'root@example.com'));
  ids.public = (await uploadAs(owner, 'band', { title: 'Open', downloadable: 'true' })).body.id;
  ids.members = (
    await uploadAs(owner, 'band', { title: 'Closed', visibility: 'members', downloadable: 'true' })
  ).body.id;
  ids.private = (await uploadAs(owner, 'secret', { title: 'Hidden' })).body.id;
  ids.release = (await owner.post('/api/communities/band/releases', { title: 'EP', kind: 'ep' })).body.id;
  await t.app.jobs.idle();
  await owner.patch(`/api/tracks/${ids.public}`, { releaseId: ids.release });
});

afterAll(async () => {
  await t.close();
  await rm(audioDir, { recursive: true, force: true });
});

const e = (...s: number[]): Record<Role, number> =>
  Object.fromEntries(ROLES.map((r, i) => [r, s[i] as number])) as Record<Role, number>;

const cells: {
  label: string;
  request: (c: TestClient) => Promise<TestResponse>;
  expect: Record<Role, number>;
}[] = [
  {
    label: 'GET public track',
    request: (c) => c.get(`/api/tracks/${ids.public}`),
    expect: e(200, 200, 200, 200, 200, 200, 200),
  },
  {
    label: 'GET members track',
    request: (c) => c.get(`/api/tracks/${ids.members}`),
    expect: e(403, 403, 200, 200, 200, 200, 403),
  },
  {
    label: 'GET private track',
    request: (c) => c.get(`/api/tracks/${ids.private}`),
    expect: e(404, 404, 404, 404, 200, 200, 404),
  },
  {
    label: 'stream members track',
    request: (c) => c.get(`/api/tracks/${ids.members}/stream?format=mp3`),
    expect: e(403, 403, 200, 200, 200, 200, 403),
  },
  {
    label: 'stream private track',
    request: (c) => c.get(`/api/tracks/${ids.private}/stream`),
    expect: e(404, 404, 404, 404, 200, 200, 404),
  },
  {
    label: 'download members track',
    request: (c) => c.get(`/api/tracks/${ids.members}/download`),
    expect: e(403, 403, 200, 200, 200, 200, 403),
  },
  {
    label: 'list tracks',
    request: (c) => c.get('/api/communities/band/tracks'),
    expect: e(200, 200, 200, 200, 200, 200, 200),
  },
  {
    label: 'list private tracks',
    request: (c) => c.get('/api/communities/secret/tracks'),
    expect: e(404, 404, 404, 404, 200, 200, 404),
  },
  {
    label: 'upload',
    request: (c) => uploadAs(c, 'band', { title: 'x' }),
    expect: e(401, 403, 403, 202, 202, 403, 403),
  },
  {
    label: 'PATCH track',
    request: (c) => c.patch(`/api/tracks/${ids.public}`, { title: 'Open' }),
    expect: e(401, 403, 403, 200, 200, 403, 403),
  },
  {
    label: 'retry track',
    request: (c) => c.post(`/api/tracks/${ids.public}/retry`),
    expect: e(401, 403, 403, 400, 400, 403, 403),
  },
  {
    label: 'DELETE private track',
    // A fresh track for each caller, so the owner's delete does not decide what the next one sees.
    request: async (c) => {
      const id = (await uploadAs(as('owner'), 'secret', { title: 'Doomed' })).body.id;
      return c.delete(`/api/tracks/${id}`);
    },
    expect: e(401, 404, 404, 404, 204, 403, 404),
  },
  {
    label: 'listen members track',
    request: (c) => c.post(`/api/tracks/${ids.members}/plays`, { playedMs: 1000 }),
    expect: e(401, 403, 204, 204, 204, 204, 403),
  },
  {
    label: 'create release',
    request: (c) => c.post('/api/communities/band/releases', { title: 'R', kind: 'single' }),
    expect: e(401, 403, 403, 201, 201, 403, 403),
  },
  {
    label: 'GET release',
    request: (c) => c.get(`/api/releases/${ids.release}`),
    expect: e(200, 200, 200, 200, 200, 200, 200),
  },
  {
    label: 'PATCH release',
    request: (c) => c.patch(`/api/releases/${ids.release}`, { title: 'EP' }),
    expect: e(401, 403, 403, 200, 200, 403, 403),
  },
];

describe('music authorisation matrix', () => {
  for (const cell of cells) {
    it(cell.label, async () => {
      for (const role of ROLES) {
        const res = await cell.request(as(role));
        expect(res.status, `${cell.label} as ${role}: ${res.text.slice(0, 200)}`).toBe(cell.expect[role]);
        expect(res.text, `${cell.label} as ${role} leaks`).not.toMatch(/usr_|@example\.com/);
        if (res.status >= 400) expect(Object.keys(res.body ?? {})).toEqual(['error']);
      }
    });
  }
});
