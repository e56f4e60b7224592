import type { ChangeFeed } from './change-feed.ts';
import { cachedReadsAllowed } from './read-scope.ts';

export interface ReadCacheOptions {
  /** Most entries kept; the least recently used go first. */
  readonly max: number;
  /** A safety net, not the means of freshness: the change feed drops entries as rows change. */
  readonly ttlMs: number;
  /** Injected by tests; Date.now otherwise. */
  readonly now?: () => number;
}

interface Entry<V> {
  readonly value: V;
  readonly scopes: readonly string[];
  readonly expires: number;
}

/** How many scopes' last-change marks are remembered; older marks fold into one conservative floor. */
const MARKS_KEPT = 50_000;

/**
 * Reads kept in this process until the database says a scope they depend on changed. A read that
 * was in flight while its scope changed is returned but not kept, so a slow read that began before
 * a commit can never land after that commit's notice and stay. With the feed down, nothing is
 * served from or kept in the cache, and outside `withCachedReads` (a write request) neither.
 */
export class ReadCache<V> {
  readonly #feed: ChangeFeed;
  readonly #options: ReadCacheOptions;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry<V>>();
  readonly #byScope = new Map<string, Set<string>>();
  readonly #inFlight = new Map<string, { seq: number; value: Promise<V> }>();
  /** A counter of changes seen, and the counter's value at each scope's last change. */
  #seq = 0;
  readonly #marks = new Map<string, number>();
  #floor = 0;

  constructor(feed: ChangeFeed, options: ReadCacheOptions) {
    this.#feed = feed;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    feed.onChange((scope) => this.#changed(scope));
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The cached value for `key`, or `load()`'s. `scopesOf` names what the value depends on (known
   * only once it is loaded, e.g. the community a slug names); `[]` keeps nothing. `fresh` is asked
   * of a kept value before it is served, for values that go stale with time rather than by a write
   * (a subscription's period ending).
   */
  async get(
    key: string,
    load: () => Promise<V>,
    scopesOf: (value: V) => readonly string[],
    fresh?: (value: V) => boolean,
  ): Promise<V> {
    if (!this.#feed.live || !cachedReadsAllowed()) return load();
    const hit = this.#entries.get(key);
    if (hit) {
      if (hit.expires > this.#now() && (fresh === undefined || fresh(hit.value))) {
        // Refresh recency: a Map iterates in insertion order, so the oldest is evicted first.
        this.#entries.delete(key);
        this.#entries.set(key, hit);
        return hit.value;
      }
      this.#drop(key);
    }
    const pending = this.#inFlight.get(key);
    if (pending && pending.seq === this.#seq) return pending.value;
    const seq = this.#seq;
    const value = load();
    this.#inFlight.set(key, { seq, value });
    try {
      const loaded = await value;
      const scopes = scopesOf(loaded);
      if (scopes.length > 0 && this.#feed.live && scopes.every((s) => this.#lastChange(s) <= seq)) {
        this.#store(key, { value: loaded, scopes, expires: this.#now() + this.#options.ttlMs });
      }
      return loaded;
    } finally {
      if (this.#inFlight.get(key)?.value === value) this.#inFlight.delete(key);
    }
  }

  /** Drops every entry of one scope now (a process's own change it must not wait to hear of). */
  invalidate(scope: string): void {
    this.#changed(scope);
  }

  #store(key: string, entry: Entry<V>): void {
    this.#drop(key);
    this.#entries.set(key, entry);
    for (const scope of entry.scopes) {
      let keys = this.#byScope.get(scope);
      if (!keys) {
        keys = new Set();
        this.#byScope.set(scope, keys);
      }
      keys.add(key);
    }
    while (this.#entries.size > this.#options.max) {
      const oldest = this.#entries.keys().next().value as string;
      this.#drop(oldest);
    }
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    for (const scope of entry.scopes) {
      const keys = this.#byScope.get(scope);
      keys?.delete(key);
      if (keys?.size === 0) this.#byScope.delete(scope);
    }
  }

  #lastChange(scope: string): number {
    return this.#marks.get(scope) ?? this.#floor;
  }

  #changed(scope: string | null): void {
    this.#seq++;
    if (scope === null) {
      this.#entries.clear();
      this.#byScope.clear();
      this.#marks.clear();
      this.#floor = this.#seq;
      return;
    }
    this.#marks.delete(scope);
    this.#marks.set(scope, this.#seq);
    if (this.#marks.size > MARKS_KEPT) {
      const [oldest, at] = this.#marks.entries().next().value as [string, number];
      this.#marks.delete(oldest);
      this.#floor = Math.max(this.#floor, at);
    }
    const keys = this.#byScope.get(scope);
    if (!keys) return;
    for (const key of [...keys]) this.#drop(key);
  }
}
