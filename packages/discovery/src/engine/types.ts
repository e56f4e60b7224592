/** What someone did with an item; online each kind has its own weight (see `DEFAULT_KIND_WEIGHTS`). */
export type SignalKind = 'pick' | 'purchase' | 'download' | 'listen';

export interface Interaction {
  item: string;
  /** > 0: a listen count, or any strength; the engine log-scales it, so raw counts are fine. */
  weight: number;
  /** Absent means a plain listen. */
  kind?: SignalKind;
}

/** Outgoing trust edges; synchronous, so the caller loads the neighbourhood first. */
export interface TrustGraph {
  trusted(user: string): readonly string[];
}

export interface TrustScore {
  /** Random-walk mass reaching this person: decays with every hop and with the width of each list. */
  weight: number;
  /** Hops on the shortest path from the source (1 = trusted directly). */
  depth: number;
  /** The directly trusted person on the strongest path (the person itself at depth 1). */
  via: string;
}

/** Precomputed top-K similar items, strongest first. */
export interface ItemNeighbours {
  neighbours(item: string): readonly (readonly [string, number])[];
}

export interface ItemInfo {
  /** Items of one artist share this key; the diversity cap counts per key. */
  artist?: string;
  /** Publication time in ms since the epoch, for the freshness boost. */
  publishedAt?: number;
}

export interface RankInput {
  user: string;
  /** Items the person already knows → weight; never recommended, and the seed of the collaborative signal. */
  history: ReadonlyMap<string, number>;
  /** From `propagateTrust`. */
  trust: ReadonlyMap<string, TrustScore>;
  /** Signals of the people in `trust`. */
  interactionsOf(user: string): readonly Interaction[];
  neighbours: ItemNeighbours;
  /** Optional: top-K EASE weights per item (from `buildEaseNeighbours`). Absent: no EASE signal. */
  easeNeighbours?: ItemNeighbours;
  /**
   * Optional: people whose histories overlap the person's → similarity (from
   * `buildTasteNeighbours`); `interactionsOf` must answer for them too. Absent: no taste signal.
   */
  tasteNeighbours?: ReadonlyMap<string, number>;
  /** Distinct people who interacted with the item. */
  popularity(item: string): number;
  userCount: number;
  itemInfo?(item: string): ItemInfo | undefined;
  /** ms since the epoch; defaults to Date.now() only when freshness is needed. */
  now?: number;
}

/**
 * Why an item is there. `trusted` without `via`: people the user trusts directly (curators);
 * with `via`: people further out (curators), reached through these direct trustees (via).
 * `pickers` is the subset of curators who picked it; the rest only listened, downloaded or
 * bought, which a service may prefer not to attribute by name.
 */
export type Reason =
  | { kind: 'trusted'; curators: string[]; pickers: string[]; via?: string[] }
  | { kind: 'similar'; items: string[] }
  /** People with overlapping histories played it; their plays are private, so show a count at most. */
  | { kind: 'taste'; people: string[] }
  | { kind: 'fresh'; publishedAt?: number }
  | { kind: 'popular' };

export interface Recommendation {
  item: string;
  score: number;
  reasons: Reason[];
}
