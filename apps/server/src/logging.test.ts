import { createTestApp, type TestApp } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, { logTo: (line) => lines.push(line) });
});
afterAll(async () => {
  await t.close();
});

describe('request logging', () => {
  it('logs each request without passwords, cookies, tokens or query strings', async () => {
    const password = 'a very memorable secret phrase';
    const c = t.client();
    await c.signUp('logged@example.com', 'Logged', password);
    await c.post('/api/auth/login', { email: 'logged@example.com', password });
    await c.get('/api/me?invite=secret-invite-code');
    await c.post('/api/auth/login', { email: 'logged@example.com', password: 'wrong but still secret' });
    const token = c.cookies.get('coterie_session')!;
    const log = lines.join('');
    expect(log).toMatch(/"url":"\/api\/auth\/login"/);
    expect(log).toMatch(/"statusCode":401/);
    expect(log).not.toContain(password);
    expect(log).not.toContain('wrong but still secret');
    expect(log).not.toContain(token);
    expect(log).not.toContain('secret-invite-code');
    expect(log).not.toMatch(/coterie_session=/);
  });
});
