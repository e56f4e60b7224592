// The offline recommender: TSV in, TSV out, everything between is the engine. Shared by
// `npm run recommend` and `npm run eval:discovery`, so what is evaluated is what ships.
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import {
  buildEaseNeighbours,
  buildItemNeighbours,
  buildTasteNeighbours,
  DEFAULT_RANK_OPTIONS,
  type EaseOptions,
  fillFromPopular,
  type Interaction,
  type ItemNeighbours,
  internInteractions,
  type NeighbourOptions,
  propagateTrust,
  type RankOptions,
  rank,
  type TasteOptions,
  type TrustOptions,
} from '../../packages/discovery/src/engine/index.ts';

export interface RecommendFiles {
  interactions: string;
  trust: string;
  users: string;
  out: string;
  k: number;
}

export interface EngineOptions {
  neighbours?: NeighbourOptions;
  taste?: TasteOptions;
  ease?: EaseOptions;
  trust?: TrustOptions;
  rank?: RankOptions;
}

export interface RecommendTiming {
  users: number;
  loadMs: number;
  neighboursMs: number;
  rankMs: number;
  writeMs: number;
  totalMs: number;
}

const INTEGER = /^-?\d+$/;

/** Lines of a TSV split on tabs (or runs of blanks); CRLF and blank lines are tolerated. */
async function* rows(file: string): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const trimmed = line.trim();
    if (trimmed !== '') yield trimmed.split(/\s+/);
  }
}

/** Parsed input: integer ids as canonical decimal strings. */
export interface RecommendInput {
  history: Map<string, Map<string, number>>;
  edges: Map<string, string[]>;
  users: string[];
}

// One string object per id: the engine's maps then compare keys by pointer, not by content.
const interned = new Map<string, string>();
function canonical(id: string): string {
  let out = interned.get(id);
  if (out === undefined) {
    const value = String(Number(id));
    out = interned.get(value) ?? value;
    interned.set(id, out);
    interned.set(value, out);
  }
  return out;
}

/** Reads the three files; a header, or any line whose ids are not integers, is skipped rather than fatal. */
export async function readInput(
  files: Pick<RecommendFiles, 'interactions' | 'trust' | 'users'>,
): Promise<RecommendInput> {
  const history = new Map<string, Map<string, number>>();
  for await (const [user, item, weightText] of rows(files.interactions)) {
    if (!user || !item || !INTEGER.test(user) || !INTEGER.test(item)) continue;
    const weight = Number(weightText ?? '1');
    if (!Number.isFinite(weight)) continue;
    const id = canonical(user);
    let mine = history.get(id);
    if (!mine) {
      mine = new Map();
      history.set(id, mine);
    }
    const key = canonical(item);
    // Even a zero weight makes the item known: it is never recommended back.
    mine.set(key, (mine.get(key) ?? 0) + Math.max(0, weight));
  }
  const edges = new Map<string, string[]>();
  for await (const [truster, trusted] of rows(files.trust)) {
    if (!truster || !trusted || !INTEGER.test(truster) || !INTEGER.test(trusted)) continue;
    const from = canonical(truster);
    let out = edges.get(from);
    if (!out) {
      out = [];
      edges.set(from, out);
    }
    out.push(canonical(trusted));
  }
  // A user listed twice still gets one list of k.
  const users = new Set<string>();
  for await (const [user] of rows(files.users)) if (user && INTEGER.test(user)) users.add(canonical(user));
  return { history, edges, users: [...users] };
}

/** Everything computed once over all interactions: the engine's precomputation and popularity. */
export interface Prepared {
  signals: Map<string, Interaction[]>;
  popularity: Map<string, number>;
  /** Items by popularity, most popular first: the filler for short lists. */
  popular: string[];
  neighbours: ItemNeighbours;
  /** Per person, people with overlapping histories; empty when the taste signal is off. */
  taste: Map<string, Map<string, number>>;
  /** Empty when the EASE signal is off. */
  ease: ItemNeighbours;
}

