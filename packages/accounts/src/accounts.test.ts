import { createTestApp, type TestApp } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const PASSWORD = 'a long and quiet river';

describe('sign up, log in, log out', () => {
  it('registers, sets an HttpOnly SameSite=Lax session cookie and answers 201 with the profile', async () => {
    const c = t.client();
    const res = await c.post('/api/auth/register', {
      email: '  Ana.Okafor@Example.com ',
      password: PASSWORD,
      displayName: '  Ana   Okafor ',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'ana.okafor@example.com',
      displayName: 'Ana Okafor',
      isAdmin: false,
    });
    expect(res.body.id).toMatch(/^usr_/);
    expect(res.body).not.toHaveProperty('passwordHash');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/coterie_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(res.body.id);
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const https = await createTestApp({ COTERIE_TRUST_PROXY: 'true' });
    try {
      const res = await https
        .client()
        .post(
          '/api/auth/register',
          { email: 'secure@example.com', password: PASSWORD, displayName: 'S' },
          { headers: { 'x-forwarded-proto': 'https', origin: 'https://localhost:80' } },
        );
      expect(res.status).toBe(201);
      expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await https.close();
    }
  });

  it('refuses the same email in another letter case', async () => {
    const res = await t.client().post('/api/auth/register', {
      email: 'ANA.OKAFOR@example.COM',
      password: PASSWORD,
      displayName: 'Impostor',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('email_taken');
  });

  it('tells a client who is logged in without a 401', async () => {
    const c = t.client();
    expect(await c.get('/api/auth/session')).toMatchObject({ status: 200, body: { user: null } });
    await c.signUp('session-probe@example.com', 'Probe');
    const res = await c.get('/api/auth/session');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'session-probe@example.com', displayName: 'Probe' });
  });

  it('logs in case-insensitively and rotates the session', async () => {
    const c = t.client();
    await c.signUp('rotate@example.com');
    const before = c.cookies.get('coterie_session');
    const login = await c.post('/api/auth/login', { email: 'Rotate@Example.com', password: PASSWORD });
    expect(login.status).toBe(200);
    const after = c.cookies.get('coterie_session');
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // The pre-login token is dead: a fixated session cannot ride along.
    const stale = t.client();
    stale.cookies.set('coterie_session', before!);
    expect((await stale.get('/api/me')).status).toBe(401);
  });

  it('logs out this session only, or everywhere', async () => {
    const laptop = t.client();
    await laptop.signUp('everywhere@example.com');
    const phone = t.client();
    await phone.post('/api/auth/login', { email: 'everywhere@example.com', password: PASSWORD });
    const tablet = t.client();
    await tablet.post('/api/auth/login', { email: 'everywhere@example.com', password: PASSWORD });
    const sessions = await laptop.get('/api/me/sessions');
    expect(sessions.body.items).toHaveLength(3);
    expect(sessions.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    expect((await phone.post('/api/auth/logout')).status).toBe(204);
    expect(phone.cookies.has('coterie_session')).toBe(false);
    expect((await laptop.get('/api/me')).status).toBe(200);

    expect((await laptop.post('/api/auth/logout', { everywhere: true })).status).toBe(204);
    expect((await tablet.get('/api/me')).status).toBe(401);
  });

  it('revokes one session by id, but not another person’s', async () => {
    const a = t.client();
    await a.signUp('revoker@example.com');
    const other = t.client();
    await other.post('/api/auth/login', { email: 'revoker@example.com', password: PASSWORD });
    const mallory = t.client();
    await mallory.signUp('mallory@example.com');
    const [target] = (await a.get('/api/me/sessions')).body.items.filter(
      (s: { current: boolean }) => !s.current,
    );
    expect((await mallory.delete(`/api/me/sessions/${target.id}`)).status).toBe(404);
    expect((await other.get('/api/me')).status).toBe(200);
    expect((await a.delete(`/api/me/sessions/${target.id}`)).status).toBe(204);
    expect((await other.get('/api/me')).status).toBe(401);
  });

  it('expires sessions after the configured days', async () => {
    const c = t.client();
    await c.signUp('expiry@example.com');
    t.clock.advance(31 * 86400);
    expect((await c.get('/api/me')).status).toBe(401);
  });
});

describe('the private profile', () => {
  it('edits every field and keeps what was not sent', async () => {
    const c = t.client();
    await c.signUp('profile@example.com', 'Jo');
    const res = await c.patch('/api/me', {
      displayName: 'Jo Lindqvist',
      realName: 'Johanna Lindqvist',
      location: 'Malmö',
      bio: 'Night-bus listener.',
      avatarUrl: 'https://img.example.com/jo.png',
      links: [{ label: 'Blog', url: 'https://jo.example.com' }],
      birthday: '1994-05-17',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      displayName: 'Jo Lindqvist',
      realName: 'Johanna Lindqvist',
      location: 'Malmö',
      links: [{ label: 'Blog', url: 'https://jo.example.com/' }],
      birthday: '1994-05-17',
    });
    const again = await c.patch('/api/me', { bio: null, location: '  ' });
    expect(again.body).toMatchObject({ bio: null, location: null, realName: 'Johanna Lindqvist' });
  });

  it('changes the email only with the current password', async () => {
    const c = t.client();
    await c.signUp('mover@example.com');
    expect((await c.patch('/api/me', { email: 'moved@example.com' })).status).toBe(403);
    expect(
      (await c.patch('/api/me', { email: 'moved@example.com', currentPassword: 'nope' })).body.error.code,
    ).toBe('wrong_password');
    const ok = await c.patch('/api/me', { email: 'Moved@Example.com', currentPassword: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.email).toBe('moved@example.com');
    const taken = await c.patch('/api/me', { email: 'ANA.OKAFOR@example.com', currentPassword: PASSWORD });
    expect(taken.status).toBe(409);
  });

  it('changes the password and logs out the other sessions', async () => {
    const c = t.client();
    await c.signUp('changer@example.com');
    const other = t.client();
    await other.post('/api/auth/login', { email: 'changer@example.com', password: PASSWORD });
    expect(
      (await c.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'password123' })).body.error
        .code,
    ).toBe('weak_password');
    expect(
      (await c.post('/api/me/password', { currentPassword: 'wrong one!', newPassword: 'x' })).status,
    ).toBe(403);
    const res = await c.post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'violet tide under pines',
    });
    expect(res.status).toBe(204);
    expect((await c.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect(
      (await t.client().post('/api/auth/login', { email: 'changer@example.com', password: PASSWORD })).status,
    ).toBe(401);
    expect(
      (
        await t
          .client()
          .post('/api/auth/login', { email: 'changer@example.com', password: 'violet tide under pines' })
      ).status,
    ).toBe(200);
  });

  it('marks instance admins from COTERIE_ADMIN_EMAILS', async () => {
    const admin = await createTestApp({ COTERIE_ADMIN_EMAILS: 'Ops@Example.com' });
    try {
      const profile = await admin.client().signUp('ops@example.com');
      expect(profile.isAdmin).toBe(true);
      expect((await admin.client().signUp('fan@example.com')).isAdmin).toBe(false);
    } finally {
      await admin.close();
    }
  });
});
