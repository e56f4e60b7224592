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

describe('my data', () => {
  it('exports everything about me as a downloadable document, and nothing of anyone else', async () => {
    const me = t.client();
    await me.signUp('exporter@example.com', 'Exporter');
    await me.patch('/api/me', { location: 'Porto', birthday: '1990-01-02' });
    await t.client().signUp('someone-else@example.com', 'Else');
    const res = await me.get('/api/me/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="coterie-export-\d{4}-\d{2}-\d{2}\.json"/,
    );
    expect(res.body.format).toBe('coterie-export/1');
    expect(res.body.sections.account.profile).toMatchObject({
      email: 'exporter@example.com',
      location: 'Porto',
      birthday: '1990-01-02',
    });
    expect(res.body.sections.account.sessions).toHaveLength(1);
    expect(res.text).not.toContain('someone-else');
    expect(res.text).not.toMatch(/password|tokenHash|token_hash/i);
    expect((await t.client().get('/api/me/export')).status).toBe(401);
  });

  it('erases me only with my password, and then I am gone everywhere', async () => {
    const me = t.client();
    await me.signUp('leaver@example.com', 'Leaver');
    const other = t.client();
    await other.post('/api/auth/login', { email: 'leaver@example.com', password: PASSWORD });
    const wrong = await me.delete('/api/me', { password: 'not my password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_password');
    expect((await me.delete('/api/me', {})).status).toBe(400);
    expect((await me.delete('/api/me', { password: PASSWORD })).status).toBe(204);
    expect((await me.get('/api/me')).status).toBe(401);
    expect((await other.get('/api/me')).status).toBe(401);
    const login = await t
      .client()
      .post('/api/auth/login', { email: 'leaver@example.com', password: PASSWORD });
    expect(login.status).toBe(401);
    // The email is free again.
    expect(
      (
        await t
          .client()
          .post('/api/auth/register', { email: 'leaver@example.com', password: PASSWORD, displayName: 'New' })
      ).status,
    ).toBe(201);
  });
});
