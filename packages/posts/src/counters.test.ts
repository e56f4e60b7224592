import { createTestApp, type TestApp, type TestClient } from '@coterie/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The counters kept on write (migration 0016) must equal a recount after any sequence of writes,
// deletes, hides and the cascades that bypass the application (a member leaving, an account erased).

let t: TestApp;
const PASSWORD = 'a long and quiet river';
const SLUG = 'count-room';
const EMOJIS = ['❤️', '🎵', '🔥'];

/** A small deterministic generator, so a failure replays with the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Person {
  client: TestClient;
  name: string;
  present: boolean;
}

let n = 0;
async function person(name: string): Promise<Person> {
  const client = t.client();
  await client.signUp(`${name}${++n}@example.com`, name, PASSWORD);
  return { client, name, present: true };
}

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** Every kept counter beside the same figure counted from the rows. */
async function drift(): Promise<unknown[]> {
  const comments = rowsOf(
    await t.ctx.db.execute(sql`
      select p.id, p.comment_count as kept,
        (select count(*)::int from comments c where c.post_id = p.id and c.hidden_at is null) as counted
      from posts p`),
  ).filter((r) => (r as { kept: number }).kept !== (r as { counted: number }).counted);
  const reactions = rowsOf(
    await t.ctx.db.execute(sql`
      with counted as (
        select post_id, emoji, count(*)::int as n, min(created_at) as first_at from reactions group by post_id, emoji
      )
      select coalesce(k.post_id, c.post_id) as post_id, coalesce(k.emoji, c.emoji) as emoji,
        k.count as kept, c.n as counted, k.first_at = c.first_at as same_first
      from post_reaction_counts k full join counted c on c.post_id = k.post_id and c.emoji = k.emoji
      where k.count is distinct from c.n or k.first_at is distinct from c.first_at`),
  );
  const pinned = rowsOf(
    await t.ctx.db.execute(sql`
      select c.id, c.pinned_count as kept,
        (select count(*)::int from posts p where p.community_id = c.id and p.pinned) as counted
      from communities c`),
  ).filter((r) => (r as { kept: number }).kept !== (r as { counted: number }).counted);
  return [...comments, ...reactions, ...pinned];
}

let owner: Person;
let people: Person[];

beforeAll(async () => {
  t = await createTestApp({ COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000' });
  owner = await person('owner');
  await owner.client.post('/api/communities', {
    slug: SLUG,
    name: 'Count room',
    kind: 'artist',
    visibility: 'public',
  });
  people = [];
  for (let i = 0; i < 5; i++) people.push(await person(`fan${i}`));
});
afterAll(async () => {
  await t.close();
});

describe('counters kept on write', () => {
  it('equal a recount after 300 random writes, deletes, hides, leaves and erasures', async () => {
    const next = random(20261207);
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)];
    const posts: string[] = [];
    const comments: string[] = [];
    const joinedIn = async (p: Person): Promise<void> => {
      if (!p.present) return;
      await p.client.post(`/api/communities/${SLUG}/join`, {
        handle: `${p.name}${++n}`,
        share: ['displayName'],
      });
    };
    for (const p of people) await joinedIn(p);
    const members = (): Person[] => people.filter((p) => p.present);
    let checks = 0;
    for (let step = 0; step < 300; step++) {
      const roll = next();
      const actor = pick(members()) ?? owner;
      const post = pick(posts);
      if (roll < 0.15 || post === undefined) {
        const r = await actor.client.post(`/api/communities/${SLUG}/posts`, {
          body: `post ${step}`,
          visibility: 'public',
        });
        if (r.status === 201) posts.push(r.body.id);
      } else if (roll < 0.35) {
        const parentId = next() < 0.3 ? pick(comments) : undefined;
        const r = await actor.client.post(`/api/posts/${post}/comments`, {
          body: `c ${step}`,
          ...(parentId ? { parentId } : {}),
        });
        if (r.status === 201) comments.push(r.body.id);
      } else if (roll < 0.55) {
        await actor.client.put(`/api/posts/${post}/reactions/${encodeURIComponent(pick(EMOJIS)!)}`);
      } else if (roll < 0.65) {
        await actor.client.delete(`/api/posts/${post}/reactions/${encodeURIComponent(pick(EMOJIS)!)}`);
      } else if (roll < 0.72) {
        const comment = pick(comments);
        if (comment) await owner.client.post(`/api/comments/${comment}/${next() < 0.6 ? 'hide' : 'unhide'}`);
      } else if (roll < 0.77) {
        const comment = pick(comments);
        if (comment) await owner.client.delete(`/api/comments/${comment}`);
      } else if (roll < 0.84) {
        await owner.client.patch(`/api/posts/${post}`, { pinned: next() < 0.6 });
      } else if (roll < 0.88) {
        await owner.client.post(`/api/posts/${post}/${next() < 0.5 ? 'hide' : 'unhide'}`);
      } else if (roll < 0.93) {
        await owner.client.delete(`/api/posts/${post}`);
        posts.splice(posts.indexOf(post), 1);
      } else if (roll < 0.97) {
        // Leaving deletes the persona: its reactions go by cascade, its posts and comments stay unsigned.
        const leaver = pick(members());
        if (leaver) {
          await leaver.client.delete(`/api/communities/${SLUG}/membership`);
          await joinedIn(leaver);
        }
      } else {
        const erased = pick(members());
        if (erased) {
          const r = await erased.client.delete('/api/me', {
            password: PASSWORD,
            posts: next() < 0.5 ? 'delete' : 'anonymise',
          });
          expect(r.status).toBe(204);
          erased.present = false;
          const live = new Set(
            rowsOf<{ id: string }>(await t.ctx.db.execute(sql`select id from posts`)).map((r) => r.id),
          );
          posts.splice(0, posts.length, ...posts.filter((id) => live.has(id)));
        }
      }
      if (step % 25 === 24) {
        expect(await drift()).toEqual([]);
        checks++;
      }
    }
    expect(checks).toBe(12);
    expect(await drift()).toEqual([]);
    // The sequence did exercise each counter, so a recount of zero everywhere would not pass for right.
    const [totals] = rowsOf<{ comments: number; reactions: number; pinned: number }>(
      await t.ctx.db.execute(sql`select
        (select coalesce(sum(comment_count), 0)::int from posts) as comments,
        (select coalesce(sum(count), 0)::int from post_reaction_counts) as reactions,
        (select coalesce(sum(pinned_count), 0)::int from communities) as pinned`),
    );
    expect(totals!.comments).toBeGreaterThan(0);
    expect(totals!.reactions).toBeGreaterThan(0);
  }, 180_000);

  it('are what the feed shows', async () => {
    const feed = await owner.client.get(`/api/communities/${SLUG}/posts`);
    expect(feed.status).toBe(200);
    for (const item of [...feed.body.items, ...feed.body.pinned] as {
      id: string;
      commentCount: number;
      reactions: { emoji: string; count: number }[];
    }[]) {
      const [comments] = rowsOf<{ n: number }>(
        await t.ctx.db.execute(
          sql`select count(*)::int as n from comments where post_id = ${item.id} and hidden_at is null`,
        ),
      );
      const reactions = rowsOf<{ emoji: string; count: number }>(
        await t.ctx.db.execute(sql`select emoji, count(*)::int as count from reactions where post_id = ${item.id}
          group by emoji order by min(created_at), emoji`),
      );
      expect(item.commentCount).toBe(comments!.n);
      expect(item.reactions.map(({ emoji, count }) => ({ emoji, count }))).toEqual(reactions);
    }
  });
});
