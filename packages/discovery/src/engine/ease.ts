import { type Interactions, internInteractions } from './matrix.ts';

export interface EaseOptions {
  /** Only items with at least this many people enter the model: the cost grows with the cube of their number. */
  minUsers?: number;
  /** L2 regularisation (on binary data, in units of co-listeners). */
  lambda?: number;
  /** Positive weights kept per item, strongest first. */
  k?: number;
  /** At most this many (the most popular eligible) items: time grows with n³, memory with 3n² doubles. */
  maxItems?: number;
}

export const DEFAULT_EASE_OPTIONS: Required<EaseOptions> = {
  minUsers: 5,
  lambda: 50,
  k: 400,
  maxItems: 4000,
};

/**
 * EASE (Steck 2019): the item–item weights B that best rebuild each person's (binary) history
 * from the rest of it, B = I − P·diag(1/diag P) with P = (XᵀX + λI)⁻¹, diagonal zero. Unlike
 * co-occurrence it learns that a hit everyone has predicts little. Kept as top-K positive weights
 * per item, the same shape as the item neighbours, so a store persists it the same way:
 * score(j) = Σ over the person's items i of B[i][j]. Dense Float64Array maths on n × n.
 */
export function buildEaseNeighbours(
  interactions: Iterable<{ user: string; item: string; weight: number }> | Interactions,
  options: EaseOptions = {},
): Map<string, [string, number][]> {
  const o = { ...DEFAULT_EASE_OPTIONS, ...options };
  const m = 'rowStart' in interactions ? interactions : internInteractions(interactions);
  const degree = new Int32Array(m.items.length);
  for (const i of m.col) degree[i] = (degree[i] ?? 0) + 1;
  // Model index → item index, in item (id) order, so ties break by id; past `maxItems` only the
  // most popular eligible items are modelled, which bounds the cube.
  let eligible: number[] = [];
  for (let i = 0; i < m.items.length; i++) if ((degree[i] ?? 0) >= o.minUsers) eligible.push(i);
  if (eligible.length > o.maxItems) {
    eligible.sort((x, y) => (degree[y] ?? 0) - (degree[x] ?? 0) || x - y);
    eligible = eligible.slice(0, o.maxItems).sort((x, y) => x - y);
  }
  const kept = eligible;
  const local = new Int32Array(m.items.length).fill(-1);
  kept.forEach((i, l) => {
    local[i] = l;
  });
  const n = kept.length;
  const out = new Map<string, [string, number][]>();
  if (n === 0) return out;

  const a = new Float64Array(n * n);
  const row: number[] = [];
  for (let u = 0; u + 1 < m.rowStart.length; u++) {
    row.length = 0;
    for (let e = m.rowStart[u] ?? 0; e < (m.rowStart[u + 1] ?? 0); e++) {
      const l = local[m.col[e] ?? 0] ?? -1;
      if (l >= 0) row.push(l);
    }
    for (const x of row) for (const y of row) a[x * n + y] = (a[x * n + y] ?? 0) + 1;
  }
  for (let i = 0; i < n; i++) a[i * n + i] = (a[i * n + i] ?? 0) + o.lambda;
  const p = invertSpd(a, n);

  for (let i = 0; i < n; i++) {
    const list: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const b = -(p[i * n + j] ?? 0) / (p[j * n + j] ?? 1);
      if (b > 0) list.push([j, b]);
    }
    list.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const item = m.items[kept[i] ?? 0] ?? '';
    out.set(
      item,
      list.slice(0, o.k).map(([j, b]): [string, number] => [m.items[kept[j] ?? 0] ?? '', b]),
    );
  }
  return out;
}

/** Inverse of a symmetric positive definite matrix through Cholesky: A = LLᵀ, A⁻¹ = L⁻ᵀL⁻¹. */
function invertSpd(a: Float64Array, n: number): Float64Array {
  // L in the lower triangle of `a`, rows contiguous so the inner products stream.
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j] ?? 0;
    for (let k = 0; k < j; k++) d -= (a[rj + k] ?? 0) ** 2;
    d = Math.sqrt(d);
    a[rj + j] = d;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (a[ri + k] ?? 0) * (a[rj + k] ?? 0);
      a[ri + j] = s / d;
    }
  }
  // M = L⁻¹ stored transposed (column i of M as row i of `mt`), so both steps read rows.
  const mt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const d = a[ri + i] ?? 1;
    // Row i of L⁻¹: M[i][j] = −(Σ_{k=j}^{i−1} L[i][k] M[k][j]) / L[i][i], M[i][i] = 1/L[i][i].
    mt[i * n + i] = 1 / d;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s += (a[ri + k] ?? 0) * (mt[j * n + k] ?? 0);
      mt[j * n + i] = -s / d;
    }
  }
  // P[i][j] = Σ_k M[k][i] M[k][j] = row i of mt · row j of mt, over k ≥ max(i, j).
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      const ri = i * n;
      const rj = j * n;
      for (let k = i; k < n; k++) s += (mt[ri + k] ?? 0) * (mt[rj + k] ?? 0);
      p[i * n + j] = s;
      p[j * n + i] = s;
    }
  }
  return p;
}
