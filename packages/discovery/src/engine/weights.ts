import type { SignalKind } from './types.ts';

/** A pick is a public recommendation, money says more than a free download, a listen least. */
export const DEFAULT_KIND_WEIGHTS: Readonly<Record<SignalKind, number>> = {
  pick: 4,
  purchase: 3,
  download: 2,
  listen: 1,
};

// Ranking takes the log of tens of thousands of small integer weights per request: a table is
// several times faster than Math.log1p and gives identical values.
const TABLE_SIZE = 4096;
const LOG_TABLE = Float64Array.from({ length: TABLE_SIZE }, (_, w) => Math.log1p(w));

/**
 * Listen counts are heavy-tailed (one favourite played 10 000 times): the log keeps the
 * favourite first without letting it drown the rest of a person's taste.
 */
export function strength(weight: number): number {
  if (weight >= 0 && weight < TABLE_SIZE && Number.isInteger(weight)) return LOG_TABLE[weight] ?? 0;
  return weight > 0 ? Math.log1p(weight) : 0;
}
