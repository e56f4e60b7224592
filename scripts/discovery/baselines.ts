// Reference recommenders for the evaluation, deliberately plain and independent of the engine.
import type { Triple } from './split.ts';

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function historyOf(train: readonly Triple[]): Map<string, Set<string>> {
  const history = new Map<string, Set<string>>();
  for (const r of train) {
    let set = history.get(r.user);
    if (!set) {
      set = new Set();
      history.set(r.user, set);
    }
    set.add(r.item);
  }
  return history;
}

/** The k most popular training items each user does not have. */
export function mostPop(
  train: readonly Triple[],
  users: readonly string[],
  k: number,
): Map<string, string[]> {
  const pop = new Map<string, number>();
  for (const r of train) pop.set(r.item, (pop.get(r.item) ?? 0) + 1);
  const ranked = [...pop.keys()].sort((a, b) => (pop.get(b) ?? 0) - (pop.get(a) ?? 0) || byId(a, b));
  const history = historyOf(train);
  const out = new Map<string, string[]>();
  for (const user of users) {
    const known = history.get(user) ?? new Set();
    const list: string[] = [];
    for (const item of ranked) {
      if (list.length >= k) break;
      if (!known.has(item)) list.push(item);
    }
    out.set(user, list);
  }
  return out;
}

/**
 * Item-based kNN, cosine on binary interactions, `neighbours` most similar items per item,
 * optional shrinkage; a user's score for j sums sim(i, j) over their items i. Filled from
 * popularity when a user has fewer than k candidates, as the engine's CLI does.
 */
export function itemKnn(
  train: readonly Triple[],
  users: readonly string[],
  k: number,
  options: { neighbours?: number; shrink?: number } = {},
): Map<string, string[]> {
  const topN = options.neighbours ?? 100;
  const shrink = options.shrink ?? 0;
  const history = historyOf(train);
  const usersOf = new Map<string, string[]>();
  for (const [user, items] of history) {
    for (const item of items) {
      let list = usersOf.get(item);
      if (!list) {
        list = [];
        usersOf.set(item, list);
      }
      list.push(user);
    }
  }
  const sims = new Map<string, [string, number][]>();
  for (const [i, us] of usersOf) {
    const co = new Map<string, number>();
    for (const u of us) for (const j of history.get(u) ?? []) if (j !== i) co.set(j, (co.get(j) ?? 0) + 1);
    const list: [string, number][] = [];
    for (const [j, c] of co) {
      list.push([j, c / (Math.sqrt(us.length * (usersOf.get(j)?.length ?? 1)) + shrink)]);
    }
    list.sort((a, b) => b[1] - a[1] || byId(a[0], b[0]));
    sims.set(i, list.slice(0, topN));
  }
  const fallback = mostPop(train, users, k);
  const out = new Map<string, string[]>();
  for (const user of users) {
    const known = history.get(user) ?? new Set<string>();
    const score = new Map<string, number>();
    for (const i of known) {
      for (const [j, s] of sims.get(i) ?? []) if (!known.has(j)) score.set(j, (score.get(j) ?? 0) + s);
    }
    const list = [...score.entries()]
      .sort((a, b) => b[1] - a[1] || byId(a[0], b[0]))
      .slice(0, k)
      .map(([j]) => j);
    for (const j of fallback.get(user) ?? []) {
      if (list.length >= k) break;
      if (!list.includes(j)) list.push(j);
    }
    out.set(user, list);
  }
  return out;
}
