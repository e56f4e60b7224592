import { describe, expect, it } from 'vitest';
import type { ChangeFeed, ChangeListener } from './change-feed.ts';
import { ReadCache } from './read-cache.ts';
import { withCachedReads } from './read-scope.ts';

/** A change feed the test drives by hand. */
function fakeFeed(): { feed: ChangeFeed; change(scope: string | null): void; setLive(live: boolean): void } {
  const listeners: ChangeListener[] = [];
  let live = true;
  const feed = {
    get live() {
      return live;
    },
    onChange: (l: ChangeListener) => listeners.push(l),
  } as unknown as ChangeFeed;
  return {
    feed,
    change: (scope) => {
      for (const l of listeners) l(scope);
    },
    setLive: (value) => {
      live = value;
      for (const l of listeners) l(null);
    },
  };
}

const scoped = () => ['c:1'];

describe('ReadCache', () => {
  it('keeps a read until its scope changes, and only inside withCachedReads', async () => {
    const { feed, change } = fakeFeed();
    const cache = new ReadCache<number>(feed, { max: 10, ttlMs: 60_000 });
    let loads = 0;
    const load = async () => ++loads;
    await withCachedReads(() => cache.get('k', load, scoped));
    expect(await withCachedReads(() => cache.get('k', load, scoped))).toBe(1);
    expect(await cache.get('k', load, scoped)).toBe(2); // a write request reads afresh
    change('c:2');
    expect(await withCachedReads(() => cache.get('k', load, scoped))).toBe(1);
    change('c:1');
    expect(await withCachedReads(() => cache.get('k', load, scoped))).toBe(3);
  });

  it('does not keep a read that was in flight when its scope changed', async () => {
    const { feed, change } = fakeFeed();
    const cache = new ReadCache<string>(feed, { max: 10, ttlMs: 60_000 });
    let release: (v: string) => void = () => {};
    const slow = withCachedReads(() =>
      cache.get('k', () => new Promise<string>((resolve) => (release = resolve)), scoped),
    );
    await Promise.resolve();
    change('c:1'); // committed while the read that began before it was running
    release('old');
    expect(await slow).toBe('old');
    expect(await withCachedReads(() => cache.get('k', async () => 'new', scoped))).toBe('new');
  });

  it('serves nothing while the feed is down, forgets everything when it comes back', async () => {
    const { feed, setLive } = fakeFeed();
    const cache = new ReadCache<number>(feed, { max: 10, ttlMs: 60_000 });
    let loads = 0;
    const load = async () => ++loads;
    await withCachedReads(() => cache.get('k', load, scoped));
    setLive(false);
    expect(await withCachedReads(() => cache.get('k', load, scoped))).toBe(2);
    setLive(true);
    expect(await withCachedReads(() => cache.get('k', load, scoped))).toBe(3);
    expect(await withCachedReads(() => cache.get('k', load, scoped))).toBe(3);
  });

  it('evicts the least recently used past its size, and asks `fresh` before serving', async () => {
    const { feed } = fakeFeed();
    const cache = new ReadCache<string>(feed, { max: 2, ttlMs: 60_000 });
    const get = (key: string, fresh?: (v: string) => boolean) =>
      withCachedReads(() => cache.get(key, async () => `${key}@${performance.now()}`, scoped, fresh));
    const a = await get('a');
    await get('b');
    expect(await get('a')).toBe(a);
    await get('c'); // b was least recently used
    expect(cache.size).toBe(2);
    expect(await get('a')).toBe(a);
    expect(await get('a', () => false)).not.toBe(a);
  });
});
