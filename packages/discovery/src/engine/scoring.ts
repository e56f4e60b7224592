import { compareIds } from './matrix.ts';
import type { RankInput, SignalKind } from './types.ts';
import { strength } from './weights.ts';

export interface ScoringOptions {
  trustWeight: number;
  similarWeight: number;
  tasteWeight: number;
  peerWeight: number;
  peerExponent: number;
  easeWeight: number;
  pickWeight: number;
  maxHistory: number;
  kinds: Readonly<Record<SignalKind, number>>;
}

/**
 * Candidates by index, the two raw signals per candidate, and every term that went into them
 * (flat arrays, no objects per term), so that explaining a page is a scan, not a recomputation.
 */
export interface Scored {
  items: string[];
  trusted: number[];
  similar: number[];
  /** Σ of EASE weights from the person's items (`RankInput.easeNeighbours`). */
  ease: number[];
  /** What taste neighbours (people with overlapping histories) did, similarity-weighted. */
  peers: number[];
  /**
   * Explicit picks by trusted people, by trust alone (not spread over everything they did): a
   * pick is the curator saying "this one", so it must not drown in their listening.
   */
  picks: number[];
  /** The history items that seed the collaborative signal and their strengths. */
  seeds: [string, number][];
  people: string[];
  /** Per person: the factor applied to their signal terms (trust × taste / their total). */
  personWeight: number[];
  trustTerms: Terms;
  similarTerms: Terms;
  /** Owner is a seed index, as for `similarTerms`. */
  easeTerms: Terms;
  /** Owner is an index into `peerPeople`. */
  peerTerms: Terms;
  peerPeople: string[];
}

/**
 * Terms as parallel typed arrays: `owner` is the person (trust) or seed index (similar). Plain
 * arrays of numbers cost more in pushes and garbage than the scoring itself.
 */
export class Terms {
  length = 0;
  candidate = new Int32Array(1024);
  owner = new Int32Array(1024);
  amount = new Float64Array(1024);
  picked = new Uint8Array(1024);

  push(candidate: number, owner: number, amount: number, picked: boolean): void {
    if (this.length === this.candidate.length) this.#grow();
    const at = this.length++;
    this.candidate[at] = candidate;
    this.owner[at] = owner;
    this.amount[at] = amount;
    this.picked[at] = picked ? 1 : 0;
  }

  #grow(): void {
    const size = this.candidate.length * 2;
    const candidate = new Int32Array(size);
    candidate.set(this.candidate);
    const owner = new Int32Array(size);
    owner.set(this.owner);
    const amount = new Float64Array(size);
    amount.set(this.amount);
    const picked = new Uint8Array(size);
    picked.set(this.picked);
    this.candidate = candidate;
    this.owner = owner;
    this.amount = amount;
    this.picked = picked;
  }
}

/** Marks an item the person knows but that does not seed the collaborative signal. */
const KNOWN = -1;

