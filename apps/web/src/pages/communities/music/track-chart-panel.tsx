import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import {
  type ChartBreakdown,
  type ChartName,
  type ChartRun,
  type ChartWeeks,
  chartsApi,
} from '../../../api/charts.ts';
import type { Track } from '../../../api/music.ts';
import { WeekPicker } from '../../../charts/chart-parts.tsx';
import { ChartRunPlot } from '../../../charts/chart-run-plot.tsx';
import { ShieldIcon } from '../../../components/icons.tsx';

const CHART_NAMES: Record<ChartName, string> = { community: 'Community chart', rising: 'Rising' };

/** The track's chart run on both charts, and for its team the reasons behind its rank. */
export function TrackChartPanel({ track }: { track: Track }) {
  const [runs, setRuns] = useState<ChartRun[] | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([chartsApi.run(track.id, 'community'), chartsApi.run(track.id, 'rising')]).then(
      (found) => {
        if (!cancelled) setRuns(found);
      },
      () => {
        if (!cancelled) setRuns([]);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [track.id]);

  const charted = runs?.filter((r) => r.weeks.length > 0) ?? [];
  return (
    <section className="panel track-charts" aria-labelledby="track-charts-title">
      <div className="panel__header">
        <h3 id="track-charts-title" className="panel__title">
          On the charts
        </h3>
        <p className="panel__lead">
          Its rank in each closed week.{' '}
          <Link to={`/c/${encodeURIComponent(track.communitySlug)}/chart`}>This week’s chart</Link> ·{' '}
          <Link to="/charts">Rising</Link>
        </p>
      </div>
      {runs === null ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading its chart run…
        </p>
      ) : charted.length === 0 ? (
        <p className="empty-line">Not on a closed chart yet. Charts close every Monday at 00:00 UTC.</p>
      ) : (
        <div className="track-charts__runs">
          {charted.map((run) => (
            <figure key={run.chart} className="track-charts__run">
              <figcaption className="track-charts__caption">
                <span>{CHART_NAMES[run.chart]}</span>
                <span className="track-charts__peak">
                  Peak {Math.min(...run.weeks.map((w) => w.rank))} · {run.weeks.length}{' '}
                  {run.weeks.length === 1 ? 'week' : 'weeks'}
                </span>
              </figcaption>
              <ChartRunPlot run={run} label={CHART_NAMES[run.chart]} />
            </figure>
          ))}
        </div>
      )}
      {track.canEdit ? <WhyThisRank track={track} /> : null}
    </section>
  );
}

/** For the team: how the rank was made, by kind of support; never who. */
function WhyThisRank({ track }: { track: Track }) {
  const id = useId();
  const [chart, setChart] = useState<ChartName>('community');
  const [weeks, setWeeks] = useState<ChartWeeks | null>(null);
  const [week, setWeek] = useState<string | null>(null);
  const [breakdown, setBreakdown] = useState<ChartBreakdown | null | 'failed'>(null);

  useEffect(() => {
    chartsApi.weeks().then(setWeeks, () => setWeeks(null));
  }, []);

  useEffect(() => {
    let cancelled = false;
    setBreakdown(null);
    chartsApi.breakdown(track.id, chart, week).then(
      (found) => {
        if (!cancelled) setBreakdown(found);
      },
      () => {
        if (!cancelled) setBreakdown('failed');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [track.id, chart, week]);

  const b = breakdown && breakdown !== 'failed' ? breakdown : null;
  return (
    <section className="why-rank" aria-labelledby={`${id}-title`}>
      <div className="why-rank__head">
        <div>
          <h4 id={`${id}-title`} className="why-rank__title">
            Why this rank
          </h4>
          <p className="why-rank__lead">
            <ShieldIcon className="icon why-rank__icon" />
            <span>Only the team sees this, and never who: how many people supported the track, by kind.</span>
          </p>
        </div>
        <div className="why-rank__controls">
          <fieldset className="segmented chart-toggle">
            <legend className="visually-hidden">Chart</legend>
            {(['community', 'rising'] as const).map((name) => (
              <button
                key={name}
                type="button"
                className={
                  chart === name ? 'chart-toggle__option chart-toggle__option--on' : 'chart-toggle__option'
                }
                aria-pressed={chart === name}
                onClick={() => setChart(name)}
              >
                {CHART_NAMES[name]}
              </button>
            ))}
          </fieldset>
          {weeks ? (
            <WeekPicker
              id={`${id}-week`}
              weeks={weeks}
              value={week ?? b?.week ?? weeks.open.week}
              onChange={setWeek}
            />
          ) : null}
        </div>
      </div>
      {breakdown === null ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Counting…
        </p>
      ) : breakdown === 'failed' || !b ? (
        <p className="empty-line">The breakdown could not be loaded.</p>
      ) : (
        <>
          <p className="why-rank__summary">
            {b.rank === null ? (
              <>Not ranked {b.status === 'open' ? 'this week so far' : 'that week'}.</>
            ) : (
              <>
                Number <strong>{b.rank}</strong> {b.status === 'open' ? 'so far this week' : 'that week'},
                from <strong>{b.supporters}</strong> {b.supporters === 1 ? 'supporter' : 'supporters'} and{' '}
                {formatPoints(b.points)} points.
              </>
            )}
          </p>
          <dl className="why-rank__grid">
            <Stat label="Listens" value={b.byKind.listen} />
            <Stat label="Downloads" value={b.byKind.download} />
            <Stat label="Purchases" value={b.byKind.purchase} />
            <Stat label="Picks" value={b.byKind.pick} />
          </dl>
          <ul className="why-rank__rules">
            <li>
              <strong>{b.discounted}</strong> from accounts under 7 days old, counted at half weight
            </li>
            <li>
              <strong>{b.fresh}</strong> {b.fresh === 1 ? 'supporter' : 'supporters'} with an account under 48
              hours old
            </li>
            <li>
              <strong>{b.voided}</strong> left out from accounts an admin voided
            </li>
            <li>
              <strong>{b.team}</strong> left out from the team itself
            </li>
          </ul>
        </>
      )}
    </section>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="why-rank__stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

const pointsFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const formatPoints = (value: number): string => pointsFormat.format(value);
