import type { Access, CommunityService } from '@coterie/communities';
import {
  type AppContext,
  assertCurrency,
  badRequest,
  forbidden,
  MAX_PRICE_MINOR,
  newId,
  notFound,
  type Viewer,
} from '@coterie/platform';
import { type CampaignKind, type Progress, progressOf, statusOf } from './campaign-rules.ts';
import type { CampaignRow, CampaignStore } from './campaign-store.ts';
import type { ChartService } from './chart-service.ts';
import type { ChartsStore } from './store.ts';
import { isoWeek, weekBounds } from './weeks.ts';

const YEAR_MS = 366 * 86_400_000;

export interface CampaignInput {
  kind: CampaignKind;
  title: string;
  description?: string;
  trackId?: string | null;
  /** chart: the rank to reach (top N); supporters: how many; funding: minor units. */
  target: number;
  chart?: 'community' | 'rising';
  byWeek?: string;
  currency?: string;
  endsAt?: string;
}

export interface CampaignView {
  id: string;
  communitySlug: string;
  kind: CampaignKind;
  title: string;
  description: string;
  track: { id: string; title: string; artist: string } | null;
  target: number;
  currency: string | null;
  chart: 'community' | 'rising' | null;
  byWeek: string | null;
  startsAt: string;
  endsAt: string;
  status: 'active' | 'succeeded' | 'failed';
  progress: Progress & { currentRank?: number | null };
  backers: { count: number; shown: { handle: string }[] };
  joined: boolean;
  /** How the viewer backs it, if they do. */
  myBacking: { shown: boolean } | null;
  canEdit: boolean;
}

const campaignNotFound = () => notFound('There is no such campaign.', 'campaign_not_found');
const isTeam = (a: Access) => a.membership?.role === 'owner' || a.membership?.role === 'moderator';

/** Goals a community rallies behind, with live progress and an outcome settled once, at the end. */
export class CampaignService {
  readonly #ctx: AppContext;
  readonly #store: CampaignStore;
  readonly #charts: ChartService;
  readonly #chartsStore: ChartsStore;
  readonly #communities: CommunityService;

  constructor(
    ctx: AppContext,
    deps: {
      store: CampaignStore;
      charts: ChartService;
      chartsStore: ChartsStore;
      communities: CommunityService;
    },
  ) {
    this.#ctx = ctx;
    this.#store = deps.store;
    this.#charts = deps.charts;
    this.#chartsStore = deps.chartsStore;
    this.#communities = deps.communities;
  }

