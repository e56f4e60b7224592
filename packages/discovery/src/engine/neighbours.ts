import { type Interactions, internInteractions } from './matrix.ts';
import { TopK } from './top-k.ts';
import type { ItemNeighbours } from './types.ts';

export interface NeighbourOptions {
  /** Neighbours kept per item. */
  k?: number;
  /**
   * sim(i → j) = co-occurrence / (mass(i)^itemExponent × mass(j)^neighbourExponent + shrink),
   * mass = Σ of squared strengths. Both 0.5 is cosine; a larger itemExponent turns each item's
   * list into "what its listeners also play, as a share" (the random walk of RP3beta), a smaller
   * neighbourExponent lets well-supported neighbours through.
   */
  itemExponent?: number;
  neighbourExponent?: number;
  /** Added to the denominator: pairs seen together by one or two people count for less. */
  shrink?: number;
  /**
   * A person's co-listens count 1/(items they have)^userPenalty: someone who plays everything
   * says little about any two items being alike (the user-degree step of RP3beta).
   */
  userPenalty?: number;
  /** Only this many of a person's strongest items enter the pair count, which bounds the cost. */
  maxItemsPerUser?: number;
}

export const DEFAULT_NEIGHBOUR_OPTIONS: Required<NeighbourOptions> = {
  k: 200,
  itemExponent: 1,
  neighbourExponent: 0.2,
  shrink: 0,
  userPenalty: 0.5,
  maxItemsPerUser: 500,
};

/** Compact item→neighbours lists (typed arrays), usable directly as `ItemNeighbours`. */
export interface NeighbourTable extends ItemNeighbours {
  readonly items: readonly string[];
  /** Neighbours of item `i` are entries `offsets[i]` … `offsets[i + 1] − 1`, strongest first. */
  readonly offsets: Int32Array;
  readonly neighbourIndex: Int32Array;
  readonly scores: Float32Array;
}

/**
 * The precomputation: item–item similarity from co-listening (log strengths, a user-degree
 * penalty, asymmetric mass normalisation in the manner of RP3beta, shrinkage), top-K per item. Returns plain arrays keyed by item (what a store persists); `computeNeighbourTable`
 * is the same in typed arrays, a tenth of the memory, for in-process use.
 */
export function buildItemNeighbours(
  interactions: Iterable<{ user: string; item: string; weight: number }> | Interactions,
  options: NeighbourOptions = {},
): Map<string, [string, number][]> {
  const table = computeNeighbourTable(interactions, options);
  const out = new Map<string, [string, number][]>();
  for (let i = 0; i < table.items.length; i++) {
    const list: [string, number][] = [];
    for (let e = table.offsets[i] ?? 0; e < (table.offsets[i + 1] ?? 0); e++) {
      list.push([table.items[table.neighbourIndex[e] ?? 0] ?? '', table.scores[e] ?? 0]);
    }
    out.set(table.items[i] ?? '', list);
  }
  return out;
}

export function computeNeighbourTable(
  interactions: Iterable<{ user: string; item: string; weight: number }> | Interactions,
  options: NeighbourOptions = {},
): NeighbourTable {
  const o = { ...DEFAULT_NEIGHBOUR_OPTIONS, ...options };
  const m = 'rowStart' in interactions ? interactions : internInteractions(interactions);
  const nItems = m.items.length;
  const nUsers = m.rowStart.length - 1;

  // Per person: the strongest items (capped), sorted by item index so each pair is visited once.
  const rowStart = new Int32Array(nUsers + 1);
  const rowItems = new Int32Array(m.col.length);
  const rowValues = new Float64Array(m.col.length);
  let kept = 0;
  const userFactor = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u++) {
    const from = m.rowStart[u] ?? 0;
    const to = m.rowStart[u + 1] ?? 0;
    let entries: number[] = [];
    for (let e = from; e < to; e++) entries.push(e);
    if (entries.length > o.maxItemsPerUser) {
      entries.sort((a, b) => (m.value[b] ?? 0) - (m.value[a] ?? 0) || (m.col[a] ?? 0) - (m.col[b] ?? 0));
      entries = entries.slice(0, o.maxItemsPerUser);
    }
    entries.sort((a, b) => (m.col[a] ?? 0) - (m.col[b] ?? 0));
    for (const e of entries) {
      rowItems[kept] = m.col[e] ?? 0;
      rowValues[kept] = m.value[e] ?? 0;
      kept++;
    }
    rowStart[u + 1] = kept;
    userFactor[u] = entries.length > 0 ? entries.length ** -o.userPenalty : 0;
  }

  // Transposed: for each item, the (person, position in that person's row) pairs.
  const colStart = new Int32Array(nItems + 1);
  for (let p = 0; p < kept; p++) {
    const i = rowItems[p] ?? 0;
    colStart[i + 1] = (colStart[i + 1] ?? 0) + 1;
  }
  for (let i = 0; i < nItems; i++) colStart[i + 1] = (colStart[i + 1] ?? 0) + (colStart[i] ?? 0);
  const colUser = new Int32Array(kept);
  const colPos = new Int32Array(kept);
  const fill = colStart.slice(0, nItems);
  const norm = new Float64Array(nItems);
  for (let u = 0; u < nUsers; u++) {
    for (let p = rowStart[u] ?? 0; p < (rowStart[u + 1] ?? 0); p++) {
      const i = rowItems[p] ?? 0;
      const at = fill[i] ?? 0;
      colUser[at] = u;
      colPos[at] = p;
      fill[i] = at + 1;
      const v = rowValues[p] ?? 0;
      norm[i] = (norm[i] ?? 0) + v * v;
    }
  }
  const own = norm.map((m) => m ** o.itemExponent);
  const other = norm.map((m) => m ** o.neighbourExponent);

  // Half the pairs (j > i) per item into a dense accumulator, each result offered to both ends.
  const top = new TopK(nItems, o.k);
  const acc = new Float64Array(nItems);
  const touched = new Int32Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let nTouched = 0;
    for (let c = colStart[i] ?? 0; c < (colStart[i + 1] ?? 0); c++) {
      const u = colUser[c] ?? 0;
      const p = colPos[c] ?? 0;
      const vi = (rowValues[p] ?? 0) * (userFactor[u] ?? 0);
      for (let q = p + 1; q < (rowStart[u + 1] ?? 0); q++) {
        const j = rowItems[q] ?? 0;
        if (acc[j] === 0) touched[nTouched++] = j;
        acc[j] = (acc[j] ?? 0) + vi * (rowValues[q] ?? 0);
      }
    }
    const ownI = own[i] ?? 0;
    const otherI = other[i] ?? 0;
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t] ?? 0;
      const c = acc[j] ?? 0;
      acc[j] = 0;
      top.offer(i, j, c / (ownI * (other[j] ?? 0) + o.shrink));
      top.offer(j, i, c / ((own[j] ?? 0) * otherI + o.shrink));
    }
  }
  const sorted = top.sorted();
  const items = m.items;
  const index = m.itemIndex;
  const { offsets, neighbourIndex, scores } = sorted;
  return {
    items,
    offsets,
    neighbourIndex,
    scores,
    neighbours(item: string): readonly (readonly [string, number])[] {
      const i = index.get(item);
      if (i === undefined) return [];
      const out: [string, number][] = [];
      for (let e = offsets[i] ?? 0; e < (offsets[i + 1] ?? 0); e++) {
        out.push([items[neighbourIndex[e] ?? 0] ?? '', scores[e] ?? 0]);
      }
      return out;
    },
  };
}
