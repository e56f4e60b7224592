// Charts (issue 7) on PostgreSQL: closing a week of 1 000 000 and of 10 000 000 support events
// (listens, downloads, picks, purchases in one ISO week) through the real CloseService — its time,
// this process's peak RSS, the database backends' peak private memory and temp bytes — and the open
// week's chart queries (Rising and one community uncached, the cached path, a new process reading
// the stored snapshot), beside a bare `select 1` measured in the same run, with the growth ×10. Needs DATABASE_URL (a scratch database is made and
// dropped; BENCH_CHARTS_KEEP=1 keeps it and prints its URL, BENCH_CHARTS_EXPLAIN=1 prints the plan of
// the large Rising tally, BENCH_CHARTS_RUNS sets the open-week runs, 30, within BENCH_CHARTS_BUDGET_S).
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAccounts } from '@coterie/accounts';
import { ChartService, type ChartsCapability, createCharts, isoWeek, weekBounds } from '@coterie/charts';
import type { ChartView } from '@coterie/charts/chart-service';
import { SnapshotStore } from '@coterie/charts/snapshot-store';
import { ChartsStore } from '@coterie/charts/store';
import { tallySql } from '@coterie/charts/tally-query';
import { createCommunities } from '@coterie/communities';
import { createJobQueue } from '@coterie/jobs';
import { type AppContext, loadConfig } from '@coterie/platform';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { createContext } from '../apps/server/src/context.ts';
import { ChartsData, SHAPE, TRACKS } from './charts-data.ts';
import { mb, ms, percentile, printTable, ratio } from './measure.ts';
import { createScratchDatabase } from './support.ts';

const RUNS = Number(process.env.BENCH_CHARTS_RUNS ?? 30);
/** Past this, a query stops at 5 runs or when the budget is spent (BENCH_CHARTS_BUDGET_S, 90). */
const BUDGET_MS = Number(process.env.BENCH_CHARTS_BUDGET_S ?? 90) * 1000;
const DAY = 86_400_000;
const spaced = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ' ');
const SIZES = [
  { label: `${spaced(SHAPE.events / 10)} events`, fraction: [0, 0.1] as [number, number] },
  { label: `${spaced(SHAPE.events)} events`, fraction: [0.1, 1] as [number, number] },
];

interface Timing {
  p50: number;
  p95: number;
  runs: number;
}

/** `runs` timed runs after the warm-up, fewer (never under 5) once they have taken BUDGET_MS. */
async function times(work: () => Promise<unknown>, runs = RUNS, warmUp = 2): Promise<Timing> {
  for (let i = 0; i < warmUp; i++) await work();
  const samples: number[] = [];
  const until = performance.now() + BUDGET_MS;
  for (let i = 0; i < runs && (i < 5 || performance.now() < until); i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs: samples.length };
}

