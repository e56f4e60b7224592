// Seeded per-user random holdout: the same seed gives the same split on every machine.

export interface Triple {
  user: string;
  item: string;
  weight: number;
}

export interface Split {
  train: Triple[];
  /** Held-out items per user (users with no held-out item are absent). */
  test: Map<string, Set<string>>;
}

/** mulberry32: tiny, fast, and good enough to shuffle lists of fifty. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each user's interactions shuffled, round(testShare × n) of them held out. */
export function splitPerUser(rows: readonly Triple[], seed: number, testShare = 0.1): Split {
  const byUser = new Map<string, Triple[]>();
  for (const row of rows) {
    let list = byUser.get(row.user);
    if (!list) {
      list = [];
      byUser.set(row.user, list);
    }
    list.push(row);
  }
  const random = prng(seed);
  const train: Triple[] = [];
  const test = new Map<string, Set<string>>();
  // Users and items in numeric order, so the split does not depend on file order.
  const users = [...byUser.keys()].sort((a, b) => Number(a) - Number(b));
  for (const user of users) {
    const list = [...(byUser.get(user) ?? [])].sort((a, b) => Number(a.item) - Number(b.item));
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = list[i] as Triple;
      list[i] = list[j] as Triple;
      list[j] = swap;
    }
    const held = Math.round(list.length * testShare);
    if (held > 0) test.set(user, new Set(list.slice(0, held).map((r) => r.item)));
    train.push(...list.slice(held));
  }
  return { train, test };
}
