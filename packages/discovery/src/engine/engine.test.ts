import { describe, expect, it } from 'vitest';
import {
  buildEaseNeighbours,
  buildTasteNeighbours,
  type Interaction,
  propagateTrust,
  type RankInput,
  type RankOptions,
  rank,
} from './index.ts';

type Graph = Record<string, string[]>;

function graphOf(edges: Graph): { trusted: (u: string) => string[] } {
  return { trusted: (u) => edges[u] ?? [] };
}

/** A small world: `me` trusts people in `edges`, who played `plays`; all else off unless given. */
function inputOf(options: {
  edges?: Graph;
  plays?: Record<string, Interaction[]>;
  history?: Record<string, number>;
  neighbours?: Record<string, [string, number][]>;
  popularity?: Record<string, number>;
  artists?: Record<string, string>;
}): RankInput {
  const plays = options.plays ?? {};
  return {
    user: 'me',
    history: new Map(Object.entries(options.history ?? {})),
    trust: propagateTrust('me', graphOf(options.edges ?? {})),
    interactionsOf: (u) => plays[u] ?? [],
    neighbours: { neighbours: (item) => options.neighbours?.[item] ?? [] },
    popularity: (item) => options.popularity?.[item] ?? 1,
    userCount: 1000,
    itemInfo: (item) => {
      const artist = options.artists?.[item];
      return artist === undefined ? undefined : { artist };
    },
    now: 0,
  };
}

const listen = (item: string, weight = 1): Interaction => ({ item, weight, kind: 'listen' });
const items = (out: { item: string }[]): string[] => out.map((r) => r.item);
const noNiche: RankOptions = { nicheSlots: 0, popularityExponent: 0 };

describe('trust propagation', () => {
  it('decays with distance', () => {
    const trust = propagateTrust('me', graphOf({ me: ['a'], a: ['b'], b: ['c'] }));
    expect(trust.get('a')?.depth).toBe(1);
    expect(trust.get('b')?.depth).toBe(2);
    expect(trust.get('c')?.depth).toBe(3);
    const w = (u: string): number => trust.get(u)?.weight ?? 0;
    expect(w('a')).toBeGreaterThan(w('b'));
    expect(w('b')).toBeGreaterThan(w('c'));
    expect(trust.get('c')?.via).toBe('a');
  });

  it('terminates on cycles and never includes the source', () => {
    const trust = propagateTrust('me', graphOf({ me: ['a'], a: ['b', 'me'], b: ['a', 'me', 'b'] }), {
      maxDepth: 50,
    });
    expect(trust.has('me')).toBe(false);
    expect([...trust.keys()].sort()).toEqual(['a', 'b']);
    for (const t of trust.values()) expect(Number.isFinite(t.weight)).toBe(true);
  });

  it('stops at maxDepth', () => {
    const trust = propagateTrust('me', graphOf({ me: ['a'], a: ['b'], b: ['c'], c: ['d'] }), { maxDepth: 2 });
    expect([...trust.keys()].sort()).toEqual(['a', 'b']);
  });
});

