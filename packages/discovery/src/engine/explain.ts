import { compareIds } from './matrix.ts';
import type { Scored } from './scoring.ts';
import type { RankInput, Reason, Recommendation } from './types.ts';

/** Names given per reason: enough for a sentence, never a crowd. */
const MAX_NAMED = 5;
const DAY_MS = 86_400_000;

export interface ExplainContext {
  input: RankInput;
  trustScale: number;
  similarScale: number;
  peerScale: number;
  easeScale: number;
  /** 0 when freshness is off or unknown. */
  freshBoost: number;
  freshHalfLifeDays: number;
  now: number;
}

interface Share {
  id: string;
  amount: number;
  picked: boolean;
}

/**
 * Reasons for one page from the terms recorded while scoring: one scan of flat arrays, so
 * explaining costs nothing like scoring. Reasons come strongest first and each names at most
 * five people or items, strongest first.
 */
export function explain(
  page: readonly number[],
  scores: Float64Array,
  scored: Scored,
  ctx: ExplainContext,
): Recommendation[] {
  const position = new Int32Array(scored.items.length).fill(-1);
  page.forEach((c, at) => {
    position[c] = at;
  });
  const people = page.map(() => new Map<number, Share>());
  const t = scored.trustTerms;
  for (let e = 0; e < t.length; e++) {
    const at = position[t.candidate[e] ?? 0] ?? -1;
    if (at < 0) continue;
    const p = t.owner[e] ?? 0;
    const byPerson = people[at];
    if (!byPerson) continue;
    let share = byPerson.get(p);
    if (!share) {
      share = { id: scored.people[p] ?? '', amount: 0, picked: false };
      byPerson.set(p, share);
    }
    share.amount += (t.amount[e] ?? 0) * (scored.personWeight[p] ?? 0) * ctx.trustScale;
    share.picked ||= t.picked[e] === 1;
  }
  const because = page.map((): Share[] => []);
  const u = scored.similarTerms;
  for (let e = 0; e < u.length; e++) {
    const at = position[u.candidate[e] ?? 0] ?? -1;
    if (at < 0) continue;
    const seed = scored.seeds[u.owner[e] ?? 0]?.[0] ?? '';
    because[at]?.push({ id: seed, amount: (u.amount[e] ?? 0) * ctx.similarScale, picked: false });
  }
  // EASE weights are reasons of the same kind: "because you play these".
  const r = scored.easeTerms;
  for (let e = 0; e < r.length; e++) {
    const at = position[r.candidate[e] ?? 0] ?? -1;
    if (at < 0) continue;
    const seed = scored.seeds[r.owner[e] ?? 0]?.[0] ?? '';
    because[at]?.push({ id: seed, amount: (r.amount[e] ?? 0) * ctx.easeScale, picked: false });
  }
  const peers = page.map((): Share[] => []);
  const q = scored.peerTerms;
  for (let e = 0; e < q.length; e++) {
    const at = position[q.candidate[e] ?? 0] ?? -1;
    if (at < 0) continue;
    const id = scored.peerPeople[q.owner[e] ?? 0] ?? '';
    peers[at]?.push({ id, amount: (q.amount[e] ?? 0) * ctx.peerScale, picked: false });
  }

  return page.map((c, at) => {
    const item = scored.items[c] ?? '';
    const weighted: { reason: Reason; amount: number }[] = [];
    const shares = [...(people[at]?.values() ?? [])].sort(byAmount);
    const direct = shares.filter((s) => ctx.input.trust.get(s.id)?.depth === 1);
    const nearby = shares.filter((s) => (ctx.input.trust.get(s.id)?.depth ?? 0) > 1);
    if (direct.length > 0) {
      weighted.push({
        reason: { kind: 'trusted', curators: names(direct), pickers: names(direct.filter((s) => s.picked)) },
        amount: total(direct),
      });
    }
    if (nearby.length > 0) {
      const via = [...new Set(nearby.map((s) => ctx.input.trust.get(s.id)?.via ?? s.id))].slice(0, MAX_NAMED);
      weighted.push({
        reason: {
          kind: 'trusted',
          curators: names(nearby),
          pickers: names(nearby.filter((s) => s.picked)),
          via,
        },
        amount: total(nearby),
      });
    }
    const seeds = (because[at] ?? []).sort(byAmount);
    if (seeds.length > 0)
      weighted.push({ reason: { kind: 'similar', items: names(seeds) }, amount: total(seeds) });
    const alike = (peers[at] ?? []).sort(byAmount);
    if (alike.length > 0)
      weighted.push({ reason: { kind: 'taste', people: names(alike) }, amount: total(alike) });
    weighted.sort((a, b) => b.amount - a.amount);
    const reasons = weighted.map((w) => w.reason);
    const published = ctx.freshBoost > 0 ? ctx.input.itemInfo?.(item)?.publishedAt : undefined;
    // "Fresh" only while the boost is at least half its full size.
    if (published !== undefined && ctx.now - published <= ctx.freshHalfLifeDays * DAY_MS) {
      reasons.push({ kind: 'fresh', publishedAt: published });
    }
    return { item, score: scores[c] ?? 0, reasons };
  });
}

function byAmount(a: Share, b: Share): number {
  return b.amount - a.amount || compareIds(a.id, b.id);
}

function names(shares: readonly Share[]): string[] {
  return shares.slice(0, MAX_NAMED).map((s) => s.id);
}

function total(shares: readonly Share[]): number {
  let sum = 0;
  for (const s of shares) sum += s.amount;
  return sum;
}