  async create(viewer: Viewer, slug: string, input: CampaignInput): Promise<CampaignView> {
    const access = await this.#communities.requireRole(
      slug,
      viewer,
      ['owner', 'moderator'],
      'start campaigns',
    );
    const now = this.#ctx.clock();
    const title = input.title.trim();
    if (title === '' || title.length > 120)
      throw badRequest('validation_failed', 'A title of 1 to 120 characters.');
    const track = input.trackId
      ? (await this.#chartsStore.trackInfo([input.trackId])).get(input.trackId)
      : null;
    if (input.trackId && (!track || track.communityId !== access.community.id)) {
      throw badRequest('track_not_found', 'That track is not one of this community’s.');
    }
    if (!Number.isSafeInteger(input.target) || input.target < 1) {
      throw badRequest('validation_failed', 'target must be a whole number of at least 1.');
    }
    let endsAt: Date;
    let byWeek: string | null = null;
    let currency: string | null = null;
    if (input.kind === 'chart') {
      if (!track) throw badRequest('validation_failed', 'A chart campaign is for one track: give trackId.');
      if (input.target > this.#ctx.config.charts.length)
        throw badRequest('validation_failed', `Charts have ${this.#ctx.config.charts.length} places.`);
      byWeek = input.byWeek ?? isoWeek(now);
      const bounds = weekBounds(byWeek);
      if (!bounds || byWeek < isoWeek(now))
        throw badRequest('invalid_week', 'byWeek must be this week or a later ISO week.');
      endsAt = bounds.end;
    } else {
      endsAt = new Date(input.endsAt ?? '');
      if (Number.isNaN(endsAt.getTime()) || endsAt <= now)
        throw badRequest('validation_failed', 'endsAt must be a moment in the future.');
      if (input.kind === 'funding') {
        currency = (input.currency ?? '').toUpperCase();
        assertCurrency(currency);
        if (input.target > MAX_PRICE_MINOR * 1000)
          throw badRequest('validation_failed', 'That target is too large.');
      }
    }
    if (endsAt.getTime() - now.getTime() > YEAR_MS)
      throw badRequest('validation_failed', 'A campaign lasts a year at most.');
    const row = await this.#store.insert({
      id: newId('cmp'),
      communityId: access.community.id,
      trackId: track?.id ?? null,
      kind: input.kind,
      title,
      description: (input.description ?? '').trim().slice(0, 4000),
      chart: input.kind === 'chart' ? (input.chart ?? 'community') : null,
      target: input.target,
      currency,
      byWeek,
      startsAt: now,
      endsAt,
      createdBy: viewer.userId,
      createdAt: now,
    });
    return this.#view(row, access, viewer);
  }

  async list(viewer: Viewer | null, slug: string): Promise<{ campaigns: CampaignView[] }> {
    const access = await this.#communities.access(slug, viewer);
    const rows = await this.#store.ofCommunity(access.community.id);
    const views = await Promise.all(rows.map((r) => this.#view(r, access, viewer)));
    // Active first (soonest deadline first), then ended ones, latest first.
    const active = views.filter((v) => v.status === 'active').sort((a, b) => (a.endsAt < b.endsAt ? -1 : 1));
    return { campaigns: [...active, ...views.filter((v) => v.status !== 'active')] };
  }

  async get(viewer: Viewer | null, id: string): Promise<CampaignView> {
    const { row, access } = await this.#visible(viewer, id);
    return this.#view(row, access, viewer);
  }

  /** "I'm in": a member backs the campaign, shown with their persona or counted anonymously. */
  async join(viewer: Viewer, id: string, shown: boolean): Promise<CampaignView> {
    const { row, access } = await this.#visible(viewer, id);
    if (!access.membership) throw forbidden('Join the community to back its campaigns.', 'not_a_member');
    if (row.outcome || row.endsAt <= this.#ctx.clock())
      throw badRequest('campaign_ended', 'This campaign has ended.');
    await this.#store.join({
      campaignId: row.id,
      communityId: row.communityId,
      userId: viewer.userId,
      shown,
      joinedAt: this.#ctx.clock(),
    });
    return this.#view(row, access, viewer);
  }

  async leave(viewer: Viewer, id: string): Promise<CampaignView> {
    const { row, access } = await this.#visible(viewer, id);
    await this.#store.leave(row.id, viewer.userId);
    return this.#view(row, access, viewer);
  }

  /** Settles every campaign whose end has passed (the weekly close calls it; reads settle lazily too). */
  async settleDue(): Promise<number> {
    let settled = 0;
    for (const row of await this.#store.due(this.#ctx.clock())) {
      if (await this.#settleIfDue(row)) settled++;
    }
    return settled;
  }

  /** A goal reached is settled as succeeded at once; one not reached, as failed when its time is up. */
  async #settleIfDue(row: CampaignRow, known?: CampaignView['progress']): Promise<boolean> {
    if (row.outcome) return false;
    const progress = known ?? (await this.#progress(row));
    if (progress.reached) {
      await this.#store.settle(row.id, 'succeeded', progress.value, this.#ctx.clock());
      return true;
    }
    if (row.endsAt > this.#ctx.clock()) return false;
    // A chart goal is judged on published charts: wait for its last week to close.
    if (row.kind === 'chart' && row.byWeek && !(await this.#chartsStore.closedAt(row.byWeek))) return false;
    await this.#store.settle(row.id, 'failed', progress.value, this.#ctx.clock());
    return true;
  }

  async #progress(row: CampaignRow): Promise<CampaignView['progress']> {
    const now = this.#ctx.clock();
    // Nothing happens after now, so counting up to the deadline counts what has happened so far.
    const until = row.endsAt;
    if (row.kind === 'supporters') {
      return progressOf(
        'supporters',
        await this.#store.supporters(row.communityId, row.trackId, row.startsAt, until),
        row.target,
      );
    }
    if (row.kind === 'funding') {
      return progressOf(
        'funding',
        await this.#store.raised(row.communityId, row.currency ?? '', row.startsAt, until),
        row.target,
      );
    }
    const scope = row.chart === 'rising' ? 'rising' : `community:${row.communityId}`;
    const from = isoWeek(row.startsAt);
    const to = row.byWeek ?? from;
    const best = row.trackId ? await this.#store.bestRank(row.trackId, scope, from, to) : null;
    const open = isoWeek(now);
    let currentRank: number | null = null;
    if (row.trackId && open <= to && !(await this.#chartsStore.closedAt(open))) {
      const ref =
        row.chart === 'rising'
          ? ({ kind: 'rising' } as const)
          : ({ kind: 'community', communityId: row.communityId, slug: '' } as const);
      currentRank =
        (await this.#charts.chart(ref)).entries.find((e) => e.trackId === row.trackId)?.rank ?? null;
    }
    return { ...progressOf('chart', best, row.target), currentRank };
  }

  async #visible(viewer: Viewer | null, id: string): Promise<{ row: CampaignRow; access: Access }> {
    const row = await this.#store.get(id);
    if (!row) throw campaignNotFound();
    const access = await this.#communities.accessById(row.communityId, viewer).catch(() => {
      throw campaignNotFound();
    });
    return { row, access };
  }

  async #view(initial: CampaignRow, access: Access, viewer: Viewer | null): Promise<CampaignView> {
    let row = initial;
    let progress = row.outcome ? null : await this.#progress(row);
    if (progress && (await this.#settleIfDue(row, progress))) {
      row = (await this.#store.get(row.id)) ?? row;
      progress = null;
    }
    const shown = progress ?? { ...progressOf(row.kind, row.finalValue, row.target), currentRank: null };
    const status = row.outcome ?? statusOf(shown, false);
    const track = row.trackId ? (await this.#chartsStore.trackInfo([row.trackId])).get(row.trackId) : null;
    const backers = await this.#store.backers(row.id, viewer?.userId ?? null);
    return {
      id: row.id,
      communitySlug: access.community.slug,
      kind: row.kind,
      title: row.title,
      description: row.description,
      track: track ? { id: track.id, title: track.title, artist: track.artist } : null,
      target: row.target,
      currency: row.currency,
      chart: row.chart,
      byWeek: row.byWeek,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      status,
      progress: shown,
      backers: { count: backers.count, shown: backers.shown },
      joined: backers.mine !== null,
      myBacking: backers.mine,
      canEdit: isTeam(access),
    };
  }
}
