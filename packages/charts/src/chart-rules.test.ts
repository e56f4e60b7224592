import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHART_EVENT_KINDS,
  FRESH_ACCOUNT_MS,
  isFlagged,
  rankTallies,
  type SupportEvent,
  type Tally,
  tally,
  type Weights,
  YOUNG_ACCOUNT_MS,
} from './chart-rules.ts';
import { movementOf } from './movement.ts';
import { nextWeek, previousWeek, weekBounds, weekStart, weeksBetween } from './weeks.ts';

const WEIGHTS: Weights = { purchase: 4, pick: 3, download: 2, listen: 1 };
const NOW = Date.UTC(2026, 11, 2);
const DAY = 86_400_000;

const event = (over: Partial<SupportEvent> = {}): SupportEvent => ({
  trackId: 't1',
  userId: 'u1',
  kind: 'listen',
  at: new Date(NOW),
  accountCreatedAt: new Date(NOW - 30 * DAY),
  team: false,
  voided: false,
  ...over,
});

const arbEvent = fc.record({
  trackId: fc.constantFrom('t1', 't2', 't3', 't4'),
  userId: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'),
  kind: fc.constantFrom(...CHART_EVENT_KINDS),
  at: fc.integer({ min: 0, max: 6 * DAY }).map((ms) => new Date(NOW + ms)),
  accountCreatedAt: fc.integer({ min: 0, max: 40 * DAY }).map((ms) => new Date(NOW - ms)),
  team: fc.boolean(),
  voided: fc.boolean(),
});
// One account is one account: its creation date and team role do not change between its events.
const consistent = (events: SupportEvent[]): SupportEvent[] => {
  const users = new Map<string, SupportEvent>();
  return events.map((e) => {
    const first = users.get(e.userId) ?? e;
    users.set(e.userId, first);
    return {
      ...e,
      accountCreatedAt: first.accountCreatedAt,
      voided: first.voided,
      team: first.team && e.trackId === 't1',
    };
  });
};
const arbEvents = fc.array(arbEvent, { maxLength: 60 }).map(consistent);

describe('tally', () => {
  it('weighs each kind once per account and track, whatever was paid or repeated', () => {
    const t = tally(
      [event(), event(), event({ kind: 'purchase' }), event({ kind: 'purchase', at: new Date(NOW + DAY) })],
      WEIGHTS,
    ).get('t1');
    expect(t).toMatchObject({ points2: (1 + 4) * 2, supporters: 1, byKind: { listen: 1, purchase: 1 } });
  });

  it('counts accounts younger than 7 days half, and notes those under 48 hours', () => {
    const young = new Date(NOW - YOUNG_ACCOUNT_MS + 1000);
    const fresh = new Date(NOW - FRESH_ACCOUNT_MS + 1000);
    const t = tally(
      [
        event({ userId: 'old' }),
        event({ userId: 'young', accountCreatedAt: young }),
        event({ userId: 'fresh', accountCreatedAt: fresh }),
      ],
      WEIGHTS,
    ).get('t1');
    expect(t).toMatchObject({ points2: 2 + 1 + 1, supporters: 3, discounted: 2, fresh: 1 });
  });

  it('leaves out the team and voided accounts, counting them apart', () => {
    const t = tally(
      [event({ team: true }), event({ userId: 'u2', voided: true }), event({ userId: 'u3' })],
      WEIGHTS,
    ).get('t1');
    expect(t).toMatchObject({ points2: 2, supporters: 1, team: 1, voided: 1 });
  });

  it('property: repeats in a week never add', () => {
    fc.assert(
      fc.property(arbEvents, fc.array(fc.nat(), { maxLength: 30 }), (events, picks) => {
        const repeats = picks
          .filter(() => events.length > 0)
          .map((i) => {
            const e = events[i % events.length] as SupportEvent;
            return { ...e, at: new Date(e.at.getTime() + 1000) };
          });
        expect(tally([...events, ...repeats], WEIGHTS)).toEqual(tally(events, WEIGHTS));
      }),
    );
  });

  it('property: team and voided events never count', () => {
    fc.assert(
      fc.property(arbEvents, (events) => {
        const honest = events.filter((e) => !e.team && !e.voided);
        const strip = (m: Map<string, Tally>) =>
          [...m.values()]
            .filter((t) => t.supporters > 0)
            .sort((a, b) => (a.trackId < b.trackId ? -1 : 1))
            .map(({ team, voided, ...rest }) => rest);
        expect(strip(tally(events, WEIGHTS))).toEqual(strip(tally(honest, WEIGHTS)));
      }),
    );
  });

  it('property: the published counts add up to the events that qualify', () => {
    fc.assert(
      fc.property(arbEvents, (events) => {
        const qualifying = new Map<string, SupportEvent>();
        for (const e of events) {
          if (e.team || e.voided) continue;
          const k = `${e.trackId}|${e.userId}|${e.kind}`;
          const seen = qualifying.get(k);
          if (!seen || e.at < seen.at) qualifying.set(k, e);
        }
        const tallies = [...tally(events, WEIGHTS).values()];
        const counted = tallies.reduce((n, t) => n + Object.values(t.byKind).reduce((a, b) => a + b, 0), 0);
        expect(counted).toBe(qualifying.size);
        const expected = [...qualifying.values()].reduce(
          (n, e) =>
            n + WEIGHTS[e.kind] * (e.at.getTime() - e.accountCreatedAt.getTime() < YOUNG_ACCOUNT_MS ? 1 : 2),
          0,
        );
        expect(tallies.reduce((n, t) => n + t.points2, 0)).toBe(expected);
        const people = new Set([...qualifying.values()].map((e) => `${e.trackId}|${e.userId}`));
        expect(tallies.reduce((n, t) => n + t.supporters, 0)).toBe(people.size);
      }),
    );
  });
});

