import type { CommunityService } from '@coterie/communities';
import { type AppContext, badRequest, notFound, type Viewer } from '@coterie/platform';
import { isFlagged, rankTallies, type Tally } from './chart-rules.ts';
import { type Movement, movementOf } from './movement.ts';
import { OpenChartCache, type OpenChartKey, type SnapshotPort } from './open-chart-cache.ts';
import type { ChartsStore, EntryRow } from './store.ts';
import type { TallyRow, TallyScope } from './tally-query.ts';
import { isoWeek, previousWeek, weekBounds } from './weeks.ts';

export type ChartRef = { kind: 'rising' } | { kind: 'community'; communityId: string; slug: string };

export interface ChartEntryView {
  rank: number;
  trackId: string;
  title: string;
  artist: string;
  communitySlug: string;
  movement: Movement;
  moveBy: number;
  weeksOnChart: number;
  peak: number;
  /** Published once the week is closed; never while it is open (counts feed herding). */
  supporters?: number;
  points?: number;
}

export interface ChartView {
  week: string;
  status: 'open' | 'closed';
  chart: 'rising' | 'community';
  closedAt?: string;
  entries: ChartEntryView[];
  corrections: { revision: number; reason: string; publishedAt: string }[];
}

export const scopeKey = (ref: ChartRef): string =>
  ref.kind === 'rising' ? 'rising' : `community:${ref.communityId}`;

export function toTally(row: TallyRow): Tally {
  return {
    trackId: row.trackId,
    points2: row.points2,
    supporters: row.supporters,
    byKind: { listen: row.listen, download: row.download, purchase: row.purchase, pick: row.pick },
    discounted: row.discounted,
    fresh: row.fresh,
    voided: row.voided,
    team: row.team,
  };
}

/** Reading charts: closed weeks as published, the open week ranked live (ranks and movement only). */
export class ChartService {
  readonly #ctx: AppContext;
  readonly #store: ChartsStore;
  readonly #communities: CommunityService;
  readonly #open: OpenChartCache<ChartView>;

