export type { DiversityOptions } from './diversity.ts';
export { diversify } from './diversity.ts';
export type { EaseOptions } from './ease.ts';
export { buildEaseNeighbours, DEFAULT_EASE_OPTIONS } from './ease.ts';
export { fillFromPopular } from './fill.ts';
export type { Interactions } from './matrix.ts';
export { internInteractions } from './matrix.ts';
export type { NeighbourOptions, NeighbourTable } from './neighbours.ts';
export { buildItemNeighbours, computeNeighbourTable, DEFAULT_NEIGHBOUR_OPTIONS } from './neighbours.ts';
export type { RankOptions } from './rank.ts';
export { DEFAULT_RANK_OPTIONS, rank } from './rank.ts';
export type { TasteOptions } from './taste.ts';
export { buildTasteNeighbours, DEFAULT_TASTE_OPTIONS } from './taste.ts';
export type { TrustOptions } from './trust.ts';
export { DEFAULT_TRUST_OPTIONS, propagateTrust } from './trust.ts';
export type {
  Interaction,
  ItemInfo,
  ItemNeighbours,
  RankInput,
  Reason,
  Recommendation,
  SignalKind,
  TrustGraph,
  TrustScore,
} from './types.ts';
export { DEFAULT_KIND_WEIGHTS, strength } from './weights.ts';
