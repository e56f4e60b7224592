import type { CommunityService } from '@coterie/communities';
import { type AppContext, badRequest, forbidden, notFound, type Viewer } from '@coterie/platform';
import { isFlagged } from './chart-rules.ts';
import { type ChartRef, type ChartService, scopeKey, toTally } from './chart-service.ts';
import type { CloseService } from './close-service.ts';
import type { ChartsStore } from './store.ts';
import { weekBounds } from './weeks.ts';

export interface BreakdownView {
  week: string;
  status: 'open' | 'closed';
  chart: 'rising' | 'community';
  /** Null when the track is not on this chart this week. */
  rank: number | null;
  points: number;
  supporters: number;
  byKind: { listen: number; download: number; purchase: number; pick: number };
  /** Events from accounts younger than 7 days, counted half. */
  discounted: number;
  /** Supporters whose account was under 48 hours old. */
  fresh: number;
  /** Events not counted: voided accounts, and the track's own team. */
  voided: number;
  team: number;
}

export interface FlagView {
  week: string;
  chart: string;
  rank: number;
  trackId: string;
  title: string;
  artist: string;
  supporters: number;
  fresh: number;
  freshAccounts: { userId: string; displayName: string; createdAt: string; voided: boolean }[];
}

/** "Why this rank" for the artist, and the instance admin's review: flags and voids. */
export class ReviewService {
  readonly #ctx: AppContext;
  readonly #store: ChartsStore;
  readonly #charts: ChartService;
  readonly #close: CloseService;
  readonly #communities: CommunityService;

  constructor(
    ctx: AppContext,
    deps: { store: ChartsStore; charts: ChartService; close: CloseService; communities: CommunityService },
  ) {
    this.#ctx = ctx;
    this.#store = deps.store;
    this.#charts = deps.charts;
    this.#close = deps.close;
    this.#communities = deps.communities;
  }

  /** The track's own team sees how its entry was counted: totals per kind, never who. */
  async breakdown(
    viewer: Viewer,
    trackId: string,
    chart: 'rising' | 'community',
    weekAsked?: string,
  ): Promise<BreakdownView> {
    const info = (await this.#store.trackInfo([trackId])).get(trackId);
    if (!info) throw notFound('There is no such track.', 'track_not_found');
    const access = await this.#communities.accessById(info.communityId, viewer).catch(() => {
      throw notFound('There is no such track.', 'track_not_found');
    });
    const role = access.membership?.role;
    if (role !== 'owner' && role !== 'moderator' && !viewer.isAdmin) {
      throw forbidden('Only the artist’s team sees how an entry was counted.', 'not_the_team');
    }
    const week = this.#charts.checkWeek(weekAsked);
    const ref: ChartRef =
      chart === 'rising'
        ? { kind: 'rising' }
        : { kind: 'community', communityId: info.communityId, slug: '' };
    const closed = (await this.#store.closedAt(week)) !== null;
    if (closed) {
      const edition = await this.#store.latestEdition(week, scopeKey(ref));
      const entry = edition
        ? (await this.#store.entries(week, scopeKey(ref), edition.revision)).find(
            (e) => e.trackId === trackId,
          )
        : undefined;
      if (entry) {
        return {
          week,
          status: 'closed',
          chart,
          rank: entry.rank,
          points: entry.points2 / 2,
          supporters: entry.supporters,
          ...entry.breakdown,
        };
      }
    }
    const bounds = weekBounds(week);
    if (!bounds) throw badRequest('invalid_week', 'week must be an ISO week like 2026-W49.');
    const [row] = await this.#store.tallies(
      { week, ...bounds, trackId },
      this.#charts.tallyScope(ref),
      this.#ctx.config.charts.weights,
    );
    const tally = row ? toTally(row) : null;
    const rank = closed
      ? null
      : ((await this.#charts.rank(ref, week)).find((e) => e.trackId === trackId)?.rank ?? null);
    return {
      week,
      status: closed ? 'closed' : 'open',
      chart,
      rank,
      points: (tally?.points2 ?? 0) / 2,
      supporters: tally?.supporters ?? 0,
      byKind: tally?.byKind ?? { listen: 0, download: 0, purchase: 0, pick: 0 },
      discounted: tally?.discounted ?? 0,
      fresh: tally?.fresh ?? 0,
      voided: tally?.voided ?? 0,
      team: tally?.team ?? 0,
    };
  }

  /** Entries carried by too many brand-new accounts, with those accounts, for an instance admin. */
  async flags(viewer: Viewer, weekAsked?: string): Promise<{ week: string; flags: FlagView[] }> {
    requireAdmin(viewer);
    const week = this.#charts.checkWeek(weekAsked);
    const bounds = weekBounds(week);
    if (!bounds) throw badRequest('invalid_week', 'week must be an ISO week like 2026-W49.');
    const share = this.#ctx.config.charts.freshFlagShare;
    const rising = await this.#charts.rank({ kind: 'rising' }, week);
    const flagged = rising.filter((e) =>
      isFlagged({ supporters: e.supporters, fresh: e.breakdown.fresh }, share),
    );
    const flags: FlagView[] = [];
    for (const e of flagged) {
      flags.push({
        week,
        chart: 'rising',
        rank: e.rank,
        trackId: e.trackId,
        title: e.title,
        artist: e.artist,
        supporters: e.supporters,
        fresh: e.breakdown.fresh,
        freshAccounts: (await this.#store.freshSupporters({ week, ...bounds }, e.trackId)).map((a) => ({
          ...a,
          createdAt: a.createdAt.toISOString(),
        })),
      });
    }
    return { week, flags };
  }

  /** Voids an account's support everywhere; closed charts it reached get a published correction. */
  async voidAccount(
    viewer: Viewer,
    userId: string,
    reason: string,
  ): Promise<{ voided: boolean; corrections: { week: string; scope: string; revision: number }[] }> {
    requireAdmin(viewer);
    const clean = reason.trim();
    if (clean === '') throw badRequest('validation_failed', 'Say why the account is voided.');
    if (!(await this.#store.userExists(userId)))
      throw notFound('There is no such account.', 'user_not_found');
    const voided = await this.#store.void(userId, clean.slice(0, 500), viewer.userId, this.#ctx.clock());
    const corrections = voided ? await this.#close.correctFor(userId, clean.slice(0, 200)) : [];
    await this.#charts.invalidate();
    return { voided, corrections };
  }
}

function requireAdmin(viewer: Viewer): void {
  // The same 404 as an unknown route: admin tools are not advertised.
  if (!viewer.isAdmin) throw notFound('Not found.', 'not_found');
}
