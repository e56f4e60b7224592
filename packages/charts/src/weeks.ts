import { isoWeek } from '@coterie/music';

/** ISO 8601 weeks in UTC (`2026-W49`): charts open and close on them, Monday 00:00 to Monday 00:00. */
export const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const WEEK_MS = 7 * 86_400_000;

export { isoWeek };

/** Monday 00:00 UTC of a week, or null when the text is not a real ISO week. */
export function weekStart(week: string): Date | null {
  const match = WEEK_PATTERN.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const n = Number(match[2]);
  if (n < 1 || n > 53) return null;
  // 4 January is always in week 1; its Monday starts week 1.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000);
  const start = new Date(monday.getTime() + (n - 1) * WEEK_MS);
  return isoWeek(start) === week ? start : null;
}

export function weekBounds(week: string): { start: Date; end: Date } | null {
  const start = weekStart(week);
  return start ? { start, end: new Date(start.getTime() + WEEK_MS) } : null;
}

export function nextWeek(week: string): string {
  const start = weekStart(week);
  if (!start) throw new RangeError(`not an ISO week: ${week}`);
  return isoWeek(new Date(start.getTime() + WEEK_MS));
}

export function previousWeek(week: string): string {
  const start = weekStart(week);
  if (!start) throw new RangeError(`not an ISO week: ${week}`);
  return isoWeek(new Date(start.getTime() - WEEK_MS));
}

/** The weeks from `from` up to and including `to`, oldest first (empty when `from` is later). */
export function weeksBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let w = from; w <= to && out.length < 10_000; w = nextWeek(w)) out.push(w);
  return out;
}
