import { useId } from 'react';
import type { ChartRun } from '../api/charts.ts';
import { shortWeek, weeksApart } from '../lib/weeks.ts';

const WIDTH = 320;
const HEIGHT = 132;
const PAD = { top: 14, right: 14, bottom: 24, left: 30 };

/**
 * A track's chart run as a small line, rank 1 at the top. Weeks off the chart break the line,
 * so a re-entry reads as one.
 */
export function ChartRunPlot({ run, label }: { run: ChartRun; label: string }) {
  const titleId = useId();
  const weeks = run.weeks;
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last) return null;
  const span = Math.max(1, weeksApart(first.week, last.week));
  const deepest = Math.max(5, ...weeks.map((w) => w.rank));
  const peak = Math.min(...weeks.map((w) => w.rank));
  const x = (week: string) =>
    PAD.left + (weeksApart(first.week, week) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (rank: number) => PAD.top + ((rank - 1) / (deepest - 1)) * (HEIGHT - PAD.top - PAD.bottom);
  // One polyline per run of consecutive weeks.
  const segments: { week: string; rank: number }[][] = [];
  for (const point of weeks) {
    const current = segments.at(-1);
    const before = current?.at(-1);
    if (current && before && weeksApart(before.week, point.week) === 1) current.push(point);
    else segments.push([point]);
  }
  const ticks = [1, Math.ceil(deepest / 2), deepest].filter((v, i, all) => all.indexOf(v) === i);
  const summary = `${label}: ${weeks.length} ${weeks.length === 1 ? 'week' : 'weeks'} on the chart, peak ${peak}, last at ${last.rank} in ${last.week}.`;
  const showSingle = weeks.length === 1;

  return (
    <svg
      className="chart-run"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={titleId}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={titleId}>{summary}</title>
      {ticks.map((rank) => (
        <g key={rank} className="chart-run__grid">
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(rank)} y2={y(rank)} />
          <text x={PAD.left - 8} y={y(rank)} dy="0.35em" textAnchor="end">
            {rank}
          </text>
        </g>
      ))}
      {segments.map((segment) => (
        <polyline
          key={segment[0]?.week}
          className="chart-run__line"
          points={segment.map((p) => `${x(p.week)},${y(p.rank)}`).join(' ')}
        />
      ))}
      {weeks.map((p) => (
        <circle
          key={p.week}
          className={p.rank === peak ? 'chart-run__dot chart-run__dot--peak' : 'chart-run__dot'}
          cx={showSingle ? WIDTH / 2 : x(p.week)}
          cy={y(p.rank)}
          r={p.rank === peak ? 4.5 : 3.5}
        />
      ))}
      <text
        className="chart-run__axis"
        x={showSingle ? WIDTH / 2 : PAD.left}
        y={HEIGHT - 6}
        textAnchor={showSingle ? 'middle' : 'start'}
      >
        {shortWeek(first.week)}
      </text>
      {showSingle ? null : (
        <text className="chart-run__axis" x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end">
          {shortWeek(last.week)}
        </text>
      )}
    </svg>
  );
}