/** This process's resident set high-water mark (Linux), reset first when `reset`. */
function peakRss(reset = false): number {
  if (reset) {
    try {
      writeFileSync('/proc/self/clear_refs', '5');
    } catch {}
  }
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * Samples every 50 ms, while `work` runs: this process's RSS, and the summed private (anonymous)
 * memory of the scratch database's backends and parallel workers — sort and hash memory, not the
 * shared buffers every backend maps. Also the database's temp bytes written meanwhile.
 */
async function sampled<T>(
  stats: pg.Client,
  work: () => Promise<T>,
): Promise<{
  value: T;
  ms: number;
  rssBefore: number;
  rss: number;
  pgAnon: number | null;
  tempBytes: number;
}> {
  const temp = async () =>
    Number(
      (await stats.query('select temp_bytes from pg_stat_database where datname = current_database()'))
        .rows[0].temp_bytes,
    );
  const tempBefore = await temp();
  globalThis.gc?.();
  peakRss(true);
  const rssBefore = process.memoryUsage.rss();
  let rss = rssBefore;
  let pgAnon: number | null = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      rss = Math.max(rss, process.memoryUsage.rss());
      const pids = (
        await stats.query(
          `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
        )
      ).rows.map((r) => r.pid as number);
      let sum = 0;
      try {
        for (const pid of pids) {
          const status = readFileSync(`/proc/${pid}/status`, 'utf8');
          sum += Number(/^RssAnon:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
        }
        if (pgAnon !== null) pgAnon = Math.max(pgAnon, sum);
      } catch (error) {
        // A backend gone between the list and the read; or a database on another machine.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') pgAnon = null;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  const value = await work();
  const elapsed = performance.now() - started;
  sampling = false;
  await sampler;
  rss = Math.max(rss, peakRss());
  // The closing backend reports its temp files when its transaction ends; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { value, ms: elapsed, rssBefore, rss, pgAnon, tempBytes: (await temp()) - tempBefore };
}

interface SizeResult {
  label: string;
  counts: { trackEvents: number; picks: number; purchases: number };
  generatedMs: number;
  bare: Timing;
  rising: Timing;
  community: Timing;
  cached: Timing;
  stored: Timing;
  writes: { kept: number[]; bare: number[] };
  close: {
    ms: number;
    rssBefore: number;
    rss: number;
    pgAnon: number | null;
    tempBytes: number;
    charts: number;
    entries: number;
  };
  again: { ms: number; closed: boolean };
}

export async function benchCharts(): Promise<boolean> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log('\ncharts: needs DATABASE_URL (PostgreSQL); skipped.');
    return true;
  }
  const keep = process.env.BENCH_CHARTS_KEEP === '1';
  const scratch = await createScratchDatabase(adminUrl);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'coterie-bench-charts-'));
  // The week that ended last Sunday; the clock moves inside it (open) and past its end (close).
  const week = isoWeek(new Date(Date.now() - 7 * DAY));
  const bounds = weekBounds(week) as { start: Date; end: Date };
  let now = new Date(bounds.start.getTime() + 6.5 * DAY);
  let ctx: AppContext | null = null;
  const stats = new pg.Client({ connectionString: scratch.url });
  try {
    const config = loadConfig({
      DATABASE_URL: scratch.url,
      COTERIE_DATA_DIR: dataDir,
      COTERIE_DEMO: 'false',
      LOG_LEVEL: 'warn',
    });
    ctx = await createContext(config, { clock: () => now });
    const communities = createCommunities(ctx, createAccounts(ctx).service);
    const charts: ChartsCapability = createCharts(ctx, { communities, jobs: createJobQueue(ctx) });
    await stats.connect();
    console.log(
      `\ncharts: ${week}; ${SHAPE.users} people, ${SHAPE.communities} communities, ${TRACKS} tracks` +
        (keep ? `; scratch database kept: ${scratch.url}` : ''),
    );
    const data = await ChartsData.open(scratch.url, bounds.start, (line) => console.log(line));
    const results: SizeResult[] = [];
    try {
      let t = performance.now();
      console.log('Generating the population and staging the large week:');
      await data.population();
      const populationMs = performance.now() - t;
      const db = ctx.db;
      const largest = {
        kind: 'community' as const,
        communityId: (await stats.query(`select id from communities where slug = 'artist-0'`)).rows[0]
          .id as string,
        slug: 'artist-0',
      };
      for (const size of SIZES) {
        console.log(`Loading ${size.label}:`);
        t = performance.now();
        await data.load(size.fraction);
        const generatedMs = performance.now() - t + (results.length === 0 ? populationMs : 0);
        const inWeek = `created_at >= '${bounds.start.toISOString()}' and created_at < '${bounds.end.toISOString()}'`;
        const counts = {
          trackEvents: await data.count(`select count(*) as n from track_events where week = '${week}'`),
          picks: await data.count(`select count(*) as n from picks where ${inWeek}`),
          purchases: await data.count(`select count(*) as n from purchases where ${inWeek}`),
        };
        // The open week: Sunday noon.
        now = new Date(bounds.start.getTime() + 6.5 * DAY);
        await charts.charts.invalidate();
        const bare = await times(() => db.execute(sql`select 1`), 200, 20);
        console.log('  open week: Rising…');
        const rising = await times(() => charts.charts.rank({ kind: 'rising' }, week), RUNS, 1);
        console.log('  open week: the largest community…');
        const community = await times(() => charts.charts.rank(largest, week), RUNS, 1);
        const cached = await times(() => charts.charts.chart({ kind: 'rising' }, week), 200, 1);
        // What another process, or this one after a restart, does: nothing in memory, the snapshot read.
        const fresh = () =>
          new ChartService(
            ctx as AppContext,
            new ChartsStore(db),
            communities.communities,
            new SnapshotStore<ChartView>(db),
          );
        const stored = await times(() => fresh().chart({ kind: 'rising' }, week), 200, 1);
        if (process.env.BENCH_CHARTS_EXPLAIN === '1' && size === SIZES.at(-1)) {
          const query = new PgDialect().sqlToQuery(
            tallySql(
              { week, ...bounds },
              { kind: 'rising', maxListeners: config.charts.risingMaxListeners },
              config.charts.weights,
            ),
          );
          const plan = await stats.query(`explain (analyze, buffers) ${query.sql}`, query.params);
          console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
        }
        console.log('  the write path: new listens…');
        const writes = await data.listenInserts(week, 2000);
        // Past the week's end: close it, then once more (a no-op).
        now = new Date(bounds.end.getTime() + 5_000);
        console.log('  closing the week…');
        const closing = await sampled(stats, () => charts.close.close(week));
        const againStarted = performance.now();
        const again = await charts.close.close(week);
        results.push({
          label: size.label,
          counts,
          generatedMs,
          bare,
          rising,
          community,
          cached,
          stored,
          writes,
          close: {
            ms: closing.ms,
            rssBefore: closing.rssBefore,
            rss: closing.rss,
            pgAnon: closing.pgAnon,
            tempBytes: closing.tempBytes,
            charts: closing.value.charts,
            entries: closing.value.entries,
          },
          again: { ms: performance.now() - againStarted, closed: again.closed },
        });
        // Open the week again for the next size.
        await db.execute(sql`delete from chart_entries where week = ${week}`);
        await db.execute(sql`delete from chart_editions where week = ${week}`);
        await db.execute(sql`delete from chart_weeks where week = ${week}`);
      }
      report(results, data.steps);
      return results.every((r) => !r.again.closed);
    } finally {
      await data.close();
    }
  } finally {
    await stats.end().catch(() => {});
    await ctx?.database.close();
    if (!keep) await scratch.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function report(results: SizeResult[], steps: [string, number][]): void {
  const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
  printTable(
    'Generated support in the week (set-based SQL into the scratch database)',
    ['set', 'track_events', 'picks', 'purchases', 'total', 'generated in'],
    results.map((r) => [
      r.label,
      String(r.counts.trackEvents),
      String(r.counts.picks),
      String(r.counts.purchases),
      String(r.counts.trackEvents + r.counts.picks + r.counts.purchases),
      s(r.generatedMs),
    ]),
    `Steps: ${steps.map(([name, v]) => `${name} ${s(v)}`).join(', ')}. The large set is the small one plus nine tenths more.`,
  );
  printTable(
    'Closing the week: CloseService.close (Rising + every community chart, one transaction)',
    [
      'set',
      'close',
      'RSS before',
      'peak RSS',
      'pg private peak',
      'pg temp written',
      'charts',
      'entries',
      'again (no-op)',
    ],
    results.map((r) => [
      r.label,
      s(r.close.ms),
      mb(r.close.rssBefore),
      mb(r.close.rss),
      r.close.pgAnon === null ? '–' : mb(r.close.pgAnon),
      mb(r.close.tempBytes),
      String(r.close.charts),
      String(r.close.entries),
      `${ms(r.again.ms)} ms${r.again.closed ? ' (CLOSED TWICE)' : ''}`,
    ]),
    'peak RSS: this process (VmHWM, and sampled every 50 ms); pg private peak: the summed anonymous memory of the database backends and parallel workers, sampled every 50 ms.',
  );
  printTable(
    "The open week's chart queries (timed runs after a warm-up)",
    ['set', 'query', 'runs', 'p50 ms', 'p95 ms', 'p95 vs select 1'],
    results.flatMap((r) => [
      [r.label, 'bare `select 1` (yardstick)', String(r.bare.runs), ms(r.bare.p50), ms(r.bare.p95), '1.0×'],
      ...(
        [
          ['rank Rising, uncached', r.rising],
          ['rank the largest community, uncached', r.community],
          ['chart() Rising, cached', r.cached],
          ['chart() Rising, new process (stored snapshot)', r.stored],
        ] as const
      ).map(([name, v]) => ['', name, String(v.runs), ms(v.p50), ms(v.p95), ratio(v.p95 / r.bare.p95)]),
    ]),
  );
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
  printTable(
    'The write path: a new listen (one autocommit insert into track_events, as the music store writes it)',
    ['set', 'charts trigger', 'inserts', 'p50 ms', 'p95 ms', 'mean ms', 'listens/s', 'mean vs off'],
    results.flatMap((r) =>
      (
        [
          ['off (yardstick)', r.writes.bare],
          ['on: aggregates kept', r.writes.kept],
        ] as const
      ).map(([name, v], i) => [
        i === 0 ? r.label : '',
        name,
        String(v.length),
        ms(percentile(sorted(v), 50)),
        ms(percentile(sorted(v), 95)),
        ms(mean(v)),
        String(Math.round(1000 / mean(v))),
        ratio(mean(v) / mean(r.writes.bare)),
      ]),
    ),
    'A repeat listen of the same week only bumps repeats and last_at: the trigger does not fire for it.',
  );
  const [small, large] = results;
  if (!small || !large) return;
  printTable(
    `Growth ×10 (${large.label} against ${small.label})`,
    ['measure', 'small', 'large', 'growth'],
    [
      ['close time', s(small.close.ms), s(large.close.ms), ratio(large.close.ms / small.close.ms)],
      ['close peak RSS', mb(small.close.rss), mb(large.close.rss), ratio(large.close.rss / small.close.rss)],
      [
        'open-week Rising p95',
        `${ms(small.rising.p95)} ms`,
        `${ms(large.rising.p95)} ms`,
        ratio(large.rising.p95 / small.rising.p95),
      ],
      [
        'open-week community p95',
        `${ms(small.community.p95)} ms`,
        `${ms(large.community.p95)} ms`,
        ratio(large.community.p95 / small.community.p95),
      ],
    ],
  );
}
