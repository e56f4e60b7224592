// Top-k accuracy and beyond-accuracy metrics over one split.

export interface Metrics {
  recall: number;
  ndcg: number;
  longTail: number;
  coverage: number;
}

/**
 * recall@k = hits / |test|; NDCG@k with binary relevance and the ideal DCG over min(|test|, k);
 * long tail = share of recommended slots outside the 20 % most popular training items;
 * coverage = distinct recommended items / items in training. Averages over users with a test set.
 */
export function evaluate(
  lists: ReadonlyMap<string, readonly string[]>,
  test: ReadonlyMap<string, ReadonlySet<string>>,
  trainPopularity: ReadonlyMap<string, number>,
  k: number,
): Metrics {
  const byPopularity = [...trainPopularity.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  const head = new Set(byPopularity.slice(0, Math.ceil(byPopularity.length * 0.2)).map(([item]) => item));
  let recall = 0;
  let ndcg = 0;
  let users = 0;
  let slots = 0;
  let tail = 0;
  const distinct = new Set<string>();
  for (const [user, held] of test) {
    const list = (lists.get(user) ?? []).slice(0, k);
    let hits = 0;
    let dcg = 0;
    list.forEach((item, r) => {
      slots++;
      distinct.add(item);
      if (!head.has(item)) tail++;
      if (held.has(item)) {
        hits++;
        dcg += 1 / Math.log2(r + 2);
      }
    });
    let ideal = 0;
    for (let r = 0; r < Math.min(held.size, k); r++) ideal += 1 / Math.log2(r + 2);
    recall += hits / held.size;
    ndcg += ideal > 0 ? dcg / ideal : 0;
    users++;
  }
  return {
    recall: recall / Math.max(1, users),
    ndcg: ndcg / Math.max(1, users),
    longTail: tail / Math.max(1, slots),
    coverage: distinct.size / Math.max(1, trainPopularity.size),
  };
}

export function popularityOf(rows: readonly { item: string }[]): Map<string, number> {
  const pop = new Map<string, number>();
  for (const r of rows) pop.set(r.item, (pop.get(r.item) ?? 0) + 1);
  return pop;
}

export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const variance =
    values.length > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance) };
}
