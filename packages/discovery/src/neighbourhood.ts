import { type Interaction, type ItemInfo, propagateTrust, type TrustScore } from './engine/index.ts';
import type { DiscoveryStore, SignalRow, TrackFacts } from './store.ts';

/** How far and how wide one request looks; bounded so a request costs the same on any instance. */
export interface NeighbourhoodLimits {
  /** Hops along trust edges (the people your curators trust are depth 2). */
  readonly maxDepth: number;
  /**
   * People whose signals are read, strongest trust first: 200 holds everyone within two hops of a
   * full micro-elite (12 + 144) and the strongest of the third; the rest carry little trust and
   * cost a third of the request.
   */
  readonly maxPeople: number;
  /** Most recent tracks read per person. */
  readonly perPerson: number;
}

export const DEFAULT_LIMITS: NeighbourhoodLimits = { maxDepth: 3, maxPeople: 200, perPerson: 100 };

export interface Neighbourhood {
  readonly trust: Map<string, TrustScore>;
  /** The person's own tracks: never recommended back. */
  readonly history: Map<string, number>;
  readonly signals: Map<string, Interaction[]>;
}

/**
 * Reads what ranking needs for one person, live from the database: the trust graph around them
 * (one query), then the signals of the most trusted people, and in parallel their own history.
 */
export async function loadNeighbourhood(
  store: DiscoveryStore,
  userId: string,
  limits: NeighbourhoodLimits = DEFAULT_LIMITS,
): Promise<Neighbourhood> {
  const [circle, history] = await Promise.all([
    store.trustWalk(userId, limits.maxDepth).then((walk) => circleFrom(store, userId, walk.edges, limits)),
    loadHistory(store, userId, limits),
  ]);
  return { trust: circle.trust, signals: circle.signals, history };
}

/** The person's own tracks, read live (what they know must never come back), by signal strength. */
export async function loadHistory(
  store: DiscoveryStore,
  userId: string,
  limits: NeighbourhoodLimits = DEFAULT_LIMITS,
): Promise<Map<string, number>> {
  const history = new Map<string, number>();
  for (const row of await store.liveSignalsOf([userId], limits.perPerson)) {
    history.set(row.trackId, (history.get(row.trackId) ?? 0) + signalWeight(row));
  }
  return history;
}

export interface Circle {
  readonly trust: Map<string, TrustScore>;
  readonly signals: Map<string, Interaction[]>;
  /** Whose summaries were read, and their stamp then (see `DiscoveryStore.feedStamps`). */
  readonly people: string[];
  readonly stamp: string;
}

/** From the trust walk's edges: the most trusted people around someone, and what they did. */
export async function circleFrom(
  store: DiscoveryStore,
  userId: string,
  edges: readonly { truster: string; trusted: string }[],
  limits: NeighbourhoodLimits = DEFAULT_LIMITS,
): Promise<Circle> {
  const adjacency = new Map<string, string[]>();
  for (const { truster, trusted } of edges) {
    let out = adjacency.get(truster);
    if (!out) {
      out = [];
      adjacency.set(truster, out);
    }
    out.push(trusted);
  }
  const everyone = propagateTrust(
    userId,
    { trusted: (u) => adjacency.get(u) ?? [] },
    { maxDepth: limits.maxDepth },
  );
  const strongest = [...everyone.entries()]
    .sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1))
    .slice(0, limits.maxPeople);
  const trust = new Map(strongest);
  const people = [...trust.keys()];
  const { signals, stamp } = await store.interactionsOf(people, limits.perPerson);
  return { trust, signals, people, stamp };
}

/** One fan, one voice per kind: a purchase says more than a pick, a pick more than a play. */
export const KIND_WEIGHT: Readonly<Record<SignalRow['kind'], number>> = {
  purchase: 4,
  pick: 3,
  download: 2,
  listen: 1,
};

/** How much one aggregated signal says about taste (weeks of listening grow slowly). */
export function signalWeight(row: Pick<SignalRow, 'kind' | 'weight'>): number {
  return KIND_WEIGHT[row.kind] * (1 + Math.log(Math.max(1, row.weight)));
}

