import { createTestApp, type TestApp } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestApp;
beforeAll(async () => {
  // Small limits so the throttling cases stay quick.
  t = await createTestApp({
    COTERIE_LOGIN_FAILURES_PER_ACCOUNT: '3',
    COTERIE_LOGIN_FAILURES_PER_IP: '6',
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '4',
  });
});
afterAll(async () => {
  await t.close();
});

const PASSWORD = 'a long and quiet river';

function expectError(
  res: { status: number; body: any; headers: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(5);
  expect(JSON.stringify(res.body)).not.toMatch(/ at .*\.ts:\d+/);
}

describe('registration input', () => {
  it.each([
    ['missing email', { password: PASSWORD, displayName: 'A' }, 'validation_failed', /email is required/],
    ['missing everything', {}, 'validation_failed', /email is required.*password is required/],
    [
      'email of the wrong type',
      { email: 42, password: PASSWORD, displayName: 'A' },
      'validation_failed',
      /email must be of type string/,
    ],
    [
      'password of the wrong type',
      { email: 'x@example.com', password: ['a'], displayName: 'A' },
      'validation_failed',
      /password/,
    ],
    [
      'an unknown field',
      { email: 'x@example.com', password: PASSWORD, displayName: 'A', role: 'admin' },
      'validation_failed',
      /unknown field "role"/,
    ],
    [
      'a blank display name',
      { email: 'x@example.com', password: PASSWORD, displayName: '   ' },
      'validation_failed',
      /displayName/,
    ],
    [
      'a malformed email',
      { email: 'not-an-email', password: PASSWORD, displayName: 'A' },
      'validation_failed',
      /valid email/,
    ],
    [
      'a short password',
      { email: 'x@example.com', password: 'short', displayName: 'A' },
      'weak_password',
      /at least 10/,
    ],
    [
      'a common password',
      { email: 'x@example.com', password: 'password123', displayName: 'A' },
      'weak_password',
      /common/,
    ],
    [
      'the email as password',
      { email: 'melodic@example.com', password: 'melodic@example.com', displayName: 'A' },
      'weak_password',
      /email/,
    ],
  ])('%s → 400', async (_name, body, code, message) => {
    const res = await t.client().post('/api/auth/register', body);
    expectError(res, 400, code);
    expect(res.body.error.message).toMatch(message);
  });

  it('a body that is not an object → 400', async () => {
    expectError(await t.client().post('/api/auth/register', ['a', 'b']), 400, 'validation_failed');
    expectError(await t.client().post('/api/auth/register', 'just a string'), 400, 'validation_failed');
  });

  it('malformed JSON → 400 malformed_json', async () => {
    const res = await t.client().request('POST', '/api/auth/register', undefined, {
      rawBody: '{"email": "a@example.com",',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'malformed_json');
  });

  it('an empty JSON body → 400 naming the missing body', async () => {
    const res = await t.client().request('POST', '/api/auth/register', undefined, {
      rawBody: '',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.message).toMatch(/body/);
  });

  it('an empty JSON body where the body is optional → accepted', async () => {
    const c = t.client({ ip: '10.8.0.1' });
    await c.signUp('empty-body@example.com');
    const res = await c.request('POST', '/api/auth/logout', undefined, {
      rawBody: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(204);
  });

  it('validation errors from the service name their field', async () => {
    const c = t.client({ ip: '10.8.0.2' });
    await c.signUp('fields@example.com');
    const res = await c.patch('/api/me', { birthday: '2999-01-01' });
    expect(res.body.error.details).toEqual([
      { field: 'birthday', message: 'birthday cannot be in the future' },
    ]);
  });

  it('a form or text body → 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await t.client().request('POST', '/api/auth/register', undefined, {
        rawBody: 'email=a@example.com',
        headers: { 'content-type': type },
      });
      expectError(res, 415, 'unsupported_media_type');
    }
  });

  it('a huge body → 413', async () => {
    const res = await t.client().post('/api/auth/register', {
      email: 'big@example.com',
      password: PASSWORD,
      displayName: 'x'.repeat(2 * 1024 * 1024),
    });
    expectError(res, 413, 'payload_too_large');
  });

  it('a password over the length cap → 400 without hashing it', async () => {
    const res = await t.client().post('/api/auth/register', {
      email: 'long@example.com',
      password: 'word '.repeat(300),
      displayName: 'A',
    });
    expectError(res, 400, 'validation_failed');
  });
});

describe('login input and throttling', () => {
  it('wrong password and unknown email → the same 401', async () => {
    await t.client().signUp('known@example.com');
    const wrong = await t
      .client({ ip: '10.0.0.1' })
      .post('/api/auth/login', { email: 'known@example.com', password: 'nope nope nope' });
    const unknown = await t
      .client({ ip: '10.0.0.1' })
      .post('/api/auth/login', { email: 'ghost@example.com', password: PASSWORD });
    expectError(wrong, 401, 'invalid_credentials');
    expectError(unknown, 401, 'invalid_credentials');
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('too many failures for one account → 429 with Retry-After, even with the right password', async () => {
    await t.client().signUp('target@example.com');
    for (let i = 0; i < 3; i++) {
      const ip = `10.1.0.${i}`;
      expectError(
        await t
          .client({ ip })
          .post('/api/auth/login', { email: 'TARGET@example.com', password: `guess number ${i}` }),
        401,
        'invalid_credentials',
      );
    }
    const blocked = await t
      .client({ ip: '10.1.1.1' })
      .post('/api/auth/login', { email: 'target@example.com', password: PASSWORD });
    expectError(blocked, 429, 'too_many_requests');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    t.clock.advance(901);
    expect(
      (
        await t
          .client({ ip: '10.1.1.1' })
          .post('/api/auth/login', { email: 'target@example.com', password: PASSWORD })
      ).status,
    ).toBe(200);
  });

  it('too many failures from one IP across accounts → 429 for that IP only', async () => {
    const attacker = '10.2.0.1';
    for (let i = 0; i < 6; i++) {
      await t
        .client({ ip: attacker })
        .post('/api/auth/login', { email: `victim${i}@example.com`, password: 'spray spray spray' });
    }
    expectError(
      await t
        .client({ ip: attacker })
        .post('/api/auth/login', { email: 'known@example.com', password: PASSWORD }),
      429,
      'too_many_requests',
    );
    expect(
      (
        await t
          .client({ ip: '10.2.0.2' })
          .post('/api/auth/login', { email: 'known@example.com', password: PASSWORD })
      ).status,
    ).toBe(200);
  });

  it('a successful login resets the account counter', async () => {
    await t.client().signUp('forgetful@example.com');
    for (let round = 0; round < 3; round++) {
      const ip = `10.3.0.${round}`;
      await t
        .client({ ip })
        .post('/api/auth/login', { email: 'forgetful@example.com', password: 'not it at all' });
      await t
        .client({ ip })
        .post('/api/auth/login', { email: 'forgetful@example.com', password: 'still not it' });
      expect(
        (
          await t
            .client({ ip })
            .post('/api/auth/login', { email: 'forgetful@example.com', password: PASSWORD })
        ).status,
      ).toBe(200);
    }
  });

  it('too many sign-ups from one IP → 429', async () => {
    const ip = '10.4.0.1';
    for (let i = 0; i < 4; i++) {
      expect(
        (
          await t.client({ ip }).post('/api/auth/register', {
            email: `bulk${i}@example.com`,
            password: PASSWORD,
            displayName: 'Bulk',
          })
        ).status,
      ).toBe(201);
    }
    const res = await t
      .client({ ip })
      .post('/api/auth/register', { email: 'bulk9@example.com', password: PASSWORD, displayName: 'Bulk' });
    expectError(res, 429, 'too_many_requests');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('login with missing fields → 400', async () => {
    expectError(
      await t.client().post('/api/auth/login', { email: 'known@example.com' }),
      400,
      'validation_failed',
    );
  });
});

describe('profile input', () => {
  it.each([
    ['an empty patch', {}, /at least 1|fewer than 1|must NOT have fewer/],
    ['a javascript: avatar', { avatarUrl: 'javascript:alert(1)' }, /https/],
    ['a link without http(s)', { links: [{ label: 'x', url: 'ftp://files.example.com' }] }, /https/],
    [
      'too many links',
      { links: Array.from({ length: 11 }, () => ({ label: 'x', url: 'https://x.example.com' })) },
      /at most 10/,
    ],
    ['an impossible birthday', { birthday: '2001-02-30' }, /real date/],
    ['a future birthday', { birthday: '2999-01-01' }, /future/],
    ['a bio too long', { bio: 'x'.repeat(2001) }, /at most 2000/],
    ['a wrong type', { displayName: 12 }, /string/],
    ['an unknown field', { isAdmin: true }, /unknown field "isAdmin"/],
  ])('%s → 400', async (_name, body, message) => {
    // Each case signs up from its own address: this suite's sign-up limit is small on purpose.
    const c = t.client({ ip: `10.9.0.${Math.floor(Math.random() * 250)}` });
    await c.signUp(`p${Math.random().toString(36).slice(2)}@example.com`);
    const res = await c.patch('/api/me', body);
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.message).toMatch(message);
  });

  it('without a session → 401', async () => {
    expectError(await t.client().get('/api/me'), 401, 'unauthenticated');
    expectError(await t.client().patch('/api/me', { bio: 'x' }), 401, 'unauthenticated');
  });

  it('a forged or oversized session cookie → 401', async () => {
    const c = t.client();
    c.cookies.set('coterie_session', 'forged-token');
    expectError(await c.get('/api/me'), 401, 'unauthenticated');
    c.cookies.set('coterie_session', 'x'.repeat(4000));
    expectError(await c.get('/api/me'), 401, 'unauthenticated');
  });
});
