import { strength } from './weights.ts';

/** A user × item matrix in CSR form, ids interned; items are indexed in id order. */
export interface Interactions {
  readonly users: readonly string[];
  readonly items: readonly string[];
  readonly itemIndex: ReadonlyMap<string, number>;
  /** Row of user `u` is entries `rowStart[u]` … `rowStart[u + 1] − 1`. */
  readonly rowStart: Int32Array;
  readonly col: Int32Array;
  /** `strength()` of the summed raw weights of the pair. */
  readonly value: Float64Array;
}

/**
 * Interns (user, item, weight) rows into CSR, summing repeated pairs (a listen and a purchase of
 * one track are one pair). Typed arrays throughout: 2 M rows cost tens of MB, not hundreds.
 */
export function internInteractions(
  rows: Iterable<{ user: string; item: string; weight: number }>,
): Interactions {
  const userIndex = new Map<string, number>();
  const firstItemIndex = new Map<string, number>();
  let cap = 1 << 16;
  let us = new Int32Array(cap);
  let is = new Int32Array(cap);
  let ws = new Float64Array(cap);
  let n = 0;
  for (const row of rows) {
    if (!(row.weight > 0)) continue;
    let u = userIndex.get(row.user);
    if (u === undefined) {
      u = userIndex.size;
      userIndex.set(row.user, u);
    }
    let i = firstItemIndex.get(row.item);
    if (i === undefined) {
      i = firstItemIndex.size;
      firstItemIndex.set(row.item, i);
    }
    if (n === cap) {
      cap *= 2;
      us = grow(us, new Int32Array(cap));
      is = grow(is, new Int32Array(cap));
      ws = grow(ws, new Float64Array(cap));
    }
    us[n] = u;
    is[n] = i;
    ws[n] = row.weight;
    n++;
  }

  // Item indices in id order, so that ties everywhere downstream break by id.
  const byFirst = [...firstItemIndex.keys()];
  const items = [...byFirst].sort(compareIds);
  const itemIndex = new Map<string, number>();
  for (let i = 0; i < items.length; i++) itemIndex.set(items[i] ?? '', i);
  const remap = new Int32Array(byFirst.length);
  for (let f = 0; f < byFirst.length; f++) remap[f] = itemIndex.get(byFirst[f] ?? '') ?? 0;

  const nUsers = userIndex.size;
  const start = new Int32Array(nUsers + 1);
  for (let e = 0; e < n; e++) {
    const u = (us[e] ?? 0) + 1;
    start[u] = (start[u] ?? 0) + 1;
  }
  for (let u = 0; u < nUsers; u++) start[u + 1] = (start[u + 1] ?? 0) + (start[u] ?? 0);
  const fill = start.slice(0, nUsers);
  const rawCol = new Int32Array(n);
  const rawWeight = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const u = us[e] ?? 0;
    const at = fill[u] ?? 0;
    rawCol[at] = remap[is[e] ?? 0] ?? 0;
    rawWeight[at] = ws[e] ?? 0;
    fill[u] = at + 1;
  }

  // Merge repeated pairs within each row: `seenIn[i]` is the row that last saw item i (+1).
  const seenIn = new Int32Array(items.length);
  const slot = new Int32Array(items.length);
  const rowStart = new Int32Array(nUsers + 1);
  const col = new Int32Array(n);
  const sum = new Float64Array(n);
  let out = 0;
  for (let u = 0; u < nUsers; u++) {
    for (let e = start[u] ?? 0; e < (start[u + 1] ?? 0); e++) {
      const i = rawCol[e] ?? 0;
      if (seenIn[i] === u + 1) {
        const s = slot[i] ?? 0;
        sum[s] = (sum[s] ?? 0) + (rawWeight[e] ?? 0);
      } else {
        seenIn[i] = u + 1;
        slot[i] = out;
        col[out] = i;
        sum[out] = rawWeight[e] ?? 0;
        out++;
      }
    }
    rowStart[u + 1] = out;
  }
  const value = new Float64Array(out);
  for (let e = 0; e < out; e++) value[e] = strength(sum[e] ?? 0);
  return { users: [...userIndex.keys()], items, itemIndex, rowStart, col: col.slice(0, out), value };
}

/** By UTF-16 code unit, like the default sort: the same order on every run and in every process. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
