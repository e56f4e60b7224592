import type { JobQueue } from '@coterie/jobs';
import { type AppContext, badRequest } from '@coterie/platform';
import { type ChartService, scopeKey } from './chart-service.ts';
import type { ChartsStore, EntryRow } from './store.ts';
import type { TallyRow } from './tally-query.ts';
import { isoWeek, nextWeek, previousWeek, weekBounds, weeksBetween } from './weeks.ts';

export const CLOSE_QUEUE = 'charts.close';
/** How far back a first start looks for weeks to close (ten years of weekly charts). */
const MAX_CATCH_UP_WEEKS = 520;

export interface CloseResult {
  week: string;
  closed: boolean;
  /** Charts published: Rising plus each community with entries. */
  charts: number;
  entries: number;
}

/**
 * Closing weeks: once, in one transaction holding a per-week advisory lock, so two processes
 * racing to close the same week publish it exactly once. Closed charts are never rewritten; a
 * void publishes a correction beside the original.
 */
export class CloseService {
  readonly #ctx: AppContext;
  readonly #store: ChartsStore;
  readonly #charts: ChartService;

  constructor(ctx: AppContext, store: ChartsStore, charts: ChartService) {
    this.#ctx = ctx;
    this.#store = store;
    this.#charts = charts;
  }

  async close(week: string): Promise<CloseResult> {
    const bounds = weekBounds(week);
    if (!bounds) throw badRequest('invalid_week', 'week must be an ISO week like 2026-W49.');
    const now = this.#ctx.clock();
    if (bounds.start > now) throw badRequest('future_week', `${week} has not begun yet.`);
    const result = await this.#store.inTransaction(async (s) => {
      await s.lockWeek(week);
      if (!(await s.claimWeek(week, now))) return { week, closed: false, charts: 0, entries: 0 };
      const weights = this.#ctx.config.charts.weights;
      const window = { week, ...bounds };
      const rising = await s.tallies(
        window,
        { kind: 'rising', maxListeners: this.#ctx.config.charts.risingMaxListeners },
        weights,
      );
      const byCommunity = new Map<string, TallyRow[]>();
      for (const row of await s.tallies(window, { kind: 'communities' }, weights)) {
        byCommunity.set(row.communityId, [...(byCommunity.get(row.communityId) ?? []), row]);
      }
      let charts = 0;
      let entries = 0;
      const publish = async (scope: string, rows: TallyRow[]) => {
        const ranked = await this.#charts.entriesFor(scope, week, rows, 0, s);
        await s.insertEdition({ week, scope, revision: 0, reason: 'closed', publishedAt: now }, ranked);
        charts++;
        entries += ranked.length;
      };
      await publish('rising', rising);
      for (const [communityId, rows] of byCommunity) await publish(`community:${communityId}`, rows);
      return { week, closed: true, charts, entries };
    });
    if (result.closed) {
      await this.#charts.invalidate();
      this.#ctx.logger.info(result, 'chart week closed');
    }
    return result;
  }

  /** Every week that has ended and is not closed yet, oldest first: what a start after downtime owes. */
  async catchUp(): Promise<CloseResult[]> {
    const lastEnded = previousWeek(isoWeek(this.#ctx.clock()));
    const lastClosed = await this.#store.lastClosedWeek();
    const earliest = lastClosed
      ? nextWeek(lastClosed)
      : ((await this.#store.earliestEventWeek()) ?? lastEnded);
    const weeks = weeksBetween(earliest, lastEnded).slice(-MAX_CATCH_UP_WEEKS);
    const results: CloseResult[] = [];
    for (const week of weeks) results.push(await this.close(week));
    return results;
  }

  /** Closes what is due, then schedules the next close for Monday 00:00 UTC as a durable job. */
  async tick(jobs: JobQueue): Promise<void> {
    await this.catchUp();
    const open = isoWeek(this.#ctx.clock());
    const end = weekBounds(open)?.end ?? this.#ctx.clock();
    // A few seconds past midnight, so the job never runs while its own week is still open.
    const delaySeconds = Math.max(1, Math.ceil((end.getTime() - this.#ctx.clock().getTime()) / 1000) + 5);
    await jobs.enqueue(CLOSE_QUEUE, { week: open }, { delaySeconds, singletonKey: `${CLOSE_QUEUE}:${open}` });
  }

  /**
   * After a void: each closed chart the account's support reached is recomputed, and where the
   * result differs a correction is published as the next revision. Open weeks simply recount.
   */
  async correctFor(
    userId: string,
    reason: string,
  ): Promise<{ week: string; scope: string; revision: number }[]> {
    const touched = await this.#store.scopesTouchedBy(userId);
    const published: { week: string; scope: string; revision: number }[] = [];
    const weights = this.#ctx.config.charts.weights;
    for (const { week, communityIds } of touched) {
      const bounds = weekBounds(week);
      if (!bounds) continue;
      const refs = [
        { kind: 'rising' as const },
        ...communityIds.map((id) => ({ kind: 'community' as const, communityId: id, slug: '' })),
      ];
      for (const ref of refs) {
        const scope = scopeKey(ref);
        await this.#store.inTransaction(async (s) => {
          await s.lockWeek(week);
          const latest = await s.latestEdition(week, scope);
          const rows = await s.tallies({ week, ...bounds }, this.#charts.tallyScope(ref), weights);
          const revision = (latest?.revision ?? -1) + 1;
          const fresh = await this.#charts.entriesFor(scope, week, rows, revision, s);
          const current = latest ? await s.entries(week, scope, latest.revision) : [];
          if (sameChart(current, fresh)) return;
          await s.insertEdition({ week, scope, revision, reason, publishedAt: this.#ctx.clock() }, fresh);
          published.push({ week, scope, revision });
        });
      }
    }
    await this.#charts.invalidate();
    return published;
  }
}

function sameChart(a: readonly EntryRow[], b: readonly EntryRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((e, i) => {
      const f = b[i] as EntryRow;
      return e.trackId === f.trackId && e.points2 === f.points2 && e.supporters === f.supporters;
    })
  );
}
