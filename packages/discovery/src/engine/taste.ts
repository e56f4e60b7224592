import { compareIds, type Interactions, internInteractions } from './matrix.ts';
import { TopK } from './top-k.ts';

export interface TasteOptions {
  /** Taste neighbours kept per person. */
  k?: number;
  /**
   * sim(u, v) = Σ_i x_ui·x_vi·idf_i / (‖u‖ · ‖v‖^neighbourExponent + shrink), ‖·‖ = √Σx².
   * 1 is cosine; below 1 lets people with long, well-overlapping histories through.
   */
  neighbourExponent?: number;
  shrink?: number;
  /**
   * Shared items count (1 + popularity)^−itemPenalty: sharing a hit says less about taste than
   * sharing a niche artist.
   */
  itemPenalty?: number;
}

export const DEFAULT_TASTE_OPTIONS: Required<TasteOptions> = {
  k: 100,
  neighbourExponent: 1,
  shrink: 0,
  itemPenalty: 0,
};

/**
 * People whose histories overlap each person's (user-based kNN), top-K per person, strongest
 * first, ties by id. A precomputation like the item neighbours: a store keeps K rows per person.
 */
export function buildTasteNeighbours(
  interactions: Iterable<{ user: string; item: string; weight: number }> | Interactions,
  options: TasteOptions = {},
): Map<string, [string, number][]> {
  const o = { ...DEFAULT_TASTE_OPTIONS, ...options };
  const m = 'rowStart' in interactions ? interactions : internInteractions(interactions);
  const nUsers = m.rowStart.length - 1;
  const nItems = m.items.length;
  // Users in id order so that equal similarities break by id, as everywhere else.
  const order = [...m.users.keys()].sort((a, b) => compareIds(m.users[a] ?? '', m.users[b] ?? ''));
  const rankOf = new Int32Array(nUsers);
  order.forEach((u, r) => {
    rankOf[u] = r;
  });

  const colStart = new Int32Array(nItems + 1);
  for (const i of m.col) colStart[i + 1] = (colStart[i + 1] ?? 0) + 1;
  for (let i = 0; i < nItems; i++) colStart[i + 1] = (colStart[i + 1] ?? 0) + (colStart[i] ?? 0);
  const colUser = new Int32Array(m.col.length);
  const colValue = new Float64Array(m.col.length);
  const fill = colStart.slice(0, nItems);
  const norm = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u++) {
    for (let e = m.rowStart[u] ?? 0; e < (m.rowStart[u + 1] ?? 0); e++) {
      const i = m.col[e] ?? 0;
      const at = fill[i] ?? 0;
      colUser[at] = u;
      colValue[at] = m.value[e] ?? 0;
      fill[i] = at + 1;
      norm[u] = (norm[u] ?? 0) + (m.value[e] ?? 0) ** 2;
    }
  }
  const idf = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++)
    idf[i] = (1 + (colStart[i + 1] ?? 0) - (colStart[i] ?? 0)) ** -o.itemPenalty;
  const own = norm.map((n) => Math.sqrt(n));
  const other = norm.map((n) => Math.sqrt(n) ** o.neighbourExponent);

  const top = new TopK(nUsers, o.k);
  const acc = new Float64Array(nUsers);
  const touched = new Int32Array(nUsers);
  for (let u = 0; u < nUsers; u++) {
    let nTouched = 0;
    for (let e = m.rowStart[u] ?? 0; e < (m.rowStart[u + 1] ?? 0); e++) {
      const i = m.col[e] ?? 0;
      const xi = (m.value[e] ?? 0) * (idf[i] ?? 0);
      for (let c = colStart[i] ?? 0; c < (colStart[i + 1] ?? 0); c++) {
        const v = colUser[c] ?? 0;
        if (v === u) continue;
        if (acc[v] === 0) touched[nTouched++] = v;
        acc[v] = (acc[v] ?? 0) + xi * (colValue[c] ?? 0);
      }
    }
    const ownU = own[u] ?? 0;
    for (let t = 0; t < nTouched; t++) {
      const v = touched[t] ?? 0;
      top.offer(u, rankOf[v] ?? 0, (acc[v] ?? 0) / (ownU * (other[v] ?? 0) + o.shrink));
      acc[v] = 0;
    }
  }
  const { offsets, neighbourIndex, scores } = top.sorted();
  const out = new Map<string, [string, number][]>();
  for (let u = 0; u < nUsers; u++) {
    const list: [string, number][] = [];
    for (let e = offsets[u] ?? 0; e < (offsets[u + 1] ?? 0); e++) {
      list.push([m.users[order[neighbourIndex[e] ?? 0] ?? 0] ?? '', scores[e] ?? 0]);
    }
    out.set(m.users[u] ?? '', list);
  }
  return out;
}
