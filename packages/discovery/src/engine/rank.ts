import { diversify } from './diversity.ts';
import { explain } from './explain.ts';
import { compareIds } from './matrix.ts';
import { reserveNiche } from './niche.ts';
import { accumulate } from './scoring.ts';
import type { RankInput, Recommendation, SignalKind } from './types.ts';
import { DEFAULT_KIND_WEIGHTS } from './weights.ts';

export interface RankOptions {
  /** Results returned (after `offset`). */
  limit?: number;
  /** Results skipped, for paging; the list is the same however it is paged. */
  offset?: number;
  /** Weight of what trusted people did (each part is scaled to a maximum of 1 first). */
  trustWeight?: number;
  /** Weight of the collaborative signal: neighbours of the person's own items. */
  similarWeight?: number;
  /**
   * How much a trusted person's weight grows with taste overlap: trust × (1 + tasteWeight × cosine
   * of the two histories). A friend who plays what you play is a better guide than one who does not.
   */
  tasteWeight?: number;
  /** Weight of the EASE signal (`RankInput.easeNeighbours`); needs that input. */
  easeWeight?: number;
  /**
   * Weight of explicit picks by trusted people, by trust mass alone: a pick from someone you trust
   * directly ranks with the strongest collaborative results, one from further out much lower.
   */
  pickWeight?: number;
  /** Weight of what taste neighbours (`RankInput.tasteNeighbours`) played; needs that input. */
  peerWeight?: number;
  /** Each taste neighbour counts similarity^peerExponent. */
  peerExponent?: number;
  /**
   * Niche quota: each page of `diversityWindow` results ends with at least `nicheSlots` items
   * that at most max(1, `nicheShare` × userCount) people have (0 slots: off).
   */
  nicheSlots?: number;
  nicheShare?: number;
  /** Score × (1 + popularity)^−popularityExponent: equally supported niche items beat hits. */
  popularityExponent?: number;
  /** Per kind of signal; missing kinds keep their defaults. */
  kindWeights?: Partial<Record<SignalKind, number>>;
  /** Diversity cap: at most `maxPerArtist` per artist in any `diversityWindow` consecutive results (0: off). */
  maxPerArtist?: number;
  diversityWindow?: number;
  /** Score × (1 + freshBoost × 2^(−age / freshHalfLifeDays)), when `itemInfo` gives `publishedAt`. */
  freshBoost?: number;
  freshHalfLifeDays?: number;
  /** Only the strongest history items seed the collaborative signal, which bounds the cost. */
  maxHistory?: number;
}

export const DEFAULT_RANK_OPTIONS: Required<Omit<RankOptions, 'kindWeights'>> = {
  limit: 10,
  offset: 0,
  trustWeight: 0.25,
  similarWeight: 0.75,
  tasteWeight: 5,
  easeWeight: 1,
  pickWeight: 1,
  peerWeight: 0,
  peerExponent: 1,
  popularityExponent: 0.25,
  nicheSlots: 1,
  nicheShare: 0.002,
  maxPerArtist: 2,
  diversityWindow: 10,
  freshBoost: 0.15,
  freshHalfLifeDays: 30,
  maxHistory: 200,
};

const DAY_MS = 86_400_000;

/**
 * Scores every item reachable from the person's trust neighbourhood and from the neighbours of
 * their history, discounts popularity, boosts fresh items, applies the artist cap and explains
 * the page. Deterministic: equal scores are ordered by item id.
 */
