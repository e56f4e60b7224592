import { createTestApp, eventually, type TestApp, type TestClient } from '@coterie/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The read caches (platform/src/cache) answer GETs from memory until the database's change notices
// say otherwise. These tests hold them to "never stale after your own write, and only for the
// notice's flight time anywhere else", on both databases.

let t: TestApp;
let owner: TestClient;
let fan: TestClient;
const SLUG = 'cache-room';
const feed = `/api/communities/${SLUG}/posts`;

beforeAll(async () => {
  t = await createTestApp({ COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000' });
  owner = t.client();
  await owner.signUp('owner@example.com', 'Owner');
  await owner.post('/api/communities', {
    slug: SLUG,
    name: 'Cache room',
    kind: 'artist',
    visibility: 'public',
  });
  fan = t.client();
  await fan.signUp('fan@example.com', 'Fan');
  await fan.post(`/api/communities/${SLUG}/join`, { handle: 'fan', share: ['displayName'] });
});
afterAll(async () => {
  await t.close();
});

describe('read caches', () => {
  it('never answer a writer with what their write changed', async () => {
    const post = await owner.post(feed, { body: 'first', visibility: 'public' });
    for (let i = 0; i < 20; i++) {
      await fan.get(feed);
      await fan.put(`/api/posts/${post.body.id}/reactions/${encodeURIComponent('🔥')}`);
      const after = (await fan.get(feed)).body.items[0];
      expect(after.reactions).toEqual([{ emoji: '🔥', count: 1, mine: true }]);
      await fan.delete(`/api/posts/${post.body.id}/reactions/${encodeURIComponent('🔥')}`);
      expect((await fan.get(feed)).body.items[0].reactions).toEqual([]);
    }
    await fan.patch(`/api/communities/${SLUG}/membership`, { handle: 'fan-renamed' });
    expect((await fan.get(`/api/communities/${SLUG}`)).body.myMembership.handle).toBe('fan-renamed');
  });

  it('forget a session at logout, and a profile at its edit', async () => {
    const other = t.client();
    await other.signUp('leaver@example.com', 'Leaver');
    expect((await other.get('/api/me')).status).toBe(200);
    await other.patch('/api/me', { displayName: 'Renamed' });
    expect((await other.get('/api/me')).body.displayName).toBe('Renamed');
    const cookie = [...other.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    await other.post('/api/auth/logout');
    const stolen = await t.client().get('/api/me', { headers: { cookie } });
    expect(stolen.status).toBe(401);
  });

  it('hear of changes made by another process, and of rows written by hand', async () => {
    const peer = await t.peer();
    const there = peer.client();
    await there.get(feed);
    const made = await owner.post(feed, { body: 'from this process', visibility: 'public' });
    const heardIn = await eventually(async () => (await there.get(feed)).body.items[0]?.id === made.body.id);
    expect(heardIn).toBeLessThan(3_000);
    // A change no service made (an operator's SQL) is announced by the trigger all the same.
    await t.ctx.db.execute(
      sql`update posts set body_html = '<p>edited by hand</p>' where id = ${made.body.id}`,
    );
    await eventually(async () => (await owner.get(feed)).body.items[0]?.bodyHtml === '<p>edited by hand</p>');
    await eventually(async () => (await there.get(feed)).body.items[0]?.bodyHtml === '<p>edited by hand</p>');
    // A session ended elsewhere is refused here too.
    const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    expect((await there.get('/api/me', { headers: { cookie } })).status).toBe(200);
    await t.ctx.db.execute(
      sql`delete from sessions where user_id = (select id from users where email = 'owner@example.com')`,
    );
    await eventually(async () => (await there.get('/api/me', { headers: { cookie } })).status === 401);
    await owner.post('/api/auth/login', { email: 'owner@example.com', password: 'a long and quiet river' });
  });

  it('serve nothing while the notices may be missed, and come back once listening again', async () => {
    if (t.ctx.database.kind !== 'postgres') return;
    await fan.get(feed);
    // Cut the listening connection: until it is back, every read goes to the database.
    await t.ctx.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
    );
    await eventually(async () => !t.ctx.changes.live, 2_000);
    await t.ctx.db.execute(
      sql`update posts set body_html = '<p>while deaf</p>' where id = (select max(id) from posts)`,
    );
    expect((await fan.get(feed)).body.items[0].bodyHtml).toBe('<p>while deaf</p>');
    await eventually(async () => t.ctx.changes.live, 5_000);
    await fan.get(feed);
    await t.ctx.db.execute(
      sql`update posts set body_html = '<p>heard again</p>' where id = (select max(id) from posts)`,
    );
    await eventually(async () => (await fan.get(feed)).body.items[0]?.bodyHtml === '<p>heard again</p>');
  });
});
