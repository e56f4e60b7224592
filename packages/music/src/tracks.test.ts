import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createTestApp, multipartBody, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AudioFormat, makeAudio } from './generate-audio.ts';

let t: TestApp;
let audioDir: string;
let owner: TestClient;
let member: TestClient;
let outsider: TestClient;
let anonymous: TestClient;
let n = 0;

async function person(name: string): Promise<TestClient> {
  const c = t.client();
  await c.signUp(`p${++n}@example.com`, name);
  return c;
}

function upload(
  client: TestClient,
  slug: string,
  fields: Record<string, string>,
  file: Buffer,
  filename: string,
) {
  const body = multipartBody(fields, { filename, contentType: 'application/octet-stream', data: file });
  return client.request('POST', `/api/communities/${slug}/tracks`, undefined, body);
}

async function uploadReady(fields: Record<string, string>, format: AudioFormat = 'wav', slug = 'ana') {
  const audio = await makeAudio(audioDir, format);
  const res = await upload(owner, slug, fields, audio.data, `song.${format}`);
  expect(res.status, res.text).toBe(202);
  await t.app.jobs.idle();
  return (await owner.get(`/api/tracks/${res.body.id}`)).body;
}

beforeAll(async () => {
  t = await createTestApp({
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000',
    COTERIE_MAX_TRACK_BYTES: '2000000',
  });
  audioDir = await mkdtemp(path.join(tmpdir(), 'coterie-audio-'));
  owner = await person('Ana Okafor');
  await owner.post('/api/communities', {
    slug: 'ana',
    name: 'Ana Okafor',
    kind: 'artist',
    visibility: 'public',
  });
  await owner.post('/api/communities', {
    slug: 'hidden',
    name: 'Hidden',
    kind: 'artist',
    visibility: 'private',
  });
  await owner.post('/api/communities', {
    slug: 'org',
    name: 'Org',
    kind: 'organisation',
    visibility: 'public',
  });
  member = await person('Jo Member');
  await member.post('/api/communities/ana/join', { handle: 'jo', share: [] });
  await member.post('/api/communities/org/join', { handle: 'jo', share: [] });
  outsider = await person('Sam Outsider');
  anonymous = t.client();
});

afterAll(async () => {
  await t.close();
  await rm(audioDir, { recursive: true, force: true });
});

