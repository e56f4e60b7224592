import type { JobQueue } from '@coterie/jobs';
import type { AppContext } from '@coterie/platform';
import { buildEaseNeighbours, buildItemNeighbours, internInteractions } from './engine/index.ts';
import { DEFAULT_LIMITS, signalWeight, type TrackFactsCache } from './neighbourhood.ts';
import type { DiscoveryStore } from './store.ts';

export const REBUILD_QUEUE = 'discovery.rebuild';
const PAGE = 50_000;
const SUMMARY_BATCH = 2000;
/** Enough neighbours per track for a varied feed, few enough to read 200 tracks' lists per request. */
const STORED_NEIGHBOURS = 50;

export interface RebuildReport {
  interactions: number;
  tracks: number;
  ms: number;
}

/**
 * The engine's precomputation: item–item neighbours over every pick, play, download and purchase,
 * and each track's popularity. Runs as a durable job on a schedule; trust is never precomputed
 * (it is read live per request), so only the collaborative signal lags, by at most one period.
 */
export class NeighbourRebuilder {
  readonly #ctx: AppContext;
  readonly #store: DiscoveryStore;
  readonly #facts: TrackFactsCache;

  constructor(ctx: AppContext, store: DiscoveryStore, facts: TrackFactsCache) {
    this.#ctx = ctx;
    this.#store = store;
    this.#facts = facts;
  }

  async rebuild(): Promise<RebuildReport> {
    const started = performance.now();
    const interactions: { user: string; item: string; weight: number }[] = [];
    let after: { userId: string; trackId: string; kind: string } | null = null;
    for (;;) {
      const page = await this.#store.signalPage(after, PAGE);
      for (const row of page) {
        const last = interactions.at(-1);
        // Rows come sorted by person then track: kinds of one pair are adjacent and merge here.
        if (last && last.user === row.userId && last.item === row.trackId) last.weight += signalWeight(row);
        else interactions.push({ user: row.userId, item: row.trackId, weight: signalWeight(row) });
      }
      const tail = page.at(-1);
      if (!tail || page.length < PAGE) break;
      after = { userId: tail.userId, trackId: tail.trackId, kind: tail.kind };
    }
    const popularity = new Map<string, number>();
    for (const i of interactions) popularity.set(i.item, (popularity.get(i.item) ?? 0) + 1);
    // One interned matrix for both models: the interning is a third of the work on a large instance.
    const matrix = internInteractions(interactions);
    const neighbours = buildItemNeighbours(matrix, { k: STORED_NEIGHBOURS });
    const ease = buildEaseNeighbours(matrix, { k: STORED_NEIGHBOURS });
    const compact = (list: [string, number][] | undefined): [string, number][] =>
      (list ?? [])
        .slice(0, STORED_NEIGHBOURS)
        .map(([id, score]): [string, number] => [id, Math.round(score * 1e6) / 1e6]);
    const rows = [...popularity.entries()].map(([trackId, count]) => ({
      trackId,
      popularity: count,
      neighbours: compact(neighbours.get(trackId)),
      ease: compact(ease.get(trackId)),
    }));
    await this.#store.replaceNeighbours(rows);
    this.#facts.clear();
    // Plays since the last rebuild reach the summaries here (picks refresh theirs at once).
    for (let after = ''; ; ) {
      const ids = await this.#store.userIdsAfter(after, SUMMARY_BATCH);
      if (ids.length === 0) break;
      await this.#store.refreshSignalSummaries(ids, DEFAULT_LIMITS.perPerson);
      after = ids.at(-1) ?? '';
    }
    const report = {
      interactions: interactions.length,
      tracks: rows.length,
      ms: Math.round(performance.now() - started),
    };
    this.#ctx.logger.info(report, 'discovery neighbours rebuilt');
    return report;
  }

  /**
   * Runs every period at slot boundaries. The next run is one job whose singleton key names its
   * slot, so any number of processes agree on it; a fresh or stale instance rebuilds at once.
   */
  register(jobs: JobQueue): void {
    const periodMs = this.#ctx.config.discovery.rebuildMinutes * 60_000;
    const scheduleNext = async (): Promise<void> => {
      const now = this.#ctx.clock().getTime();
      const slot = Math.floor(now / periodMs) + 1;
      await jobs.enqueue(
        REBUILD_QUEUE,
        {},
        { singletonKey: `${REBUILD_QUEUE}:${slot}`, delaySeconds: Math.ceil((slot * periodMs - now) / 1000) },
      );
    };
    jobs.register(
      REBUILD_QUEUE,
      async () => {
        await this.rebuild();
        await scheduleNext();
      },
      { maxAttempts: 3 },
    );
    this.#schedule = async () => {
      const last = await this.#store.lastRebuildAt();
      if (last === null || this.#ctx.clock().getTime() - last.getTime() > periodMs) {
        await jobs.enqueue(REBUILD_QUEUE, {}, { singletonKey: `${REBUILD_QUEUE}:now` });
      } else {
        await scheduleNext();
      }
    };
  }

  #schedule: () => Promise<void> = async () => {};

  /** Called once the server is ready. */
  async start(): Promise<void> {
    await this.#schedule();
  }
}