describe('rankTallies', () => {
  it('property: the same chart whatever order the events came in', () => {
    fc.assert(
      fc.property(arbEvents, fc.integer({ min: 1, max: 10 }), (events, length) => {
        const reversed = [...events].reverse();
        const a = rankTallies(tally(events, WEIGHTS).values(), length);
        const b = rankTallies(tally(reversed, WEIGHTS).values(), length);
        expect(b).toEqual(a);
        expect(a.map((e) => e.rank)).toEqual(a.map((_, i) => i + 1));
        for (let i = 1; i < a.length; i++)
          expect((a[i - 1] as { points2: number }).points2).toBeGreaterThanOrEqual(
            (a[i] as { points2: number }).points2,
          );
      }),
    );
  });

  it('breaks ties by supporters, then established supporters, then track id', () => {
    const base = {
      byKind: { listen: 0, download: 0, purchase: 0, pick: 0 },
      discounted: 0,
      voided: 0,
      team: 0,
    };
    const ranked = rankTallies(
      [
        { ...base, trackId: 'b', points2: 8, supporters: 2, fresh: 0 },
        { ...base, trackId: 'a', points2: 8, supporters: 2, fresh: 0 },
        { ...base, trackId: 'c', points2: 8, supporters: 2, fresh: 1 },
        { ...base, trackId: 'd', points2: 8, supporters: 3, fresh: 3 },
        { ...base, trackId: 'e', points2: 0, supporters: 0, fresh: 0 },
      ],
      10,
    );
    expect(ranked.map((t) => t.trackId)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('flags an entry carried by brand-new accounts', () => {
    expect(isFlagged({ supporters: 10, fresh: 6 }, 0.5)).toBe(true);
    expect(isFlagged({ supporters: 10, fresh: 5 }, 0.5)).toBe(false);
    expect(isFlagged({ supporters: 4, fresh: 4 }, 0.5)).toBe(false);
  });
});

describe('movement', () => {
  it('tells new, re-entry, up, down and same, with weeks on chart and peak', () => {
    expect(movementOf(5, { previousRank: null, weeksBefore: 0, peakBefore: null })).toEqual({
      movement: 'new',
      by: 0,
      weeksOnChart: 1,
      peak: 5,
    });
    expect(movementOf(5, { previousRank: null, weeksBefore: 2, peakBefore: 3 })).toMatchObject({
      movement: 're-entry',
      weeksOnChart: 3,
      peak: 3,
    });
    expect(movementOf(2, { previousRank: 7, weeksBefore: 1, peakBefore: 7 })).toEqual({
      movement: 'up',
      by: 5,
      weeksOnChart: 2,
      peak: 2,
    });
    expect(movementOf(9, { previousRank: 7, weeksBefore: 1, peakBefore: 7 })).toMatchObject({
      movement: 'down',
      by: 2,
    });
    expect(movementOf(7, { previousRank: 7, weeksBefore: 1, peakBefore: 7 })).toMatchObject({
      movement: 'same',
      by: 0,
    });
  });
});

describe('weeks', () => {
  it('reads ISO weeks, including week 53 and the year boundary', () => {
    expect(weekStart('2026-W49')?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weekStart('2020-W53')?.toISOString()).toBe('2020-12-28T00:00:00.000Z');
    expect(weekStart('2026-W53')?.toISOString()).toBe('2026-12-28T00:00:00.000Z');
    expect(weekStart('2025-W53')).toBeNull();
    expect(weekStart('2026-W00')).toBeNull();
    expect(weekStart('2026-49')).toBeNull();
    expect(weekBounds('2027-W01')?.start.toISOString()).toBe('2027-01-04T00:00:00.000Z');
    expect(nextWeek('2026-W52')).toBe('2026-W53');
    expect(nextWeek('2026-W53')).toBe('2027-W01');
    expect(previousWeek('2027-W01')).toBe('2026-W53');
    expect(weeksBetween('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  });
});
