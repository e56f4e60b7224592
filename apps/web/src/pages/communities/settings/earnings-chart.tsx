import type { EarningsPeriod } from '../../../api/billing.ts';
import { formatMoney } from '../../../lib/money.ts';

/** "2026-12" → "Dec 2026", read as UTC like the server's months. */
export function monthLabel(month: string, style: 'short' | 'long' = 'short'): string {
  const [year, mon] = month.split('-').map(Number);
  if (!year || !mon) return month;
  return new Intl.DateTimeFormat(undefined, { month: style, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, mon - 1, 1)),
  );
}

/** The `count` months after "YYYY-MM", as "YYYY-MM". */
function monthsAfter(month: string | undefined, count: number): string[] {
  const [year, mon] = (month ?? '').split('-').map(Number);
  if (!year || !mon) return [];
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(year, mon + i, 1));
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** Room for at least this many months, so one month is a bar, not a slab across the page. */
const MIN_SLOTS = 6;

/**
 * Gross per month as bars, the artist's share drawn inside each: plain SVG stretched to the width
 * (so it reads on a phone too), with the month labels as text beneath it rather than inside the
 * stretched drawing. The picture is hidden from screen readers, which get the numbers as a list.
 */
export function EarningsChart({ periods, currency }: { periods: EarningsPeriod[]; currency: string }) {
  // Oldest on the left, as a timeline reads; the last twelve months are enough to see a trend.
  const months = periods
    .filter((p) => p.currency === currency)
    .slice(0, 12)
    .reverse();
  const slots = Math.max(months.length, MIN_SLOTS);
  const top = Math.max(1, ...months.map((p) => p.grossMinor));
  const scale = (minor: number) => (minor / top) * 96;
  const titleId = `earnings-chart-${currency}`;
  return (
    <figure className="earnings-chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="earnings-chart__caption">
        Gross and your share per month, {currency}
        <span className="earnings-chart__legend" aria-hidden="true">
          <span className="earnings-chart__key earnings-chart__key--gross" /> Gross
          <span className="earnings-chart__key earnings-chart__key--share" /> Your share
        </span>
      </figcaption>
      <div className="earnings-chart__plot" aria-hidden="true">
        <svg
          className="earnings-chart__svg"
          viewBox={`0 0 ${slots * 100} 100`}
          preserveAspectRatio="none"
          aria-hidden="true"
          focusable="false"
        >
          {months.map((p, index) => {
            const gross = scale(p.grossMinor);
            const share = scale(p.artistShareMinor);
            return (
              <g key={p.month}>
                <rect
                  className="earnings-chart__gross"
                  x={index * 100 + 20}
                  y={100 - gross}
                  width="60"
                  height={gross}
                />
                <rect
                  className="earnings-chart__share"
                  x={index * 100 + 32}
                  y={100 - share}
                  width="36"
                  height={share}
                />
              </g>
            );
          })}
        </svg>
        {/* The months still to come fill the empty slots, so each label stays under its bar. */}
        <ol className="earnings-chart__months">
          {months.map((p) => (
            <li key={p.month}>
              <span>{monthLabel(p.month)}</span>
              <strong>{formatMoney(p.grossMinor, currency)}</strong>
            </li>
          ))}
          {monthsAfter(months.at(-1)?.month, slots - months.length).map((month) => (
            <li key={month} />
          ))}
        </ol>
      </div>
      <ul className="visually-hidden">
        {months.map((p) => (
          <li key={p.month}>
            {monthLabel(p.month, 'long')}: gross {formatMoney(p.grossMinor, currency)}, your share{' '}
            {formatMoney(p.artistShareMinor, currency)}.
          </li>
        ))}
      </ul>
    </figure>
  );
}
