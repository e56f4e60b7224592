import { securityHeadersFor } from '@coterie/platform';
import { createTestApp, type TestApp } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('HTTP basics', () => {
  it('answers health once the database answers', async () => {
    const res = await t.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('sends security headers: locked down on API answers, the full set on pages', async () => {
    for (const url of ['/api/health', '/api/nothing-here']) {
      const res = await t.client().get(url);
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    }
    const page = securityHeadersFor('/c/some-community');
    expect(page['content-security-policy']).toContain("default-src 'self'");
    expect(page['content-security-policy']).toContain("script-src 'self'");
    expect(page['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(page['x-frame-options']).toBe('DENY');
    expect(securityHeadersFor('/assets/index.js')).toBe(page);
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/health',
      '/api/auth/register',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/me',
      '/api/me/export',
    ]) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
    expect(
      res.body.paths['/api/auth/register'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(expect.arrayContaining(['email', 'password', 'displayName']));
    expect(res.body.paths['/api/me'].patch).toBeDefined();
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/auth/nothing'],
      ['DELETE', '/api/health'],
    ] as const) {
      const res = await t.client().request(method, url, method === 'GET' ? undefined : {});
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining(url) } });
    }
  });

  it('refuses cross-site writes (CSRF) but lets same-origin and non-browser clients through', async () => {
    const victim = t.client();
    await victim.signUp('csrf@example.com');
    const evil = await victim.request(
      'PATCH',
      '/api/me',
      { bio: 'pwned' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('csrf_rejected');
    const fetchMeta = await victim.request(
      'POST',
      '/api/auth/logout',
      {},
      { headers: { origin: '', 'sec-fetch-site': 'cross-site' } },
    );
    expect(fetchMeta.status).toBe(403);
    expect((await victim.get('/api/me')).body.bio).toBeNull();
    const same = await victim.request(
      'PATCH',
      '/api/me',
      { bio: 'mine' },
      { headers: { origin: 'http://localhost:80' } },
    );
    expect(same.status).toBe(200);
    // A script or CLI (no Origin, no Sec-Fetch-Site) carries no ambient browser cookies to abuse.
    const cli = await victim.request('PATCH', '/api/me', { bio: 'from curl' }, { headers: { origin: '' } });
    expect(cli.status).toBe(200);
  });

  it('accepts the configured public origin behind a proxy', async () => {
    const proxied = await createTestApp({ COTERIE_PUBLIC_URL: 'https://coterie.example.org' });
    try {
      const res = await proxied
        .client()
        .post(
          '/api/auth/register',
          { email: 'proxied@example.com', password: 'a long and quiet river', displayName: 'P' },
          { headers: { origin: 'https://coterie.example.org' } },
        );
      expect(res.status).toBe(201);
    } finally {
      await proxied.close();
    }
  });

  it('turns a database outage into a 503 with the error shape, not a stack trace', async () => {
    const down = await createTestApp();
    await down.ctx.database.close();
    try {
      const res = await down.client().get('/api/health');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('database_unavailable');
      const me = await down
        .client()
        .post('/api/auth/login', { email: 'a@example.com', password: 'whatever it is' });
      expect(me.status).toBe(500);
      expect(me.body).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
      expect(me.text).not.toMatch(/at .*\.(ts|js):\d+/);
    } finally {
      await down.close();
    }
  });
});

describe('docs/openapi.json', () => {
  it('is the document the server generates (run `npm run docs:openapi` after changing a route)', async () => {
    const { readFile } = await import('node:fs/promises');
    const committed = JSON.parse(
      await readFile(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'),
    );
    expect((await t.client().get('/api/openapi.json')).body).toEqual(committed);
  });
});
