import type { TrustGraph, TrustScore } from './types.ts';

export interface TrustOptions {
  /** Hops followed from the source; walks longer than this are cut, which is what ends cycles. */
  maxDepth?: number;
  /** Share of the walk's mass that goes on at each hop (1 − restart probability). */
  damping?: number;
}

export const DEFAULT_TRUST_OPTIONS: Required<TrustOptions> = { maxDepth: 3, damping: 0.5 };

/**
 * Depth-limited personalised PageRank: the mass of all walks of up to `maxDepth` hops from
 * `source`, each hop keeping `damping` of the mass and splitting it evenly over the person's
 * trust list. Splitting means trusting many people dilutes each one, as attention does, and a
 * long list cannot be used to amplify a friend. Never includes `source`.
 */
export function propagateTrust(
  source: string,
  graph: TrustGraph,
  options: TrustOptions = {},
): Map<string, TrustScore> {
  const maxDepth = options.maxDepth ?? DEFAULT_TRUST_OPTIONS.maxDepth;
  const damping = options.damping ?? DEFAULT_TRUST_OPTIONS.damping;
  const edges = new Map<string, string[]>();
  // Self-loops and repeated edges would let one person count twice; the graph may hold either.
  const outOf = (user: string): string[] => {
    let out = edges.get(user);
    if (!out) {
      out = [...new Set(graph.trusted(user))].filter((v) => v !== user);
      edges.set(user, out);
    }
    return out;
  };

  const weight = new Map<string, number>();
  const depth = new Map<string, number>();
  // Strongest single path so far: its product of per-hop shares, and its first hop.
  const best = new Map<string, { strength: number; via: string }>();
  let walk = new Map<string, number>([[source, 1]]);
  let improved = new Map<string, { strength: number; via: string }>([[source, { strength: 1, via: source }]]);

  for (let hop = 1; hop <= maxDepth; hop++) {
    const nextWalk = new Map<string, number>();
    for (const [user, mass] of walk) {
      const out = outOf(user);
      if (out.length === 0) continue;
      const share = (damping * mass) / out.length;
      for (const v of out) nextWalk.set(v, (nextWalk.get(v) ?? 0) + share);
    }
    for (const [v, mass] of nextWalk) {
      if (v === source) continue;
      weight.set(v, (weight.get(v) ?? 0) + mass);
      if (!depth.has(v)) depth.set(v, hop);
    }
    walk = nextWalk;

    // Bellman–Ford style relaxation limited to paths of `hop` edges; a path through the source is
    // never the strongest (its tail from the source is stronger), so the source is skipped.
    const nextImproved = new Map<string, { strength: number; via: string }>();
    for (const [user, path] of improved) {
      const out = outOf(user);
      if (out.length === 0) continue;
      const strength = (path.strength * damping) / out.length;
      for (const v of out) {
        if (v === source) continue;
        const via = user === source ? v : path.via;
        const known = nextImproved.get(v) ?? best.get(v);
        if (!known || strength > known.strength || (strength === known.strength && via < known.via)) {
          nextImproved.set(v, { strength, via });
        }
      }
    }
    for (const [v, path] of nextImproved) best.set(v, path);
    improved = nextImproved;
  }

  const out = new Map<string, TrustScore>();
  for (const [v, w] of weight) {
    out.set(v, { weight: w, depth: depth.get(v) ?? maxDepth, via: best.get(v)?.via ?? v });
  }
  return out;
}