export function prepare(
  input: RecommendInput,
  options: Pick<EngineOptions, 'neighbours' | 'taste' | 'ease' | 'rank'> = {},
): Prepared {
  const signals = new Map<string, Interaction[]>();
  const popularity = new Map<string, number>();
  const triples: { user: string; item: string; weight: number }[] = [];
  for (const [user, items] of input.history) {
    const list: Interaction[] = [];
    for (const [item, weight] of items) {
      popularity.set(item, (popularity.get(item) ?? 0) + 1);
      if (weight > 0) {
        list.push({ item, weight, kind: 'listen' });
        triples.push({ user, item, weight });
      }
    }
    signals.set(user, list);
  }
  const matrix = internInteractions(triples);
  const table = buildItemNeighbours(matrix, options.neighbours);
  const taste = new Map<string, Map<string, number>>();
  if ((options.rank?.peerWeight ?? DEFAULT_RANK_OPTIONS.peerWeight) > 0) {
    for (const [user, list] of buildTasteNeighbours(matrix, options.taste)) taste.set(user, new Map(list));
  }
  const easeTable =
    (options.rank?.easeWeight ?? DEFAULT_RANK_OPTIONS.easeWeight) > 0
      ? buildEaseNeighbours(matrix, options.ease)
      : new Map<string, [string, number][]>();
  const popular = [...popularity.keys()].sort(
    (a, b) => (popularity.get(b) ?? 0) - (popularity.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return {
    signals,
    popularity,
    popular,
    neighbours: { neighbours: (item) => table.get(item) ?? [] },
    taste,
    ease: { neighbours: (item) => easeTable.get(item) ?? [] },
  };
}

/** Trust and ranking per listed user, topped up from popularity to exactly k where the catalogue allows. */
export function rankAll(
  input: RecommendInput,
  prepared: Prepared,
  k: number,
  options: Pick<EngineOptions, 'trust' | 'rank'> = {},
): Map<string, string[]> {
  const { signals, popularity, popular, neighbours, taste, ease } = prepared;
  const graph = { trusted: (user: string) => input.edges.get(user) ?? [] };
  const none = new Map<string, number>();
  const lists = new Map<string, string[]>();
  for (const user of input.users) {
    const known = input.history.get(user) ?? none;
    const ranked = rank(
      {
        user,
        history: known,
        trust: propagateTrust(user, graph, options.trust),
        interactionsOf: (person) => signals.get(person) ?? [],
        neighbours,
        tasteNeighbours: taste.get(user),
        easeNeighbours: ease,
        popularity: (item) => popularity.get(item) ?? 0,
        userCount: input.history.size,
      },
      { ...options.rank, limit: k },
    );
    lists.set(
      user,
      fillFromPopular(ranked, popular, known, k).map((r) => r.item),
    );
  }
  return lists;
}

/** The engine end to end. */
export function recommendAll(
  input: RecommendInput,
  k: number,
  options: EngineOptions = {},
): { lists: Map<string, string[]>; neighboursMs: number; rankMs: number } {
  const started = performance.now();
  const prepared = prepare(input, options);
  const built = performance.now();
  const lists = rankAll(input, prepared, k, options);
  return { lists, neighboursMs: built - started, rankMs: performance.now() - built };
}

export async function recommendFiles(
  files: RecommendFiles,
  options: EngineOptions = {},
): Promise<RecommendTiming> {
  const started = performance.now();
  const input = await readInput(files);
  const loaded = performance.now();
  const { lists, neighboursMs, rankMs } = recommendAll(input, files.k, options);
  const ranked = performance.now();
  const out: string[] = [];
  for (const user of input.users) {
    const list = lists.get(user) ?? [];
    for (let r = 0; r < list.length; r++) out.push(`${user}\t${list[r]}\t${r + 1}\n`);
  }
  await writeFile(files.out, out.join(''));
  const done = performance.now();
  return {
    users: input.users.length,
    loadMs: loaded - started,
    neighboursMs,
    rankMs,
    writeMs: done - ranked,
    totalMs: done - started,
  };
}