export function accumulate(input: RankInput, o: ScoringOptions): Scored {
  const seeds = strongestHistory(input.history, o.maxHistory);
  // One map for everything: known items hold negative slots (−2 − seed index for seeds), so a
  // single lookup per signal both excludes them and finds the overlap with the person's taste.
  const slot = new Map<string, number>();
  for (const item of input.history.keys()) slot.set(item, KNOWN);
  let historyNorm = 0;
  for (let k = 0; k < seeds.length; k++) {
    const [item, x] = seeds[k] ?? ['', 0];
    slot.set(item, -2 - k);
    historyNorm += x * x;
  }
  historyNorm = Math.sqrt(historyNorm);
  const s: Scored = {
    items: [],
    trusted: [],
    similar: [],
    peers: [],
    picks: [],
    ease: [],
    seeds,
    people: [],
    personWeight: [],
    trustTerms: new Terms(),
    similarTerms: new Terms(),
    easeTerms: new Terms(),
    peerTerms: new Terms(),
    peerPeople: [],
  };
  const candidateOf = (item: string): number => {
    let c = slot.get(item);
    if (c === undefined) {
      c = s.items.length;
      slot.set(item, c);
      s.items.push(item);
      s.trusted.push(0);
      s.similar.push(0);
      s.peers.push(0);
      s.picks.push(0);
      s.ease.push(0);
    }
    return c;
  };

  if (o.trustWeight > 0) {
    const t = s.trustTerms;
    for (const [person, score] of input.trust) {
      if (person === input.user || !(score.weight > 0)) continue;
      const signals = input.interactionsOf(person);
      if (signals.length === 0) continue;
      const p = s.people.length;
      const first = t.length;
      let total = 0;
      let norm = 0;
      let overlap = 0;
      for (const signal of signals) {
        const x = strength(signal.weight);
        const amount = x * o.kinds[signal.kind ?? 'listen'];
        total += amount;
        norm += x * x;
        const c = candidateOf(signal.item);
        if (c < 0) {
          if (c !== KNOWN) overlap += (seeds[-2 - c]?.[1] ?? 0) * x;
          continue;
        }
        t.push(c, p, amount, signal.kind === 'pick');
      }
      if (!(total > 0)) {
        t.length = first;
        continue;
      }
      const taste = historyNorm > 0 && norm > 0 ? overlap / (historyNorm * Math.sqrt(norm)) : 0;
      // Each person spreads their trust over everything they did, so prolific people do not dominate.
      const weight = (score.weight * (1 + o.tasteWeight * taste)) / total;
      s.people.push(person);
      s.personWeight.push(weight);
      for (let e = first; e < t.length; e++) {
        const c = t.candidate[e] ?? 0;
        s.trusted[c] = (s.trusted[c] ?? 0) + weight * (t.amount[e] ?? 0);
        if (o.pickWeight > 0 && t.picked[e] === 1) s.picks[c] = (s.picks[c] ?? 0) + score.weight;
      }
    }
  }

  if (o.similarWeight > 0) {
    const t = s.similarTerms;
    for (let k = 0; k < seeds.length; k++) {
      const [item, x] = seeds[k] ?? ['', 0];
      for (const [other, sim] of input.neighbours.neighbours(item)) {
        if (!(sim > 0)) continue;
        const c = candidateOf(other);
        if (c < 0) continue;
        const amount = x * sim;
        s.similar[c] = (s.similar[c] ?? 0) + amount;
        t.push(c, k, amount, false);
      }
    }
  }
  if (o.easeWeight > 0 && input.easeNeighbours) {
    const t = s.easeTerms;
    // The model was fitted on binary histories, so every seed counts once, whatever its plays.
    for (let k = 0; k < seeds.length; k++) {
      for (const [other, weight] of input.easeNeighbours.neighbours(seeds[k]?.[0] ?? '')) {
        if (!(weight > 0)) continue;
        const c = candidateOf(other);
        if (c < 0) continue;
        s.ease[c] = (s.ease[c] ?? 0) + weight;
        t.push(c, k, weight, false);
      }
    }
  }

  if (o.peerWeight > 0 && input.tasteNeighbours) {
    const t = s.peerTerms;
    for (const [person, sim] of input.tasteNeighbours) {
      if (person === input.user || !(sim > 0)) continue;
      const signals = input.interactionsOf(person);
      if (signals.length === 0) continue;
      const p = s.peerPeople.length;
      s.peerPeople.push(person);
      // A sharper exponent lets the closest few people outvote the long tail of weak overlaps.
      const w = sim ** o.peerExponent;
      for (const signal of signals) {
        const c = candidateOf(signal.item);
        if (c < 0) continue;
        const amount = w * strength(signal.weight) * o.kinds[signal.kind ?? 'listen'];
        s.peers[c] = (s.peers[c] ?? 0) + amount;
        t.push(c, p, amount, false);
      }
    }
  }
  return s;
}

/** The history items that seed the collaborative signal, strongest first, as log strengths. */
function strongestHistory(history: ReadonlyMap<string, number>, max: number): [string, number][] {
  const all: [string, number][] = [];
  for (const [item, w] of history) {
    const x = strength(w);
    if (x > 0) all.push([item, x]);
  }
  if (all.length > max) {
    all.sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]));
    all.length = Math.max(0, max);
  }
  return all;
}
