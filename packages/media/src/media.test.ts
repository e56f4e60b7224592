import { createTestApp, type TestApp, type TestClient } from '@coterie/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestApp;
let owner: TestClient;
let member: TestClient;
let outsider: TestClient;

function multipart(
  data: Buffer,
  filename: string,
  type: string,
  field = 'file',
): { rawBody: Buffer; headers: Record<string, string> } {
  const boundary = '----coterie-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    rawBody: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#b4532a' } })
    .png()
    .toBuffer();

beforeAll(async () => {
  t = await createTestApp();
  owner = t.client();
  await owner.signUp('media-owner@example.com', 'Owner');
  await owner.post('/api/communities', {
    slug: 'picture-room',
    name: 'Pictures',
    kind: 'artist',
    visibility: 'public',
  });
  await owner.post('/api/communities', {
    slug: 'hidden-pictures',
    name: 'Hidden',
    kind: 'artist',
    visibility: 'private',
  });
  member = t.client();
  await member.signUp('media-member@example.com', 'Member');
  await member.post('/api/communities/picture-room/join', { handle: 'member', share: [] });
  outsider = t.client();
  await outsider.signUp('media-outsider@example.com', 'Outsider');
});
afterAll(async () => {
  await t.close();
});

describe('community images', () => {
  it('re-encodes a logo to a square WebP without metadata, and serves it with caching', async () => {
    const withGps = await sharp(await png(900, 600))
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret-exif-marker' } } })
      .toBuffer();
    const res = await owner.request(
      'PUT',
      '/api/communities/picture-room/logo',
      undefined,
      multipart(withGps, 'me.jpg', 'image/jpeg'),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.logoUrl).toMatch(/^\/api\/media\/med_/);
    const image = await t.app.http.inject({ url: res.body.logoUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toContain('immutable');
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 512, height: 512 });
    expect(meta.exif).toBeUndefined();
    expect(image.rawPayload.toString('latin1')).not.toContain('secret-exif-marker');
    const again = await t.app.http.inject({
      url: res.body.logoUrl,
      headers: { 'if-none-match': String(image.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('replaces and removes the banner', async () => {
    const first = await owner.request(
      'PUT',
      '/api/communities/picture-room/banner',
      undefined,
      multipart(await png(2000, 800), 'b.png', 'image/png'),
    );
    const second = await owner.request(
      'PUT',
      '/api/communities/picture-room/banner',
      undefined,
      multipart(await png(1600, 400), 'b.png', 'image/png'),
    );
    expect((await t.app.http.inject({ url: first.body.bannerUrl })).statusCode).toBe(404);
    const meta = await sharp((await t.app.http.inject({ url: second.body.bannerUrl })).rawPayload).metadata();
    expect(meta).toMatchObject({ width: 1600, height: 400 });
    const removed = await owner.delete('/api/communities/picture-room/banner');
    expect(removed.body.bannerUrl).toBeNull();
  });

  it('sniffs content instead of trusting names and types', async () => {
    const text = await owner.request(
      'PUT',
      '/api/communities/picture-room/logo',
      undefined,
      multipart(Buffer.from('not an image at all'), 'x.png', 'image/png'),
    );
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('unsupported_image');
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    expect(
      (
        await owner.request(
          'PUT',
          '/api/communities/picture-room/logo',
          undefined,
          multipart(svg, 'x.png', 'image/png'),
        )
      ).status,
    ).toBe(415);
    const truncated = (await png(400, 400)).subarray(0, 120);
    expect([415, 422]).toContain(
      (
        await owner.request(
          'PUT',
          '/api/communities/picture-room/logo',
          undefined,
          multipart(truncated, 'x.png', 'image/png'),
        )
      ).status,
    );
    const big = Buffer.alloc(11 * 1024 * 1024, 1);
    expect(
      (
        await owner.request(
          'PUT',
          '/api/communities/picture-room/logo',
          undefined,
          multipart(big, 'x.png', 'image/png'),
        )
      ).status,
    ).toBe(413);
    expect((await owner.put('/api/communities/picture-room/logo', { file: 'x' })).status).toBe(415);
    expect(
      (
        await owner.request(
          'PUT',
          '/api/communities/picture-room/logo',
          undefined,
          multipart(await png(10, 10), 'x.png', 'image/png', 'other'),
        )
      ).status,
    ).toBe(400);
  });

  it('lets only the owner brand, only members add pictures, and hides private images', async () => {
    const upload = multipart(await png(50, 50), 'x.png', 'image/png');
    expect(
      (await member.request('PUT', '/api/communities/picture-room/logo', undefined, upload)).status,
    ).toBe(403);
    expect(
      (await outsider.request('POST', '/api/communities/picture-room/images', undefined, upload)).status,
    ).toBe(403);
    expect(
      (await t.client().request('POST', '/api/communities/picture-room/images', undefined, upload)).status,
    ).toBe(401);
    const secret = await owner.request('PUT', '/api/communities/hidden-pictures/logo', undefined, upload);
    const url = secret.body.logoUrl;
    expect((await outsider.get(url)).status).toBe(404);
    expect((await t.client().get(url)).status).toBe(404);
    const invite = (await owner.post('/api/communities/hidden-pictures/invites', {})).body.code;
    const invited = await outsider.get(`/api/communities/hidden-pictures?invite=${invite}`);
    expect(invited.body.logoUrl).toBe(`${url}?invite=${invite}`);
    expect((await t.app.http.inject({ url: invited.body.logoUrl })).statusCode).toBe(200);
    expect((await t.client().get(`${url}?invite=forged`)).status).toBe(404);
    const mine = await t.app.http.inject({
      url,
      headers: { cookie: `coterie_session=${owner.cookies.get('coterie_session')}` },
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toContain('private');
  });

  it('attaches a picture to a post, only from the same community', async () => {
    const image = await member.request(
      'POST',
      '/api/communities/picture-room/images',
      undefined,
      multipart(await png(3000, 1000), 'p.png', 'image/png'),
    );
    expect(image.status).toBe(201);
    expect(image.body).toMatchObject({ width: 1600, height: 533 });
    const post = await member.post('/api/communities/picture-room/posts', {
      body: 'look',
      visibility: 'public',
      imageId: image.body.id,
    });
    expect(post.body.image).toEqual({ url: image.body.url, width: 1600, height: 533 });
    const feed = await t.client().get('/api/communities/picture-room/posts');
    expect(feed.body.items[0].image.url).toBe(image.body.url);
    const foreign = await owner.request(
      'POST',
      '/api/communities/hidden-pictures/images',
      undefined,
      multipart(await png(20, 20), 'p.png', 'image/png'),
    );
    const refused = await member.post('/api/communities/picture-room/posts', {
      body: 'steal',
      visibility: 'public',
      imageId: foreign.body.id,
    });
    expect(refused.status).toBe(400);
  });

  it('shows a post picture exactly to those who may see the post, and deletes it with the post', async () => {
    const upload = async () =>
      (
        await member.request(
          'POST',
          '/api/communities/picture-room/images',
          undefined,
          multipart(await png(64, 64), 'p.png', 'image/png'),
        )
      ).body;
    const loose = await upload();
    expect((await t.client().get(loose.url)).status).toBe(404);
    expect(
      (
        await t.app.http.inject({
          url: loose.url,
          headers: { cookie: `coterie_session=${member.cookies.get('coterie_session')}` },
        })
      ).statusCode,
    ).toBe(200);

    const secret = await upload();
    const post = (
      await member.post('/api/communities/picture-room/posts', {
        body: 'members only',
        visibility: 'members',
        imageId: secret.id,
      })
    ).body;
    expect((await t.client().get(secret.url)).status).toBe(404);
    expect((await outsider.get(secret.url)).status).toBe(404);
    const seen = await t.app.http.inject({
      url: secret.url,
      headers: { cookie: `coterie_session=${owner.cookies.get('coterie_session')}` },
    });
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['cache-control']).toContain('private');

    expect((await member.delete(`/api/posts/${post.id}`)).status).toBe(204);
    const gone = await t.app.http.inject({
      url: secret.url,
      headers: { cookie: `coterie_session=${owner.cookies.get('coterie_session')}` },
    });
    expect(gone.statusCode).toBe(404);
  });
});