describe('rank', () => {
  it('discounts popular items', () => {
    const input = inputOf({
      history: { seed: 5 },
      neighbours: {
        seed: [
          ['hit', 1],
          ['niche', 1],
        ],
      },
      popularity: { hit: 500, niche: 2 },
    });
    expect(items(rank(input, { ...noNiche, popularityExponent: 0 }))).toEqual(['hit', 'niche']);
    expect(items(rank(input, { ...noNiche, popularityExponent: 0.3 }))).toEqual(['niche', 'hit']);
  });

  it('never returns what the person already knows', () => {
    const input = inputOf({
      edges: { me: ['a'] },
      plays: { a: [listen('x', 10), listen('known', 50), listen('seed', 9)] },
      history: { seed: 5, known: 0 },
      neighbours: {
        seed: [
          ['known', 1],
          ['y', 0.5],
        ],
      },
    });
    const out = items(rank(input, { limit: 10 }));
    expect(out).not.toContain('known');
    expect(out).not.toContain('seed');
    expect(out.sort()).toEqual(['x', 'y']);
  });

  it('keeps at most two items per artist in a page of ten', () => {
    const neighbours: [string, number][] = [];
    const artists: Record<string, string> = {};
    for (let i = 0; i < 30; i++) {
      const id = `t${String(i).padStart(2, '0')}`;
      neighbours.push([id, 1 - i / 100]);
      artists[id] = `artist${i % 3 === 0 ? 'A' : i % 3 === 1 ? 'B' : String(i)}`;
    }
    const out = rank(inputOf({ history: { seed: 1 }, neighbours: { seed: neighbours }, artists }), {
      ...noNiche,
      limit: 10,
    });
    expect(out).toHaveLength(10);
    const per = new Map<string, number>();
    for (const r of out) per.set(artists[r.item] ?? '', (per.get(artists[r.item] ?? '') ?? 0) + 1);
    for (const n of per.values()) expect(n).toBeLessThanOrEqual(2);
  });

  it('names the people behind a recommendation, direct and further out', () => {
    const input = inputOf({
      edges: { me: ['ann', 'bob'], ann: ['cat'] },
      plays: {
        ann: [{ item: 'song', weight: 3, kind: 'pick' }],
        bob: [listen('other')],
        cat: [listen('song'), listen('deep')],
      },
    });
    const out = rank(input, noNiche);
    const song = out.find((r) => r.item === 'song');
    const trusted = song?.reasons.filter((r) => r.kind === 'trusted') ?? [];
    expect(trusted).toContainEqual({ kind: 'trusted', curators: ['ann'], pickers: ['ann'] });
    expect(trusted).toContainEqual({ kind: 'trusted', curators: ['cat'], pickers: [], via: ['ann'] });
    const deep = out.find((r) => r.item === 'deep');
    expect(deep?.reasons[0]).toEqual({ kind: 'trusted', curators: ['cat'], pickers: [], via: ['ann'] });
    const other = out.find((r) => r.item === 'other');
    expect(other?.reasons).toEqual([{ kind: 'trusted', curators: ['bob'], pickers: [] }]);
  });

  it('is deterministic and breaks ties by item id', () => {
    const input = inputOf({
      history: { seed: 1 },
      neighbours: {
        seed: [
          ['c', 1],
          ['a', 1],
          ['b', 1],
        ],
      },
    });
    const first = rank(input, noNiche);
    expect(items(first)).toEqual(['a', 'b', 'c']);
    expect(rank(input, noNiche)).toEqual(first);
  });

  it('ends each page with a niche item when the quota is on', () => {
    const neighbours: [string, number][] = [];
    const popularity: Record<string, number> = {};
    for (let i = 0; i < 12; i++) {
      neighbours.push([`hit${i}`, 1 - i / 100]);
      popularity[`hit${i}`] = 400;
    }
    neighbours.push(['rare', 0.01]);
    popularity.rare = 1;
    const out = items(
      rank(inputOf({ history: { seed: 1 }, neighbours: { seed: neighbours }, popularity }), {
        nicheSlots: 1,
        nicheShare: 0.002,
        popularityExponent: 0,
      }),
    );
    expect(out).toHaveLength(10);
    expect(out[9]).toBe('rare');
    expect(out.slice(0, 9)).toEqual(neighbours.slice(0, 9).map(([id]) => id));
  });

  it('uses taste neighbours and EASE weights when given', () => {
    const input: RankInput = {
      ...inputOf({ plays: { twin: [listen('seed'), listen('fromTwin', 4)] }, history: { seed: 1 } }),
      tasteNeighbours: new Map([['twin', 0.9]]),
      easeNeighbours: { neighbours: (item) => (item === 'seed' ? [['fromEase', 0.5]] : []) },
    };
    const out = rank(input, { ...noNiche, peerWeight: 1, easeWeight: 1 });
    expect(items(out).sort()).toEqual(['fromEase', 'fromTwin']);
    expect(out.find((r) => r.item === 'fromTwin')?.reasons[0]).toEqual({ kind: 'taste', people: ['twin'] });
    expect(out.find((r) => r.item === 'fromEase')?.reasons[0]).toEqual({ kind: 'similar', items: ['seed'] });
  });
});

describe('precomputation', () => {
  const rows = [
    ...['u1', 'u2', 'u3', 'u4'].flatMap((user) => [
      { user, item: 'a', weight: 3 },
      { user, item: 'b', weight: 2 },
    ]),
    { user: 'u5', item: 'c', weight: 1 },
    { user: 'u1', item: 'c', weight: 1 },
  ];

  it('finds people with overlapping histories', () => {
    const taste = buildTasteNeighbours(rows);
    expect(taste.get('u2')?.map(([u]) => u)).toEqual(['u3', 'u4', 'u1']);
    expect(taste.get('u5')?.map(([u]) => u)).toEqual(['u1']);
  });

  it('learns positive EASE weights between co-listened items only', () => {
    const ease = buildEaseNeighbours(rows, { minUsers: 1, lambda: 1 });
    expect(ease.get('a')?.[0]?.[0]).toBe('b');
    expect(ease.get('b')?.[0]?.[0]).toBe('a');
    for (const list of ease.values()) for (const [, w] of list) expect(w).toBeGreaterThan(0);
  });
});

describe('picks', () => {
  it('a pick by someone you trust directly ranks with the strongest collaborative results, one from further out lower', () => {
    const plays: Record<string, Interaction[]> = {
      // A busy curator: forty listens and one pick; the pick must not drown in the listening.
      a: [
        ...Array.from({ length: 40 }, (_, i) => listen(`played-${i}`, 50)),
        { item: 'a-pick', weight: 1, kind: 'pick' },
      ],
      b: [{ item: 'b-pick', weight: 1, kind: 'pick' }],
    };
    const neighbours: Record<string, [string, number][]> = {
      mine: Array.from({ length: 30 }, (_, i): [string, number] => [`similar-${i}`, 1 - i / 100]),
    };
    const input = inputOf({ edges: { me: ['a'], a: ['b'] }, plays, neighbours, history: { mine: 5 } });
    const ranked = items(rank(input, { ...noNiche, limit: 20 }));
    expect(ranked.indexOf('a-pick')).toBeLessThan(3);
    expect(ranked.indexOf('b-pick')).toBeGreaterThan(ranked.indexOf('a-pick'));
    // Without the pick weight, the same pick sinks below the collaborative results.
    const without = items(rank(input, { ...noNiche, limit: 20, pickWeight: 0 }));
    expect(without.slice(0, 10)).not.toContain('a-pick');
  });
});
