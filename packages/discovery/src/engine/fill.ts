import type { Recommendation } from './types.ts';

/**
 * Tops a ranking up to `limit` from a global ranking (most popular first), skipping what the
 * person knows and what is already there: someone with no circle and no history still gets a
 * full page, and each filler says it is only popular.
 */
export function fillFromPopular(
  ranked: readonly Recommendation[],
  popular: readonly string[],
  known: ReadonlyMap<string, unknown> | ReadonlySet<string>,
  limit: number,
): Recommendation[] {
  const out = ranked.slice(0, limit);
  if (out.length >= limit) return out;
  const taken = new Set(out.map((r) => r.item));
  for (const item of popular) {
    if (out.length >= limit) break;
    if (taken.has(item) || known.has(item)) continue;
    taken.add(item);
    out.push({ item, score: 0, reasons: [{ kind: 'popular' }] });
  }
  return out;
}
