import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, multipartBody, type TestApp, type TestClient } from '@coterie/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAudio } from './generate-audio.ts';

let t: TestApp;
let audioDir: string;
let owner: TestClient;
let fan: TestClient;
let anonymous: TestClient;
let trackId: string;
let original: Buffer;
let opus: Buffer;

beforeAll(async () => {
  t = await createTestApp({ COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000' });
  audioDir = await mkdtemp(path.join(tmpdir(), 'coterie-audio-'));
  owner = t.client();
  await owner.signUp('ana@example.com', 'Ana Okafor');
  await owner.post('/api/communities', {
    slug: 'ana',
    name: 'Ana Okafor',
    kind: 'artist',
    visibility: 'public',
  });
  fan = t.client();
  await fan.signUp('fan@example.com', 'Fan');
  await fan.post('/api/communities/ana/join', { handle: 'fan', share: [] });
  anonymous = t.client();
  const audio = await makeAudio(audioDir, 'flac', { seconds: 4 });
  original = audio.data;
  const body = multipartBody(
    { title: 'Night Bus / Café', downloadable: 'true' },
    { filename: 'night.flac', contentType: 'audio/flac', data: original },
  );
  trackId = (await owner.request('POST', '/api/communities/ana/tracks', undefined, body)).body.id;
  await t.app.jobs.idle();
  opus = (await anonymous.get(`/api/tracks/${trackId}/stream?format=opus`)).raw;
});

afterAll(async () => {
  await t.close();
  await rm(audioDir, { recursive: true, force: true });
});

const stream = (headers: Record<string, string> = {}, client = anonymous) =>
  client.get(`/api/tracks/${trackId}/stream?format=opus`, { headers });

describe('streaming (RFC 9110 ranges and validators)', () => {
  it('serves the whole rendition with validators and long-lived caching', async () => {
    const res = await stream();
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'accept-ranges': 'bytes',
      'content-type': 'audio/ogg',
      'content-length': String(opus.length),
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(new Date(String(res.headers['last-modified'])).getTime()).not.toBeNaN();
  });

  it('serves closed, open and suffix ranges as 206 with the exact bytes', async () => {
    const cases: [string, number, number][] = [
      ['bytes=0-0', 0, 0],
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, opus.length - 1],
      ['bytes=-50', opus.length - 50, opus.length - 1],
      [`bytes=10-${opus.length + 1000}`, 10, opus.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await stream({ range });
      expect(res.status, range).toBe(206);
      expect(res.headers['content-range'], range).toBe(`bytes ${start}-${end}/${opus.length}`);
      expect(res.headers['content-length'], range).toBe(String(end - start + 1));
      expect(res.raw.equals(opus.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers 416 with the length when no range can be satisfied, and ignores malformed ones', async () => {
    const res = await stream({ range: `bytes=${opus.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${opus.length}`);
    for (const range of ['bytes=x-y', 'bytes=9-3', 'seconds=1-2']) {
      expect((await stream({ range })).status, range).toBe(200);
    }
  });

  it('answers 304 to a matching If-None-Match, and If-Range decides between 206 and 200', async () => {
    const { etag } = (await stream()).headers;
    expect((await stream({ 'if-none-match': String(etag) })).status).toBe(304);
    expect((await stream({ range: 'bytes=0-9', 'if-range': String(etag) })).status).toBe(206);
    expect((await stream({ range: 'bytes=0-9', 'if-range': '"stale"' })).status).toBe(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await anonymous.request('HEAD', `/api/tracks/${trackId}/stream?format=mp3`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/mpeg');
    expect(res.raw.length).toBe(0);
  });

  it('picks the rendition from the Accept header, and says which exist when none is acceptable', async () => {
    const url = `/api/tracks/${trackId}/stream`;
    expect((await anonymous.get(url, { headers: { accept: '*/*' } })).headers['content-type']).toBe(
      'audio/ogg',
    );
    const mp3 = await anonymous.get(url, { headers: { accept: 'audio/mpeg' } });
    expect(mp3.headers['content-type']).toBe('audio/mpeg');
    expect(mp3.headers.vary).toBe('Accept');
    const none = await anonymous.get(url, { headers: { accept: 'text/html' } });
    expect(none.status).toBe(406);
    expect(none.body.error.message).toMatch(/Opus.*MP3/);
  });
});

describe('downloads and listens, counted for charts', () => {
  it('downloads the original byte for byte, or an MP3, named "Artist - Title.ext"', async () => {
    const res = await fan.get(`/api/tracks/${trackId}/download`);
    expect(res.status).toBe(200);
    expect(res.raw.equals(original)).toBe(true);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Ana Okafor - Night Bus _ Caf_.flac"; filename*=UTF-8''Ana%20Okafor%20-%20Night%20Bus%20_%20Caf%C3%A9.flac`,
    );
    const mp3 = await fan.get(`/api/tracks/${trackId}/download?format=mp3`);
    expect(mp3.headers['content-type']).toBe('audio/mpeg');
    expect(String(mp3.headers['content-disposition'])).toContain('.mp3"');
  });

  it('refuses downloads the artist has not allowed', async () => {
    await owner.patch(`/api/tracks/${trackId}`, { downloadable: false });
    const res = await fan.get(`/api/tracks/${trackId}/download`);
    expect(res.status).toBe(403);
    expect((await fan.get(`/api/tracks/${trackId}`)).body.downloads).toBeNull();
    await owner.patch(`/api/tracks/${trackId}`, { downloadable: true });
  });

  it('counts a listen after 30 s (or the whole of a shorter track), once per account and ISO week', async () => {
    expect((await anonymous.post(`/api/tracks/${trackId}/plays`, { playedMs: 40_000 })).status).toBe(401);
    const early = await fan.post(`/api/tracks/${trackId}/plays`, { playedMs: 1000 });
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe('too_short');
    // The track is 4 s long: its whole length is a listen.
    for (let i = 0; i < 3; i++)
      expect((await fan.post(`/api/tracks/${trackId}/plays`, { playedMs: 4000 })).status).toBe(204);
    t.clock.advance(7 * 86_400);
    expect((await fan.post(`/api/tracks/${trackId}/plays`, { playedMs: 4000 })).status).toBe(204);
    const exported = (await fan.get('/api/me/export')).body;
    const listens = exported.sections.music.filter((e: { kind: string }) => e.kind === 'listen');
    expect(listens).toHaveLength(2);
    expect(listens.map((e: { repeats: number }) => e.repeats).sort()).toEqual([0, 2]);
    expect(listens[0].week).toMatch(/^\d{4}-W\d{2}$/);
    const downloads = exported.sections.music.filter((e: { kind: string }) => e.kind === 'download');
    expect(downloads).toHaveLength(1);
  });

  it('erases listens and downloads with the account', async () => {
    const gone = t.client();
    await gone.signUp('gone@example.com', 'Gone');
    await gone.post(`/api/tracks/${trackId}/plays`, { playedMs: 4000 });
    expect((await gone.get('/api/me/export')).body.sections.music).toHaveLength(1);
    expect((await gone.delete('/api/me', { password: 'a long and quiet river' })).status).toBe(204);
    const rows = await t.ctx.database.db.execute(sql`select count(*)::int as n from track_events`);
    const total = (rows as unknown as { rows: { n: number }[] }).rows[0]?.n;
    expect(total).toBe(3);
  });

  it('stores the original once however often it is uploaded', async () => {
    const body = multipartBody(
      { title: 'Again' },
      { filename: 'again.flac', contentType: 'audio/flac', data: original },
    );
    const again = await owner.request('POST', '/api/communities/ana/tracks', undefined, body);
    expect(again.status).toBe(202);
    await t.app.jobs.idle();
    const dir = path.join(t.ctx.config.dataDir, 'files', 'originals');
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(original).digest('hex');
    expect((await readFile(path.join(dir, sha.slice(0, 2), sha))).equals(original)).toBe(true);
    // Deleting one of the two tracks keeps the shared original for the other.
    await owner.delete(`/api/tracks/${again.body.id}`);
    expect((await fan.get(`/api/tracks/${trackId}/download`)).status).toBe(200);
  });
});
