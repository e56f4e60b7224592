// npm run eval:discovery [-- --seeds 1,2,3,4,5 --data DIR]
// Offline evaluation on HetRec 2011 Last.fm 2K: per seed a per-user random 90/10 split; the engine
// runs through the same TSV-in, TSV-out path as `npm run recommend`; MostPop and ItemKNN (cosine,
// 400 neighbours, no shrink) are the baselines. Exits 1 if the engine misses its targets.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { itemKnn, mostPop } from './discovery/baselines.ts';
import { loadHetRec } from './discovery/hetrec.ts';
import { evaluate, type Metrics, meanSd, popularityOf } from './discovery/metrics.ts';
import { recommendFiles } from './discovery/pipeline.ts';
import { splitPerUser } from './discovery/split.ts';

const TARGET_NDCG = 0.22;
const K = 10;

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve('../shared/data/hetrec2011-lastfm-2k') },
    seeds: { type: 'string', default: '1,2,3,4,5' },
  },
});
const seeds = (values.seeds ?? '').split(',').map(Number);
if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s))) {
  console.error('usage: npm run eval:discovery -- [--seeds 1,2,3,4,5] [--data DIR]');
  process.exit(2);
}

interface Run {
  metrics: Metrics;
  seconds: number;
}
const methods = ['engine', 'MostPop', 'ItemKNN'] as const;
type Method = (typeof methods)[number];
const runs = new Map<Method, Run[]>(methods.map((m) => [m, []]));

const data = await loadHetRec(values.data ?? '');
const dir = await mkdtemp(path.join(tmpdir(), 'eval-discovery-'));
try {
  for (const seed of seeds) {
    const split = splitPerUser(data.interactions, seed);
    const users = [...split.test.keys()];
    const pop = popularityOf(split.train);
    const files = {
      interactions: path.join(dir, 'interactions.tsv'),
      trust: path.join(dir, 'trust.tsv'),
      users: path.join(dir, 'users.tsv'),
      out: path.join(dir, 'out.tsv'),
      k: K,
    };
    await writeFile(
      files.interactions,
      split.train.map((r) => `${r.user}\t${r.item}\t${r.weight}\n`).join(''),
    );
    await writeFile(files.trust, data.friends.map(([a, b]) => `${a}\t${b}\n`).join(''));
    await writeFile(files.users, users.map((u) => `${u}\n`).join(''));

    const timed = (method: Method, produce: () => Map<string, string[]>): void => {
      const started = performance.now();
      const lists = produce();
      const seconds = (performance.now() - started) / 1000;
      runs.get(method)?.push({ metrics: evaluate(lists, split.test, pop, K), seconds });
    };
    const started = performance.now();
    await recommendFiles(files);
    const seconds = (performance.now() - started) / 1000;
    const engine = await readLists(files.out);
    runs.get('engine')?.push({ metrics: evaluate(engine, split.test, pop, K), seconds });
    timed('MostPop', () => mostPop(split.train, users, K));
    timed('ItemKNN', () => itemKnn(split.train, users, K, { neighbours: 400, shrink: 0 }));
    const e = runs.get('engine')?.at(-1)?.metrics;
    console.error(`seed ${seed}: engine ndcg ${e?.ndcg.toFixed(4)} long tail ${e?.longTail.toFixed(4)}`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

async function readLists(file: string): Promise<Map<string, string[]>> {
  const lists = new Map<string, string[]>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const [user, item] = line.split('\t');
    if (!user || !item) continue;
    let list = lists.get(user);
    if (!list) {
      list = [];
      lists.set(user, list);
    }
    list.push(item);
  }
  return lists;
}

const cell = (xs: readonly number[], digits = 4): string => {
  const { mean, sd } = meanSd(xs);
  return `${mean.toFixed(digits)} ± ${sd.toFixed(digits)}`;
};
const summary = (method: Method, key: keyof Metrics): number =>
  meanSd((runs.get(method) ?? []).map((r) => r.metrics[key])).mean;

console.log(`HetRec 2011 Last.fm 2K, per-user 90/10 split, seeds ${seeds.join(',')}, k = ${K} (mean ± sd)\n`);
console.log('| method | recall@10 | NDCG@10 | long tail | coverage | time (s) |');
console.log('|---|---|---|---|---|---|');
for (const method of methods) {
  const rs = runs.get(method) ?? [];
  const of = (key: keyof Metrics): string => cell(rs.map((r) => r.metrics[key]));
  console.log(
    `| ${method} | ${of('recall')} | ${of('ndcg')} | ${of('longTail')} | ${of('coverage')} | ${cell(
      rs.map((r) => r.seconds),
      1,
    )} |`,
  );
}

const ndcg = summary('engine', 'ndcg');
const tail = summary('engine', 'longTail');
const knnTail = summary('ItemKNN', 'longTail');
const failures: string[] = [];
if (ndcg < TARGET_NDCG) failures.push(`engine NDCG@10 ${ndcg.toFixed(4)} < ${TARGET_NDCG}`);
if (tail < knnTail) failures.push(`engine long tail ${tail.toFixed(4)} < ItemKNN's ${knnTail.toFixed(4)}`);
if (failures.length > 0) {
  console.error(`\nFAIL: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(
  `\nPASS: NDCG@10 ${ndcg.toFixed(4)} ≥ ${TARGET_NDCG}, long tail ${tail.toFixed(4)} ≥ ItemKNN's ${knnTail.toFixed(4)}`,
);
