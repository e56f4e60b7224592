/**
 * ISO weeks ("2026-W49") as the charts count them: Monday 00:00 UTC to the next Monday. Only for
 * showing dates and spacing a chart run; the server decides which week is open.
 */

const DAY_MS = 86_400_000;
const WEEK = /^(\d{4})-W(\d{2})$/;

/** The Monday 00:00 UTC a week starts, or null for text that is not an ISO week. */
export function weekStart(week: string): Date | null {
  const match = WEEK.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const number = Number(match[2]);
  // Week 1 is the one holding 4 January.
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Day = (new Date(jan4).getUTCDay() + 6) % 7;
  return new Date(jan4 - jan4Day * DAY_MS + (number - 1) * 7 * DAY_MS);
}

/** How many weeks lie from one week to another (negative when `to` is earlier). */
export function weeksApart(from: string, to: string): number {
  const a = weekStart(from);
  const b = weekStart(to);
  if (!a || !b) return 0;
  return Math.round((b.getTime() - a.getTime()) / (7 * DAY_MS));
}

/** The ISO week a moment falls in. */
export function isoWeekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7;
  // The Thursday of this week decides the year.
  day.setUTCDate(day.getUTCDate() - weekday + 3);
  const year = day.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const number = 1 + Math.round((day.getTime() - firstThursday.getTime()) / (7 * DAY_MS));
  return `${year}-W${String(number).padStart(2, '0')}`;
}

/** The week `count` weeks after this one. */
export function addWeeks(week: string, count: number): string {
  const start = weekStart(week);
  return start ? isoWeekOf(new Date(start.getTime() + count * 7 * DAY_MS)) : week;
}

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "Week 49 · 30 Nov – 6 Dec 2026". */
export function weekLabel(week: string): string {
  const start = weekStart(week);
  const match = WEEK.exec(week);
  if (!start || !match) return week;
  const end = new Date(start.getTime() + 6 * DAY_MS);
  return `Week ${Number(match[2])} · ${dayRange(start, end)} ${match[1]}`;
}

/** "30 Nov – 6 Dec", the days a week covers. */
export function weekDays(week: string): string {
  const start = weekStart(week);
  return start ? dayRange(start, new Date(start.getTime() + 6 * DAY_MS)) : week;
}

function dayRange(start: Date, end: Date): string {
  return `${dayMonth.format(start)} – ${dayMonth.format(end)}`;
}

/** "W49", for the axis of a small plot. */
export const shortWeek = (week: string): string => week.replace(/^\d{4}-/, '');
