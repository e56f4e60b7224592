import { useCallback, useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type Chart, type ChartEntry, type ChartWeeks, chartsApi } from '../api/charts.ts';
import { ApiError } from '../api/client.ts';
import { Button, StatusMessage } from '../components/feedback.tsx';
import { ShieldIcon } from '../components/icons.tsx';
import { formatDateTime } from '../lib/format.ts';
import { formatTimeLeft, useNow } from '../lib/use-now.ts';
import { weekLabel } from '../lib/weeks.ts';
import { ChartPlayButton, MovementBadge, WeekPicker } from './chart-parts.tsx';

export type ChartSource = { kind: 'rising' } | { kind: 'community'; slug: string; name: string };

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; chart: Chart };

const trackPath = (entry: ChartEntry) =>
  `/c/${encodeURIComponent(entry.communitySlug)}/music/t/${encodeURIComponent(entry.trackId)}`;

/** A weekly chart with its week picker: ranks and movement while open, counts once closed. */
export function ChartBoard({ source }: { source: ChartSource }) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('week');
  const pickerId = useId();
  const [weeks, setWeeks] = useState<ChartWeeks | null>(null);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const slug = source.kind === 'community' ? source.slug : null;

  useEffect(() => {
    chartsApi.weeks().then(setWeeks, () => setWeeks(null));
  }, []);

  const fetchChart = useCallback(async () => {
    try {
      const chart = slug ? await chartsApi.community(slug, asked) : await chartsApi.rising(asked);
      setLoad({ status: 'ready', chart });
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'The chart could not be loaded.',
      });
    }
  }, [slug, asked]);

  useEffect(() => {
    setLoad({ status: 'loading' });
    void fetchChart();
  }, [fetchChart]);

  const chart = load.status === 'ready' ? load.chart : null;
  const selected = asked ?? chart?.week ?? weeks?.open.week ?? '';

  return (
    <div className="chart-board">
      <div className="chart-board__bar">
        {weeks && selected ? (
          <WeekPicker
            id={pickerId}
            weeks={weeks}
            value={selected}
            onChange={(week) =>
              setParams(week === weeks.open.week ? {} : { week }, {
                replace: false,
                preventScrollReset: true,
              })
            }
          />
        ) : (
          <span />
        )}
        {chart ? <ChartStatus chart={chart} weeks={weeks} /> : null}
      </div>

      {load.status === 'loading' ? (
        <p className="muted-state panel" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the chart…
        </p>
      ) : load.status === 'failed' ? (
        <div className="panel muted-state">
          <StatusMessage notice={{ tone: 'error', text: load.message }} />
          <Button variant="secondary" size="sm" onClick={() => void fetchChart()}>
            Try again
          </Button>
        </div>
      ) : (
        <>
          {load.chart.corrections.length > 0 ? <Corrections chart={load.chart} /> : null}
          {load.chart.entries.length === 0 ? (
            <section className="empty-state" aria-labelledby={`${pickerId}-empty`}>
              <h2 id={`${pickerId}-empty`} className="empty-state__title">
                Nothing on the chart {load.chart.status === 'open' ? 'yet this week' : 'that week'}
              </h2>
              <p className="empty-state__text">
                Tracks chart when people listen for 30 seconds, download, buy or pick them.
                {source.kind === 'community' ? ` Only ${source.name}’s members count here.` : ''}
              </p>
            </section>
          ) : (
            <ChartEntries chart={load.chart} rising={source.kind === 'rising'} />
          )}
        </>
      )}
    </div>
  );
}

function ChartStatus({ chart, weeks }: { chart: Chart; weeks: ChartWeeks | null }) {
  const now = useNow(1000);
  if (chart.status === 'closed') {
    return (
      <p className="chart-status chart-status--closed">
        <span className="chart-status__pill">Final</span>
        <span>
          {chart.closedAt ? (
            <>
              Closed <time dateTime={chart.closedAt}>{formatDateTime(chart.closedAt)}</time>.{' '}
            </>
          ) : null}
          These are the published counts: supporters are people, points weigh each kind of support.
        </span>
      </p>
    );
  }
  const closesAt = weeks?.open.week === chart.week ? weeks.open.closesAt : null;
  return (
    <div className="chart-status chart-status--open">
      <span className="chart-status__pill">
        <span className="chart-status__dot" aria-hidden="true" /> Live
      </span>
      <p>
        Counts are published when the week closes, Monday 00:00 UTC
        {closesAt ? (
          <>
            {' '}
            — in <time dateTime={closesAt}>{formatTimeLeft(new Date(closesAt).getTime() - now)}</time>
          </>
        ) : null}
        . Until then only ranks and movement show: live counts make people back what already looks big.
      </p>
    </div>
  );
}

function Corrections({ chart }: { chart: Chart }) {
  return (
    <section className="chart-corrections" aria-labelledby="chart-corrections-title">
      <ShieldIcon className="icon chart-corrections__icon" />
      <div>
        <h2 id="chart-corrections-title" className="chart-corrections__title">
          {chart.corrections.length === 1 ? 'Corrected' : `Corrected ${chart.corrections.length} times`}
        </h2>
        <ul className="chart-corrections__list">
          {chart.corrections.map((c) => (
            <li key={c.revision}>
              Revision {c.revision}, <time dateTime={c.publishedAt}>{formatDateTime(c.publishedAt)}</time>:{' '}
              {c.reason}
            </li>
          ))}
        </ul>
        <p className="chart-corrections__note">The ranks below are the corrected ones.</p>
      </div>
    </section>
  );
}

function ChartEntries({ chart, rising }: { chart: Chart; rising: boolean }) {
  const closed = chart.status === 'closed';
  return (
    <ol className="chart-list" aria-label={`${rising ? 'Rising' : 'Chart'}, ${weekLabel(chart.week)}`}>
      {chart.entries.map((entry) => (
        <li key={entry.trackId} className={entry.rank <= 3 ? 'chart-row chart-row--top' : 'chart-row'}>
          <span className="chart-row__rank">
            <span className="visually-hidden">Number </span>
            {entry.rank}
          </span>
          <MovementBadge movement={entry.movement} moveBy={entry.moveBy} />
          <ChartPlayButton entry={entry} />
          <div className="chart-row__main">
            <Link to={trackPath(entry)} className="chart-row__title">
              {entry.title}
            </Link>
            <span className="chart-row__artist">
              {entry.artist}
              {rising ? (
                <>
                  <span aria-hidden="true"> · </span>
                  <Link to={`/c/${encodeURIComponent(entry.communitySlug)}`} className="chart-row__community">
                    c/{entry.communitySlug}
                  </Link>
                </>
              ) : null}
            </span>
          </div>
          <dl className="chart-row__stats">
            <div>
              <dt>Weeks</dt>
              <dd>{entry.weeksOnChart}</dd>
            </div>
            <div>
              <dt>Peak</dt>
              <dd>{entry.peak}</dd>
            </div>
            {closed && entry.supporters !== undefined ? (
              <div>
                <dt>Supporters</dt>
                <dd>{entry.supporters}</dd>
              </div>
            ) : null}
            {closed && entry.points !== undefined ? (
              <div>
                <dt>Points</dt>
                <dd>{formatPoints(entry.points)}</dd>
              </div>
            ) : null}
          </dl>
        </li>
      ))}
    </ol>
  );
}

const points = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const formatPoints = (value: number): string => points.format(value);
