import type { CommunitiesCapability } from '@coterie/communities';
import type { JobQueue } from '@coterie/jobs';
import type { AppContext } from '@coterie/platform';
import type { FastifyPluginAsync } from 'fastify';
import { campaignRoutes } from './campaign-routes.ts';
import { CampaignService } from './campaign-service.ts';
import { CampaignStore } from './campaign-store.ts';
import { ChartService, type ChartView } from './chart-service.ts';
import { CLOSE_QUEUE, CloseService } from './close-service.ts';
import { ReviewService } from './review-service.ts';
import { chartRoutes } from './routes.ts';
import { SnapshotStore } from './snapshot-store.ts';
import { ChartsStore } from './store.ts';

export * from './chart-rules.ts';
export { ChartService } from './chart-service.ts';
export { CloseService } from './close-service.ts';
export * as chartsSchema from './schema.ts';
export { isoWeek, nextWeek, previousWeek, weekBounds } from './weeks.ts';

export interface ChartsCapability {
  readonly charts: ChartService;
  readonly close: CloseService;
  readonly review: ReviewService;
  readonly campaigns: CampaignService;
  readonly routes: FastifyPluginAsync;
  /**
   * Closes the weeks missed while the server was down, schedules the next Monday close, and
   * tallies the open Rising chart behind if no snapshot of it exists yet.
   */
  start(): Promise<void>;
  /** Waits for open-chart tallies still running (before the database closes). */
  stop(): Promise<void>;
}

export function createCharts(
  ctx: AppContext,
  deps: { communities: CommunitiesCapability; jobs: JobQueue },
): ChartsCapability {
  const store = new ChartsStore(ctx.db, ctx.changes);
  const communities = deps.communities.communities;
  const charts = new ChartService(ctx, store, communities, new SnapshotStore<ChartView>(ctx.db));
  const close = new CloseService(ctx, store, charts);
  const review = new ReviewService(ctx, { store, charts, close, communities });
  const campaignStore = new CampaignStore(ctx.db);
  ctx.personalData.push({
    name: 'charts',
    export: async (userId) => ({
      campaignsBacked: (await campaignStore.backedBy(userId)).map((b) => ({
        ...b,
        joinedAt: b.joinedAt.toISOString(),
      })),
      // An instance admin's decision about this account's support, and why.
      voided: await campaignStore.voidOf(userId),
    }),
    erase: (userId) => campaignStore.eraseBackerOf(userId),
  });
  const campaigns = new CampaignService(ctx, {
    store: campaignStore,
    charts,
    chartsStore: store,
    communities,
  });
  const tick = async () => {
    await close.tick(deps.jobs);
    await campaigns.settleDue();
  };
  // The job closes what is due, settles ended campaigns, then schedules itself for next Monday 00:00 UTC.
  deps.jobs.register(CLOSE_QUEUE, tick, { maxAttempts: 10 });
  const routes: FastifyPluginAsync = async (app) => {
    await app.register(chartRoutes({ charts, close, review }) as unknown as FastifyPluginAsync);
    await app.register(campaignRoutes(campaigns) as unknown as FastifyPluginAsync);
  };
  return {
    charts,
    close,
    review,
    campaigns,
    routes,
    start: async () => {
      await tick();
      charts
        .warm()
        .catch((error: unknown) => ctx.logger.warn({ err: error }, 'warming the open charts failed'));
    },
    stop: () => charts.settled(),
  };
}