describe('uploading and processing', () => {
  it.each(['wav', 'flac', 'mp3', 'ogg', 'm4a'] as const)(
    'turns a %s upload into Opus and MP3 with waveform and loudness',
    async (format) => {
      const track = await uploadReady({ title: `Song in ${format}`, visibility: 'public' }, format);
      expect(track).toMatchObject({
        title: `Song in ${format}`,
        artist: 'Ana Okafor',
        status: 'ready',
        progress: 100,
        canEdit: true,
      });
      expect(Math.abs(track.durationMs - 3000)).toBeLessThan(150);
      expect(track.peaks).toHaveLength(1000);
      expect(Math.max(...track.peaks)).toBeGreaterThan(0.3);
      expect(track.loudnessLufs).toBeGreaterThan(-30);
      expect(track.loudnessLufs).toBeLessThan(-5);
      for (const format of ['opus', 'mp3']) {
        const res = await anonymous.get(`/api/tracks/${track.id}/stream?format=${format}`);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe(format === 'opus' ? 'audio/ogg' : 'audio/mpeg');
        expect(res.raw.subarray(0, 4).toString('latin1')).toMatch(
          format === 'opus' ? /^OggS/ : /^(ID3|\xff\xfb)/,
        );
      }
    },
  );

  it('reports processing status and progress until ready, and takes the tag title when none is given', async () => {
    const audio = await makeAudio(audioDir, 'flac', { seconds: 20, title: 'From The Tags', name: 'long' });
    const res = await upload(owner, 'ana', {}, audio.data, 'x.flac');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.stringMatching(/^trk_/), status: 'processing' });
    const early = await owner.get(`/api/tracks/${res.body.id}`);
    expect(early.body).toMatchObject({ status: 'processing', title: 'From The Tags', peaks: [] });
    // Not ready: nobody but the team knows it exists, and nothing can be streamed yet.
    expect((await member.get(`/api/tracks/${res.body.id}`)).status).toBe(404);
    await t.app.jobs.idle();
    expect((await owner.get(`/api/tracks/${res.body.id}`)).body.status).toBe('ready');
  });

  it('refuses a renamed text file (415), an empty file and a damaged one (422), with clear messages', async () => {
    const text = await upload(
      owner,
      'ana',
      { title: 'x' },
      Buffer.from('just some words, not a song\n'.repeat(50)),
      'song.mp3',
    );
    expect(text.status).toBe(415);
    expect(text.body.error.message).toMatch(/Despite its \.mp3 name/);
    const empty = await upload(owner, 'ana', { title: 'x' }, Buffer.alloc(0), 'song.wav');
    expect(empty.status).toBe(422);
    expect(empty.body.error.message).toMatch(/empty/);
    const damaged = Buffer.concat([Buffer.from('fLaC'), Buffer.alloc(4000, 0x5a)]);
    const corrupt = await upload(owner, 'ana', { title: 'x' }, damaged, 'song.flac');
    expect(corrupt.status).toBe(422);
    expect(corrupt.body.error.code).toBe('unreadable_audio');
  });

  it('marks a file that passes the header checks but cannot be decoded as failed, with the reason', async () => {
    const good = await makeAudio(audioDir, 'wav', { seconds: 2, name: 'broken' });
    // A valid WAV header followed by a data chunk that claims far more than is there, then noise.
    const broken = Buffer.concat([good.data.subarray(0, 44), Buffer.alloc(200, 0)]);
    const res = await upload(owner, 'ana', { title: 'Broken' }, broken, 'broken.wav');
    expect(res.status).toBe(202);
    await t.app.jobs.idle();
    const track = (await owner.get(`/api/tracks/${res.body.id}`)).body;
    expect(track.status).toBe('failed');
    expect(track.failureReason).toMatch(/could not be decoded \(the file: Invalid data/);
    expect(track.failureReason).not.toContain('/');
    expect((await owner.post(`/api/tracks/${res.body.id}/retry`)).body.status).toBe('processing');
    await t.app.jobs.idle();
  });

  it('refuses an upload over the limit, whether announced or streamed, and keeps no partial file', async () => {
    const big = Buffer.alloc(2_500_000, 1);
    const announced = await upload(owner, 'ana', { title: 'big' }, big, 'big.wav');
    expect(announced.status).toBe(413);
    expect(announced.body.error.message).toMatch(/at most 2 MB/);
    const body = multipartBody(
      { title: 'big' },
      { filename: 'big.wav', contentType: 'audio/wav', data: big },
    );
    const streamed = await owner.request('POST', '/api/communities/ana/tracks', undefined, {
      headers: body.headers,
      rawBody: Readable.from([body.rawBody.subarray(0, 1_000_000), body.rawBody.subarray(1_000_000)]),
    });
    expect(streamed.status).toBe(413);
    const uploads = path.join(t.ctx.config.dataDir, 'tmp', 'uploads');
    expect(await readdir(uploads).catch(() => [])).toEqual([]);
  });

  it('lets only the owner and moderators of an artist or expert community upload', async () => {
    const audio = await makeAudio(audioDir, 'wav', { seconds: 1 });
    expect((await upload(member, 'ana', {}, audio.data, 'a.wav')).status).toBe(403);
    expect((await upload(outsider, 'ana', {}, audio.data, 'a.wav')).status).toBe(403);
    expect((await upload(anonymous, 'ana', {}, audio.data, 'a.wav')).status).toBe(401);
    expect((await upload(outsider, 'hidden', {}, audio.data, 'a.wav')).status).toBe(404);
    const org = await upload(owner, 'org', {}, audio.data, 'a.wav');
    expect(org.status).toBe(403);
    expect(org.body.error.code).toBe('not_a_music_community');
  });

  it('validates the text fields of the upload', async () => {
    const audio = await makeAudio(audioDir, 'wav', { seconds: 1 });
    const bad = await upload(owner, 'ana', { visibility: 'everyone' }, audio.data, 'a.wav');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { field: 'visibility', message: 'must be public, members or tier' },
    ]);
    const unknown = await upload(owner, 'ana', { price: '3' }, audio.data, 'a.wav');
    expect(unknown.status).toBe(400);
    const json = await owner.post('/api/communities/ana/tracks', { title: 'x' });
    expect(json.status).toBe(415);
  });
});

describe('who hears what', () => {
  it('keeps members-only tracks for members (403 for others) and private communities unknowable (404)', async () => {
    const track = await uploadReady({ title: 'For members', visibility: 'members' });
    expect((await member.get(`/api/tracks/${track.id}/stream`)).status).toBe(200);
    const denied = await outsider.get(`/api/tracks/${track.id}/stream`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('members_only');
    expect((await anonymous.get(`/api/tracks/${track.id}`)).status).toBe(403);
    const list = await outsider.get('/api/communities/ana/tracks');
    expect(list.body.tracks.map((x: { id: string }) => x.id)).not.toContain(track.id);
    expect(
      (await member.get('/api/communities/ana/tracks')).body.tracks.map((x: { id: string }) => x.id),
    ).toContain(track.id);

    const secret = await uploadReady({ title: 'Secret', visibility: 'public' }, 'wav', 'hidden');
    const missing = await outsider.get(`/api/tracks/trk_doesnotexist/stream`);
    for (const url of [
      `/api/tracks/${secret.id}`,
      `/api/tracks/${secret.id}/stream`,
      `/api/tracks/${secret.id}/download`,
    ]) {
      const res = await outsider.get(url);
      expect(res.status, url).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
  });

  it('lets only the team edit or delete a track, and deleting removes its files', async () => {
    const track = await uploadReady({ title: 'Temporary' });
    expect((await member.patch(`/api/tracks/${track.id}`, { title: 'Mine now' })).status).toBe(403);
    const edited = await owner.patch(`/api/tracks/${track.id}`, { title: 'Renamed', downloadable: true });
    expect(edited.body).toMatchObject({ title: 'Renamed', downloadable: true });
    expect((await owner.patch(`/api/tracks/${track.id}`, { status: 'ready' })).status).toBe(400);
    expect((await member.delete(`/api/tracks/${track.id}`)).status).toBe(403);
    expect((await owner.delete(`/api/tracks/${track.id}`)).status).toBe(204);
    expect((await owner.get(`/api/tracks/${track.id}`)).status).toBe(404);
    const left = await readdir(path.join(t.ctx.config.dataDir, 'files', 'renditions', track.id)).catch(
      () => [],
    );
    expect(left).toEqual([]);
  });
});
