import { type AccountsCapability, createAccounts, SESSION_COOKIE } from '@coterie/accounts';
import { type BillingCapability, createBilling } from '@coterie/billing';
import { type ChartsCapability, createCharts } from '@coterie/charts';
import { COMMUNITY_SCHEMAS, type CommunitiesCapability, createCommunities } from '@coterie/communities';
import { createDiscovery, type DiscoveryCapability } from '@coterie/discovery';
import { createJobQueue, type JobQueue } from '@coterie/jobs';
import { createMedia, type MediaService } from '@coterie/media';
import { createMusic, type MusicCapability } from '@coterie/music';
import { type AppContext, createHttpServer } from '@coterie/platform';
import { createPosts, type PostsService } from '@coterie/posts';
import { createPrivacy } from '@coterie/privacy';
import { type BlobStore, createBlobStore } from '@coterie/storage';
import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health-routes.ts';

export interface App {
  readonly http: FastifyInstance;
  readonly accounts: AccountsCapability;
  readonly communities: CommunitiesCapability;
  readonly posts: PostsService;
  readonly media: MediaService;
  readonly music: MusicCapability;
  readonly discovery: DiscoveryCapability;
  readonly billing: BillingCapability;
  readonly charts: ChartsCapability;
  readonly jobs: JobQueue;
  readonly blobs: BlobStore;
}

/** Composes the capabilities into one HTTP app. The only place that knows them all. */
export async function buildApp(ctx: AppContext, options: { logRequests?: boolean } = {}): Promise<App> {
  const accounts = createAccounts(ctx);
  const communities = createCommunities(ctx, accounts.service);
  const media = createMedia(ctx, communities);
  const jobs = createJobQueue(ctx);
  const blobs = createBlobStore(ctx.config.storage);
  // Billing first: posts and music ask it what subscriptions and purchases unlock.
  const billing = createBilling(ctx, { communities, blobs });
  const posts = createPosts(ctx, communities, media.service, billing.access);
  const music = createMusic(ctx, { communities, media: media.service, jobs, blobs, paid: billing.access });
  const discovery = createDiscovery(ctx, { communities, music, jobs });
  const charts = createCharts(ctx, { communities, jobs });
  const privacy = createPrivacy(ctx, {
    verifyPassword: (userId, password) => accounts.service.verifyPassword(userId, password),
    sessionCookie: SESSION_COOKIE,
  });
  const http = await createHttpServer(ctx, {
    resolveViewer: accounts.resolveViewer,
    ...(options.logRequests === undefined ? {} : { logRequests: options.logRequests }),
  });
  for (const schema of COMMUNITY_SCHEMAS) http.addSchema(schema);
  await http.register(healthRoutes(ctx));
  await http.register(accounts.routes);
  await http.register(communities.routes);
  await http.register(media.routes);
  await http.register(posts.routes);
  await http.register(music.routes);
  await http.register(discovery.routes);
  await http.register(billing.routes);
  await http.register(charts.routes);
  await http.register(privacy.routes);
  // Workers start with the server and stop before it closes the database.
  http.addHook('onReady', async () => {
    await ctx.changes.start();
    await jobs.start();
    await discovery.start();
    await charts.start();
  });
  http.addHook('onClose', async () => {
    await charts.stop();
    await jobs.stop();
    await blobs.close();
    await ctx.changes.stop();
  });
  return {
    http,
    accounts,
    communities,
    posts: posts.service,
    media: media.service,
    music,
    discovery,
    billing,
    charts,
    jobs,
    blobs,
  };
}
