import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, multipartBody, type TestApp, type TestClient } from '@coterie/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAudio } from './generate-audio.ts';

let t: TestApp;
let audioDir: string;
let owner: TestClient;
let fan: TestClient;
let stranger: TestClient;

async function uploadTo(releaseId: string | null, title: string, visibility = 'public'): Promise<string> {
  const audio = await makeAudio(audioDir, 'wav', { seconds: 1, name: title.replace(/\W/g, '') });
  const fields: Record<string, string> = { title, visibility };
  if (releaseId) fields.releaseId = releaseId;
  const body = multipartBody(fields, { filename: 'a.wav', contentType: 'audio/wav', data: audio.data });
  const res = await owner.request('POST', '/api/communities/ana/tracks', undefined, body);
  expect(res.status, res.text).toBe(202);
  return res.body.id;
}

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
  await owner.post('/api/communities', {
    slug: 'other',
    name: 'Other',
    kind: 'artist',
    visibility: 'public',
  });
  fan = t.client();
  await fan.signUp('fan@example.com', 'Fan');
  await fan.post('/api/communities/ana/join', { handle: 'fan', share: [] });
  stranger = t.client();
  await stranger.signUp('stranger@example.com', 'Stranger');
});

afterAll(async () => {
  await t.close();
  await rm(audioDir, { recursive: true, force: true });
});

describe('releases', () => {
  it('builds an EP: tracks in upload order, reordered, with artwork, date and credits', async () => {
    const created = await owner.post('/api/communities/ana/releases', {
      title: 'Night Buses',
      kind: 'ep',
      releaseDate: '2026-11-20',
      credits: 'Written and produced by Ana Okafor',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const a = await uploadTo(id, 'First');
    const b = await uploadTo(id, 'Second');
    const c = await uploadTo(id, 'Third', 'members');
    await t.app.jobs.idle();
    let release = (await owner.get(`/api/releases/${id}`)).body;
    expect(release.tracks.map((x: { title: string }) => x.title)).toEqual(['First', 'Second', 'Third']);
    expect(release.durationMs).toBeGreaterThan(2900);

    const reordered = await owner.patch(`/api/releases/${id}`, { trackIds: [c, a, b] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.tracks.map((x: { position: number; id: string }) => [x.id, x.position])).toEqual([
      [c, 1],
      [a, 2],
      [b, 3],
    ]);
    const cover = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#d33' } })
      .png()
      .toBuffer();
    const art = await owner.request(
      'PUT',
      `/api/releases/${id}/artwork`,
      undefined,
      multipartBody({}, { filename: 'c.png', contentType: 'image/png', data: cover }),
    );
    expect(art.status, art.text).toBe(200);
    expect(art.body.artworkUrl).toMatch(/^\/api\/media\/med_/);
    const image = await fan.get(art.body.artworkUrl);
    expect(image.headers['content-type']).toBe('image/webp');
    const { width, height } = await sharp(image.raw).metadata();
    expect(width).toBe(height);
    // Each track shows its release's cover.
    expect((await fan.get(`/api/tracks/${a}`)).body.artworkUrl).toBe(art.body.artworkUrl);

    // Outsiders hear the public tracks only; members hear all three.
    release = (await stranger.get(`/api/releases/${id}`)).body;
    expect(release.tracks.map((x: { title: string }) => x.title)).toEqual(['First', 'Second']);
    expect((await fan.get(`/api/releases/${id}`)).body.tracks).toHaveLength(3);
    const listed = (await fan.get('/api/communities/ana/releases')).body.releases;
    expect(listed.map((r: { title: string }) => r.title)).toEqual(['Night Buses']);
  });

  it('refuses an order that is not exactly the release’s tracks, bad dates and foreign releases', async () => {
    const id = (await owner.post('/api/communities/ana/releases', { title: 'Single', kind: 'single' })).body
      .id;
    const track = await uploadTo(id, 'Only');
    await t.app.jobs.idle();
    expect((await owner.patch(`/api/releases/${id}`, { trackIds: [] })).status).toBe(400);
    expect((await owner.patch(`/api/releases/${id}`, { trackIds: [track, track] })).status).toBe(400);
    const date = await owner.patch(`/api/releases/${id}`, { releaseDate: '2026-02-30' });
    expect(date.status).toBe(400);
    expect(date.body.error.details).toEqual([{ field: 'releaseDate', message: 'not a date' }]);
    expect((await owner.post('/api/communities/ana/releases', { title: 'x', kind: 'mixtape' })).status).toBe(
      400,
    );
    const foreign = (
      await owner.post('/api/communities/other/releases', { title: 'Elsewhere', kind: 'album' })
    ).body.id;
    expect((await owner.patch(`/api/tracks/${track}`, { releaseId: foreign })).status).toBe(404);
  });

  it('lets only the team create and change releases; deleting one keeps its tracks', async () => {
    expect(
      (await fan.post('/api/communities/ana/releases', { title: 'Fan album', kind: 'album' })).status,
    ).toBe(403);
    const id = (await owner.post('/api/communities/ana/releases', { title: 'Doomed', kind: 'album' })).body
      .id;
    const track = await uploadTo(id, 'Survivor');
    await t.app.jobs.idle();
    expect((await fan.patch(`/api/releases/${id}`, { title: 'Mine' })).status).toBe(403);
    expect((await fan.delete(`/api/releases/${id}`)).status).toBe(403);
    // Empty of anything a fan can hear: the release is hidden from them, not from the team.
    const empty = (await owner.post('/api/communities/ana/releases', { title: 'Draft', kind: 'album' })).body
      .id;
    expect((await fan.get(`/api/releases/${empty}`)).status).toBe(404);
    expect((await owner.get(`/api/releases/${empty}`)).status).toBe(200);
    expect((await owner.delete(`/api/releases/${id}`)).status).toBe(204);
    expect((await owner.get(`/api/releases/${id}`)).status).toBe(404);
    expect((await fan.get(`/api/tracks/${track}`)).body).toMatchObject({
      releaseId: null,
      position: null,
      status: 'ready',
    });
  });
});
