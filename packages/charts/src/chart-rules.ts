/**
 * The chart maths, free of I/O: what counts, what it weighs, and how entries are ordered. The
 * store computes the same thing in SQL over millions of events; a test holds the two equal.
 *
 * - One fan, one voice: per ISO week an account counts once per track and event type, and the
 *   price paid never multiplies a purchase.
 * - The track's own team (owner, moderators) and voided accounts never count.
 * - An account younger than 7 days at the time of its support counts half. Points are kept in
 *   halves (`points2`) so every sum stays an integer.
 * - Ranking: more points first; then more supporters; then more supporters who are not new
 *   accounts; then the track id, so the order is total and the same on every machine.
 */
export const CHART_EVENT_KINDS = ['listen', 'download', 'purchase', 'pick'] as const;
export type ChartEventKind = (typeof CHART_EVENT_KINDS)[number];
export type Weights = Readonly<Record<ChartEventKind, number>>;

export const YOUNG_ACCOUNT_MS = 7 * 86_400_000;
export const FRESH_ACCOUNT_MS = 48 * 3_600_000;
/** Below this many supporters a fresh-account share says nothing. */
export const FLAG_MIN_SUPPORTERS = 5;

export interface SupportEvent {
  trackId: string;
  userId: string;
  kind: ChartEventKind;
  at: Date;
  accountCreatedAt: Date;
  /** The user is an owner or moderator of the track's community. */
  team: boolean;
  voided: boolean;
}

export interface Tally {
  trackId: string;
  /** Points × 2. */
  points2: number;
  supporters: number;
  /** Counted supporters per event type. */
  byKind: Record<ChartEventKind, number>;
  /** Counted events from accounts younger than 7 days (they weigh half). */
  discounted: number;
  /** Supporters whose account was under 48 hours old when they first supported the track this week. */
  fresh: number;
  /** Events left out: voided accounts, and the track's own team. */
  voided: number;
  team: number;
}

const key = (e: { trackId: string; userId: string; kind: string }) =>
  `${e.trackId}\u0000${e.userId}\u0000${e.kind}`;

function emptyTally(trackId: string): Tally {
  return {
    trackId,
    points2: 0,
    supporters: 0,
    byKind: { listen: 0, download: 0, purchase: 0, pick: 0 },
    discounted: 0,
    fresh: 0,
    voided: 0,
    team: 0,
  };
}

/** The week's tallies per track, from raw support events (repeats allowed; they never add). */
export function tally(events: Iterable<SupportEvent>, weights: Weights): Map<string, Tally> {
  const first = new Map<string, SupportEvent>();
  for (const e of events) {
    const k = key(e);
    const seen = first.get(k);
    if (!seen || e.at < seen.at) first.set(k, e);
  }
  const tallies = new Map<string, Tally>();
  const supporters = new Map<string, Map<string, number>>();
  for (const e of first.values()) {
    let t = tallies.get(e.trackId);
    if (!t) {
      t = emptyTally(e.trackId);
      tallies.set(e.trackId, t);
    }
    if (e.voided) {
      t.voided++;
      continue;
    }
    if (e.team) {
      t.team++;
      continue;
    }
    const age = e.at.getTime() - e.accountCreatedAt.getTime();
    const young = age < YOUNG_ACCOUNT_MS;
    t.points2 += weights[e.kind] * (young ? 1 : 2);
    if (young) t.discounted++;
    t.byKind[e.kind]++;
    let people = supporters.get(e.trackId);
    if (!people) {
      people = new Map();
      supporters.set(e.trackId, people);
    }
    const earliest = people.get(e.userId);
    if (earliest === undefined || age < earliest) people.set(e.userId, age);
  }
  for (const [trackId, people] of supporters) {
    const t = tallies.get(trackId) as Tally;
    t.supporters = people.size;
    // The age at the first support of the week is the smallest one.
    t.fresh = [...people.values()].filter((age) => age < FRESH_ACCOUNT_MS).length;
  }
  return tallies;
}

/** The documented total order: points, supporters, established supporters, then track id. */
export function compareTallies(a: Tally, b: Tally): number {
  return (
    b.points2 - a.points2 ||
    b.supporters - a.supporters ||
    b.supporters - b.fresh - (a.supporters - a.fresh) ||
    (a.trackId < b.trackId ? -1 : a.trackId > b.trackId ? 1 : 0)
  );
}

/** The chart: tracks with points, best first, numbered 1..n, at most `length` of them. */
export function rankTallies(tallies: Iterable<Tally>, length: number): (Tally & { rank: number })[] {
  return [...tallies]
    .filter((t) => t.points2 > 0)
    .sort(compareTallies)
    .slice(0, length)
    .map((t, i) => ({ ...t, rank: i + 1 }));
}

/** Too many brand-new accounts behind one entry: an instance admin should look. */
export function isFlagged(t: Pick<Tally, 'supporters' | 'fresh'>, share: number): boolean {
  return t.supporters >= FLAG_MIN_SUPPORTERS && t.fresh / t.supporters > share;
}