export function rank(input: RankInput, options: RankOptions = {}): Recommendation[] {
  const o = { ...DEFAULT_RANK_OPTIONS, ...options };
  const kinds = { ...DEFAULT_KIND_WEIGHTS, ...options.kindWeights };
  const limit = Math.max(0, Math.floor(o.limit));
  const offset = Math.max(0, Math.floor(o.offset));
  if (limit === 0) return [];

  const scored = accumulate(input, { ...o, kinds });
  const trustScale = o.trustWeight / maxOf(scored.trusted);
  const similarScale = o.similarWeight / maxOf(scored.similar);
  const peerScale = o.peerWeight / maxOf(scored.peers);
  const easeScale = o.easeWeight / maxOf(scored.ease);
  const pickScale = o.pickWeight / maxOf(scored.picks);
  const fresh = o.freshBoost > 0 && input.itemInfo !== undefined;
  const now = input.now ?? (fresh ? Date.now() : 0);
  const candidates: number[] = [];
  const scores = new Float64Array(scored.items.length);
  for (let c = 0; c < scored.items.length; c++) {
    let score =
      (scored.trusted[c] ?? 0) * trustScale +
      (scored.similar[c] ?? 0) * similarScale +
      (scored.peers[c] ?? 0) * peerScale +
      (scored.ease[c] ?? 0) * easeScale +
      (scored.picks[c] ?? 0) * pickScale;
    if (!(score > 0)) continue;
    const item = scored.items[c] ?? '';
    // (c) The popularity discount.
    score *= (1 + Math.max(0, input.popularity(item))) ** -o.popularityExponent;
    // (d) Freshness.
    if (fresh) {
      const published = input.itemInfo?.(item)?.publishedAt;
      if (published !== undefined) {
        const age = Math.max(0, now - published) / DAY_MS;
        score *= 1 + o.freshBoost * 2 ** (-age / o.freshHalfLifeDays);
      }
    }
    scores[c] = score;
    candidates.push(c);
  }

  const wanted = offset + limit;
  const artistOf = (item: string): string | undefined => input.itemInfo?.(item)?.artist;
  const diversity = { maxPerArtist: o.maxPerArtist, window: o.diversityWindow };
  // Sort only the head: a neighbourhood yields tens of thousands of candidates, a page needs ten.
  let head = Math.max(64, wanted * 4);
  let ordered: number[];
  let picked: number[];
  for (;;) {
    ordered = topCandidates(candidates, scores, scored.items, head);
    const result = diversify(
      ordered.map((c) => scored.items[c] ?? ''),
      artistOf,
      wanted,
      diversity,
      ordered.length >= candidates.length,
    );
    picked = result.picked;
    if (picked.length >= wanted || ordered.length >= candidates.length || !result.exhausted) break;
    head *= 4;
  }
  let chosen = picked.map((p) => ordered[p] ?? 0);
  if (o.nicheSlots > 0) {
    // At least "one other person": on a small instance a share of the users is below one.
    const limitPop = Math.max(1, o.nicheShare * input.userCount);
    const isNiche = (c: number): boolean => input.popularity(scored.items[c] ?? '') <= limitPop;
    const niche = topCandidates(candidates.filter(isNiche), scores, scored.items, wanted);
    chosen = reserveNiche(chosen, niche, isNiche, (c) => artistOf(scored.items[c] ?? ''), {
      block: o.diversityWindow > 0 ? o.diversityWindow : limit,
      slots: o.nicheSlots,
      maxPerArtist: o.maxPerArtist > 0 ? o.maxPerArtist : Number.POSITIVE_INFINITY,
    });
  }
  const page = chosen.slice(offset, offset + limit);
  return explain(page, scores, scored, {
    input,
    trustScale,
    similarScale,
    peerScale,
    easeScale,
    freshBoost: fresh ? o.freshBoost : 0,
    freshHalfLifeDays: o.freshHalfLifeDays,
    now,
  });
}

function maxOf(values: readonly number[]): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max > 0 ? max : 1;
}

/** The `n` best candidates, best first, equal scores by item id. */
function topCandidates(
  candidates: readonly number[],
  scores: Float64Array,
  items: readonly string[],
  n: number,
): number[] {
  const better = (a: number, b: number): number =>
    (scores[b] ?? 0) - (scores[a] ?? 0) || compareIds(items[a] ?? '', items[b] ?? '');
  if (candidates.length <= n) return [...candidates].sort(better);
  // A sorted buffer of the best n so far: one comparison rejects almost every candidate.
  const keep: number[] = [];
  for (const c of candidates) {
    if (keep.length < n) {
      keep.push(c);
      if (keep.length === n) keep.sort(better);
      continue;
    }
    if (better(c, keep[n - 1] ?? 0) >= 0) continue;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (better(c, keep[mid] ?? 0) < 0) hi = mid;
      else lo = mid + 1;
    }
    keep.splice(lo, 0, c);
    keep.pop();
  }
  return keep;
}
