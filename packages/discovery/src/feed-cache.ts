import type { Interaction, Recommendation } from './engine/index.ts';
import type { Neighbourhood } from './neighbourhood.ts';

/**
 * What a viewer's ranking was computed from, as it was read. The same inputs read again mean the
 * same trust graph, the same summaries (so the same picks and plays), the same memberships and the
 * same history: ranking them again would give the same feed.
 */
export interface FeedInputs {
  /** Digest of the edges out of `walked` (see `DiscoveryStore.trustWalk`). */
  readonly edges: string;
  /** The summaries' stamp of `people` (see `DiscoveryStore.feedStamps`). */
  readonly stamp: string;
  readonly roles: string;
  readonly history: string;
}

export interface CachedFeed {
  readonly inputs: FeedInputs;
  /** Whose trust edges were read: the digest is checked for these. */
  readonly walked: readonly string[];
  /** Whose summaries were read: the stamp is checked for these. */
  readonly people: readonly string[];
  /** Trimmed to the ranked tracks' signals, which is all the reasons need. */
  readonly hood: Neighbourhood;
  readonly ranked: readonly Recommendation[];
  readonly expires: number;
}

/**
 * Rankings kept per viewer, served only once the inputs read again match (one statement for the
 * digest of the walked people's edges and the summaries' stamp, the memberships and the viewer's
 * history as every request reads them): a pick or a trust change shows on the next request, and
 * what is saved is reading 20,000 signals and ranking them again. The TTL, that of the track facts,
 * bounds what the inputs do not cover and was already read through that cache (a rebuild of the
 * co-listening neighbours rewrites every summary, so it changes the stamps).
 */
export class FeedCache {
  readonly #entries = new Map<string, CachedFeed>();
  readonly #max: number;
  readonly #ttlMs: number;

  constructor(options: { max?: number; ttlMs?: number } = {}) {
    this.#max = options.max ?? 2_000;
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
  }

  get(key: string, now: number): CachedFeed | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expires < now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, feed: Omit<CachedFeed, 'expires'>, now: number): void {
    this.#entries.delete(key);
    // Maps iterate in insertion order: the first key is the one written longest ago.
    if (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { ...feed, expires: now + this.#ttlMs });
  }

  clear(): void {
    this.#entries.clear();
  }
}

export function rolesKey(roles: readonly { communityId: string; role: string }[]): string {
  return roles
    .map((r) => `${r.communityId}:${r.role}`)
    .sort()
    .join(',');
}

export function historyKey(history: ReadonlyMap<string, number>): string {
  return [...history].map(([id, w]) => `${id}:${w}`).join(',');
}

export function sameInputs(a: FeedInputs, b: FeedInputs): boolean {
  return a.edges === b.edges && a.stamp === b.stamp && a.roles === b.roles && a.history === b.history;
}

/** The neighbourhood as the reasons of these tracks need it: everyone's trust, only their signals. */
export function trimmed(hood: Neighbourhood, ranked: readonly Recommendation[]): Neighbourhood {
  const items = new Set(ranked.map((r) => r.item));
  const signals = new Map<string, Interaction[]>();
  for (const [user, list] of hood.signals) {
    const kept = list.filter((s) => items.has(s.item));
    if (kept.length > 0) signals.set(user, kept);
  }
  return { trust: hood.trust, history: hood.history, signals };
}
