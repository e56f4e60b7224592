/**
 * The K best (score, index) pairs of many rows at once, as one min-heap per row in flat typed
 * arrays: no per-entry objects, so 100 000 rows × 100 stays a few tens of MB. Equal scores prefer
 * the smaller index, so results never depend on the order of offers.
 */
export class TopK {
  readonly #k: number;
  readonly #size: Int32Array;
  readonly #index: Int32Array;
  readonly #score: Float64Array;

  constructor(rows: number, k: number) {
    this.#k = Math.max(0, Math.floor(k));
    this.#size = new Int32Array(rows);
    this.#index = new Int32Array(rows * this.#k);
    this.#score = new Float64Array(rows * this.#k);
  }

  offer(row: number, index: number, score: number): void {
    const k = this.#k;
    if (k === 0 || !(score > 0)) return;
    const base = row * k;
    const size = this.#size[row] ?? 0;
    if (size < k) {
      this.#size[row] = size + 1;
      this.#siftUp(base, size, index, score);
    } else if (this.#worse(this.#score[base] ?? 0, this.#index[base] ?? 0, score, index)) {
      this.#siftDown(base, size, index, score);
    }
  }

  /** Rows as CSR, each sorted best first. */
  sorted(): { offsets: Int32Array; neighbourIndex: Int32Array; scores: Float32Array } {
    const rows = this.#size.length;
    const offsets = new Int32Array(rows + 1);
    for (let r = 0; r < rows; r++) offsets[r + 1] = (offsets[r] ?? 0) + (this.#size[r] ?? 0);
    const total = offsets[rows] ?? 0;
    const neighbourIndex = new Int32Array(total);
    const scores = new Float32Array(total);
    const order: number[] = [];
    for (let r = 0; r < rows; r++) {
      const base = r * this.#k;
      const size = this.#size[r] ?? 0;
      order.length = 0;
      for (let e = 0; e < size; e++) order.push(base + e);
      order.sort(
        (a, b) =>
          (this.#score[b] ?? 0) - (this.#score[a] ?? 0) || (this.#index[a] ?? 0) - (this.#index[b] ?? 0),
      );
      const at = offsets[r] ?? 0;
      for (let e = 0; e < size; e++) {
        const src = order[e] ?? 0;
        neighbourIndex[at + e] = this.#index[src] ?? 0;
        scores[at + e] = this.#score[src] ?? 0;
      }
    }
    return { offsets, neighbourIndex, scores };
  }

  /** Is (scoreA, indexA) worse than (scoreB, indexB)? */
  #worse(scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
    return scoreA < scoreB || (scoreA === scoreB && indexA > indexB);
  }

  #siftUp(base: number, at: number, index: number, score: number): void {
    let pos = at;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const ps = this.#score[base + parent] ?? 0;
      const pi = this.#index[base + parent] ?? 0;
      if (!this.#worse(score, index, ps, pi)) break;
      this.#score[base + pos] = ps;
      this.#index[base + pos] = pi;
      pos = parent;
    }
    this.#score[base + pos] = score;
    this.#index[base + pos] = index;
  }

  /** Replaces the root (the worst kept pair) and restores the heap. */
  #siftDown(base: number, size: number, index: number, score: number): void {
    let pos = 0;
    for (;;) {
      const left = 2 * pos + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (
        right < size &&
        this.#worse(
          this.#score[base + right] ?? 0,
          this.#index[base + right] ?? 0,
          this.#score[base + left] ?? 0,
          this.#index[base + left] ?? 0,
        )
      ) {
        child = right;
      }
      const cs = this.#score[base + child] ?? 0;
      const ci = this.#index[base + child] ?? 0;
      if (!this.#worse(cs, ci, score, index)) break;
      this.#score[base + pos] = cs;
      this.#index[base + pos] = ci;
      pos = child;
    }
    this.#score[base + pos] = score;
    this.#index[base + pos] = index;
  }
}