type Facts = TrackFacts & {
  popularity: number;
  /** What the engine's `itemInfo` answers, made once per fetch instead of once per lookup. */
  info: ItemInfo;
};

/**
 * Ranking features of tracks (artist, publication, popularity, whether anyone may hear it),
 * cached per process for a few minutes: they change slowly, and the page that is finally shown is
 * re-checked against the database, so a stale entry can only reorder, never leak.
 */
export class TrackFactsCache {
  readonly #store: DiscoveryStore;
  readonly #ttlMs: number;
  readonly #max: number;
  /** `facts: null` remembers that a track does not exist (or is gone). */
  readonly #entries = new Map<string, { facts: Facts | null; expires: number }>();
  readonly #pending = new Map<string, Promise<void>>();

  constructor(store: DiscoveryStore, options: { ttlMs?: number; max?: number } = {}) {
    this.#store = store;
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#max = options.max ?? 500_000;
  }

  async get(ids: Iterable<string>, now: number): Promise<Map<string, Facts>> {
    const wanted = [...ids];
    await this.#ensure(wanted, now);
    const out = new Map<string, Facts>();
    for (const id of wanted) {
      const facts = this.#entries.get(id)?.facts;
      if (facts) out.set(id, facts);
    }
    return out;
  }

  /**
   * Makes sure these tracks' facts are cached and fresh, and answers lookups from the cache itself:
   * ranking asks about some 30,000 candidates a request, and copying them into a map of their own
   * cost more than the lookups. (An entry evicted meanwhile reads as unknown: the track is left out
   * of this one ranking, never shown by mistake.)
   */
  async load(ids: Iterable<string>, now: number): Promise<(id: string) => Facts | undefined> {
    await this.#ensure(ids, now);
    return (id) => this.#entries.get(id)?.facts ?? undefined;
  }

  /**
   * Fetches what is missing or stale, in batches side by side. A track another request is already
   * fetching is waited for, not fetched again: a fresh process's first requests all ask for much
   * the same 30,000 tracks at once.
   */
  async #ensure(ids: Iterable<string>, now: number): Promise<void> {
    const waits = new Set<Promise<void>>();
    const missing: string[] = [];
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (entry && entry.expires >= now) continue;
      const pending = this.#pending.get(id);
      if (pending) waits.add(pending);
      else missing.push(id);
    }
    for (let i = 0; i < missing.length; i += 5000) {
      const batch = missing.slice(i, i + 5000);
      const fetching: Promise<void> = this.#fetch(batch, now).finally(() => {
        for (const id of batch) if (this.#pending.get(id) === fetching) this.#pending.delete(id);
      });
      for (const id of batch) this.#pending.set(id, fetching);
      waits.add(fetching);
    }
    await Promise.all(waits);
  }

  async #fetch(batch: readonly string[], now: number): Promise<void> {
    const found = new Map(
      (await this.#store.trackFacts(batch)).map((f) => [
        f.id,
        // The diversity cap counts per artist within a community, whatever the spelling's case.
        {
          ...f,
          info: { artist: `${f.communityId}:${f.artist.toLowerCase()}`, publishedAt: f.publishedAt },
        },
      ]),
    );
    for (const id of batch) this.#remember(id, found.get(id) ?? null, now + this.#ttlMs);
  }

  /** Forget everything (after the precomputation changed popularity). */
  clear(): void {
    this.#entries.clear();
  }

  #remember(id: string, facts: Facts | null, expires: number): void {
    if (this.#entries.size >= this.#max) {
      // Maps iterate in insertion order: dropping the first tenth drops the oldest entries.
      let drop = Math.ceil(this.#max / 10);
      for (const key of this.#entries.keys()) {
        this.#entries.delete(key);
        if (--drop === 0) break;
      }
    }
    this.#entries.delete(id);
    this.#entries.set(id, { facts, expires });
  }
}
