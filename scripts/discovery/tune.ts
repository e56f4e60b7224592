// Hyper-parameter search for the engine on tuning seeds only (never the reported 1–5):
//   node scripts/discovery/tune.ts --seeds 101,102,103 --grid '{"rank.popularityExponent":[0,0.2]}'
// Every combination of the grid is run on every seed; mean metrics per combination are printed.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RANK_OPTIONS } from '../../packages/discovery/src/engine/index.ts';
import { itemKnn } from './baselines.ts';
import { loadHetRec } from './hetrec.ts';
import { evaluate, type Metrics, popularityOf } from './metrics.ts';
import { type EngineOptions, prepare, type RecommendInput, rankAll } from './pipeline.ts';
import { splitPerUser, type Triple } from './split.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve('../shared/data/hetrec2011-lastfm-2k') },
    seeds: { type: 'string', default: '101,102,103' },
    grid: { type: 'string', default: '{}' },
    knn: { type: 'boolean', default: false },
  },
});
const seeds = (values.seeds ?? '').split(',').map(Number);
const grid = JSON.parse(values.grid ?? '{}') as Record<string, unknown[]>;
const data = await loadHetRec(values.data ?? '');

function combos(g: Record<string, unknown[]>): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [key, options] of Object.entries(g))
    out = out.flatMap((c) => options.map((v) => ({ ...c, [key]: v })));
  return out;
}

function toOptions(combo: Record<string, unknown>): EngineOptions {
  const o: Record<string, Record<string, unknown>> = {
    neighbours: {},
    taste: {},
    ease: {},
    trust: {},
    rank: {},
  };
  for (const [key, v] of Object.entries(combo)) {
    const [part, name] = key.split('.');
    const target = o[part ?? ''];
    if (target && name) target[name] = v;
  }
  return o as EngineOptions;
}

function inputOf(train: readonly Triple[], users: string[]): RecommendInput {
  const history = new Map<string, Map<string, number>>();
  for (const r of train) {
    let m = history.get(r.user);
    if (!m) {
      m = new Map();
      history.set(r.user, m);
    }
    m.set(r.item, r.weight);
  }
  const edges = new Map<string, string[]>();
  for (const [a, b] of data.friends) {
    let l = edges.get(a);
    if (!l) {
      l = [];
      edges.set(a, l);
    }
    l.push(b);
  }
  return { history, edges, users };
}

const all = combos(grid);
const sums = all.map(() => ({ recall: 0, ndcg: 0, longTail: 0, coverage: 0 }));
const started = performance.now();
for (const seed of seeds) {
  const split = splitPerUser(data.interactions, seed);
  const users = [...split.test.keys()];
  const input = inputOf(split.train, users);
  const pop = popularityOf(split.train);
  if (values.knn) {
    for (const n of [50, 100, 200, 400]) {
      for (const shrink of [0, 10]) {
        const m = evaluate(itemKnn(split.train, users, 10, { neighbours: n, shrink }), split.test, pop, 10);
        console.log(`seed ${seed} itemknn n=${n} shrink=${shrink}`, JSON.stringify(round(m)));
      }
    }
    continue;
  }
  const preparedBy = new Map<string, ReturnType<typeof prepare>>();
  all.forEach((combo, c) => {
    const options = toOptions(combo);
    const usesTaste = (options.rank?.peerWeight ?? DEFAULT_RANK_OPTIONS.peerWeight) > 0;
    const usesEase = (options.rank?.easeWeight ?? DEFAULT_RANK_OPTIONS.easeWeight) > 0;
    const key = JSON.stringify([
      options.neighbours,
      usesTaste ? options.taste : null,
      usesEase ? options.ease : null,
    ]);
    let prepared = preparedBy.get(key);
    if (!prepared) {
      prepared = prepare(input, options);
      preparedBy.set(key, prepared);
    }
    const m = evaluate(rankAll(input, prepared, 10, options), split.test, pop, 10);
    const sum = sums[c];
    if (sum) for (const k of Object.keys(m) as (keyof typeof m)[]) sum[k] += m[k];
  });
}
function round(m: Readonly<Record<string, number>> | Metrics): Record<string, number> {
  return Object.fromEntries(
    Object.entries(m).map(([k, v]: [string, number]) => [k, Math.round(v * 10000) / 10000]),
  );
}
all.forEach((combo, c) => {
  const sum = sums[c];
  if (!sum) return;
  const mean = Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, v / seeds.length]));
  console.log(JSON.stringify(round(mean)), JSON.stringify(combo));
});
console.error(`${((performance.now() - started) / 1000).toFixed(1)} s`);