  constructor(
    ctx: AppContext,
    store: ChartsStore,
    communities: CommunityService,
    snapshots: SnapshotPort<ChartView>,
  ) {
    this.#ctx = ctx;
    this.#store = store;
    this.#communities = communities;
    this.#open = new OpenChartCache(
      () => ctx.clock(),
      (error, key) => ctx.logger.warn({ err: error, key }, 'open chart refresh failed'),
      snapshots,
    );
  }

  /** The chart a URL names, as the viewer may see it. */
  async ref(viewer: Viewer | null, slug?: string): Promise<ChartRef> {
    if (slug === undefined) return { kind: 'rising' };
    const { community } = await this.#communities.access(slug, viewer);
    return { kind: 'community', communityId: community.id, slug: community.slug };
  }

  tallyScope(ref: ChartRef): TallyScope {
    return ref.kind === 'rising'
      ? { kind: 'rising', maxListeners: this.#ctx.config.charts.risingMaxListeners }
      : { kind: 'community', communityId: ref.communityId };
  }

  /** `week` as asked, or the open one; a week that has not begun yet is refused. */
  checkWeek(week: string | undefined): string {
    const open = isoWeek(this.#ctx.clock());
    if (week === undefined) return open;
    const bounds = weekBounds(week);
    if (!bounds) throw badRequest('invalid_week', 'week must be an ISO week like 2026-W49.');
    if (week > open) throw badRequest('future_week', `${week} has not begun yet.`);
    return week;
  }

  async chart(ref: ChartRef, weekAsked?: string): Promise<ChartView> {
    const week = this.checkWeek(weekAsked);
    const closedAt = await this.#store.closedAt(week);
    if (closedAt) return this.#closed(ref, week, closedAt);
    return this.#open.get(this.#openKey(ref, week), () => this.#liveChart(ref, week));
  }

  #openKey(ref: ChartRef, week: string): OpenChartKey {
    return { week, scope: scopeKey(ref), communityId: ref.kind === 'community' ? ref.communityId : null };
  }

  /** Tallies Rising for the open week unless a snapshot of it exists, keeping it only if it was slow (see WARM_WORTH_MS). */
  async warm(): Promise<boolean> {
    const week = isoWeek(this.#ctx.clock());
    if (await this.#store.closedAt(week)) return false;
    const ref: ChartRef = { kind: 'rising' };
    return this.#open.warm(this.#openKey(ref, week), () => this.#liveChart(ref, week));
  }

  /** Resolves when the open-chart refreshes running now have ended. */
  settled(): Promise<void> {
    return this.#open.settled();
  }

  /** The open week (with when it closes) and the closed ones, newest first. */
  async weeks(): Promise<{
    open: { week: string; closesAt: string };
    closed: { week: string; closedAt: string }[];
  }> {
    const open = isoWeek(this.#ctx.clock());
    const closed = await this.#store.closedWeeks(520);
    return {
      open: { week: open, closesAt: (weekBounds(open)?.end ?? this.#ctx.clock()).toISOString() },
      closed: closed.map((w) => ({ week: w.week, closedAt: w.closedAt.toISOString() })),
    };
  }

  /** Forget cached open charts, in every process (after a void or a close, or in tests that move the clock). */
  invalidate(): Promise<void> {
    return this.#open.invalidate();
  }

  async run(trackId: string, chart: 'rising' | 'community'): Promise<{ week: string; rank: number }[]> {
    const info = (await this.#store.trackInfo([trackId])).get(trackId);
    if (!info) throw notFound('There is no such track.', 'track_not_found');
    return this.#store.run(trackId, chart === 'rising' ? 'rising' : `community:${info.communityId}`);
  }

  async #closed(ref: ChartRef, week: string, closedAt: Date): Promise<ChartView> {
    const scope = scopeKey(ref);
    const editions = await this.#store.editions(week, scope);
    const latest = editions.at(-1);
    const entries = latest ? await this.#store.entries(week, scope, latest.revision) : [];
    return {
      week,
      status: 'closed',
      chart: ref.kind,
      closedAt: closedAt.toISOString(),
      entries: entries.map(entryView),
      corrections: editions
        .filter((e) => e.revision > 0)
        .map((e) => ({ revision: e.revision, reason: e.reason, publishedAt: e.publishedAt.toISOString() })),
    };
  }

  async #liveChart(ref: ChartRef, week: string): Promise<ChartView> {
    const ranked = await this.rank(ref, week);
    return {
      week,
      status: 'open',
      chart: ref.kind,
      entries: ranked.map((e) => {
        const { supporters, points, ...open } = entryView(e);
        return open;
      }),
      corrections: [],
    };
  }

  /** The chart as it stands from the events now: ranked, with movement against the last closed week. */
  async rank(ref: ChartRef, week: string): Promise<EntryRow[]> {
    const bounds = weekBounds(week);
    if (!bounds) throw badRequest('invalid_week', 'week must be an ISO week like 2026-W49.');
    const rows = await this.#store.tallies(
      { week, ...bounds },
      this.tallyScope(ref),
      this.#ctx.config.charts.weights,
    );
    return this.entriesFor(scopeKey(ref), week, rows, 0);
  }

  /** Tallies → ranked entries with movement and snapshot titles, ready to publish. */
  async entriesFor(
    scope: string,
    week: string,
    rows: TallyRow[],
    revision: number,
    store: ChartsStore = this.#store,
  ): Promise<EntryRow[]> {
    const { length, freshFlagShare } = this.#ctx.config.charts;
    const ranked = rankTallies(rows.map(toTally), length);
    const ids = ranked.map((t) => t.trackId);
    const [info, history] = await Promise.all([
      store.trackInfo(ids),
      store.history(scope, week, previousWeek(week), ids),
    ]);
    const communityOf = new Map(rows.map((r) => [r.trackId, r.communityId]));
    return ranked.map((t) => {
      const m = movementOf(
        t.rank,
        history.get(t.trackId) ?? { previousRank: null, weeksBefore: 0, peakBefore: null },
      );
      const track = info.get(t.trackId);
      return {
        week,
        scope,
        revision,
        rank: t.rank,
        trackId: t.trackId,
        communityId: communityOf.get(t.trackId) ?? track?.communityId ?? '',
        title: track?.title ?? 'A removed track',
        artist: track?.artist ?? '',
        points2: t.points2,
        supporters: t.supporters,
        movement: m.movement,
        moveBy: m.by,
        weeksOnChart: m.weeksOnChart,
        peak: m.peak,
        flagged: isFlagged(t, freshFlagShare),
        breakdown: {
          byKind: t.byKind,
          discounted: t.discounted,
          fresh: t.fresh,
          voided: t.voided,
          team: t.team,
        },
        // Slugs are not snapshotted; the view looks them up.
        communitySlug: track?.communitySlug ?? '',
      } as EntryRow & { communitySlug: string };
    });
  }
}

export function entryView(e: EntryRow & { communitySlug?: string }): ChartEntryView {
  return {
    rank: e.rank,
    trackId: e.trackId,
    title: e.title,
    artist: e.artist,
    communitySlug: e.communitySlug ?? '',
    movement: e.movement as Movement,
    moveBy: e.moveBy,
    weeksOnChart: e.weeksOnChart,
    peak: e.peak,
    supporters: e.supporters,
    points: e.points2 / 2,
  };
}
