import { type AppContext, openPostgres } from '@coterie/platform';
import { createTestApp, type TestApp } from '@coterie/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartService, type ChartView } from './chart-service.ts';
import { CloseService } from './close-service.ts';
import { SnapshotStore } from './snapshot-store.ts';
import { ChartsStore } from './store.ts';
import { isoWeek, previousWeek, weekBounds } from './weeks.ts';

let t: TestApp;
let second: Awaited<ReturnType<typeof openPostgres>> | null = null;

/** A closer as another server process would have it: its own connection pool when on PostgreSQL. */
function closer(ctx: AppContext): CloseService {
  const store = new ChartsStore(ctx.db);
  return new CloseService(
    ctx,
    store,
    new ChartService(ctx, store, t.app.communities.communities, new SnapshotStore<ChartView>(ctx.db)),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  if (t.databaseUrl) second = await openPostgres(t.databaseUrl, 2);
});

afterAll(async () => {
  await second?.close();
  await t.close();
});

describe('closing a week from two processes at once', () => {
  it('publishes it exactly once', async () => {
    const week = previousWeek(previousWeek(isoWeek(t.clock.now())));
    const a = closer(t.ctx);
    const b = closer(second ? { ...t.ctx, db: second.db } : t.ctx);
    const results = await Promise.all([a.close(week), b.close(week), a.close(week), b.close(week)]);
    expect(results.filter((r) => r.closed)).toHaveLength(1);
    const editions = (await t.ctx.db.execute(
      sql`select count(*)::int as n from chart_editions where week = ${week} and scope = 'rising'`,
    )) as unknown as { rows: { n: number }[] };
    expect(editions.rows[0]?.n).toBe(1);
  });
});

describe('the weekly close', () => {
  it('is kept as a durable job due just after Monday 00:00 UTC', async () => {
    const open = isoWeek(t.clock.now());
    const result = (await t.ctx.db.execute(
      sql`select payload, run_at as "runAt", status from jobs where queue = 'charts.close'`,
    )) as unknown as { rows: { payload: { week: string }; runAt: string; status: string }[] };
    expect(result.rows).toHaveLength(1);
    const [job] = result.rows;
    expect(job?.payload.week).toBe(open);
    expect(job?.status).toBe('queued');
    const due = new Date(job?.runAt ?? 0).getTime();
    const monday = weekBounds(open)?.end.getTime() ?? 0;
    // Scheduled on the database's clock, a few seconds past midnight.
    expect(due - monday).toBeGreaterThan(0);
    expect(due - monday).toBeLessThan(60_000);
  });
});
