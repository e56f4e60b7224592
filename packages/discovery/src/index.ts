import type { CommunitiesCapability } from '@coterie/communities';
import type { JobQueue } from '@coterie/jobs';
import type { MusicCapability } from '@coterie/music';
import type { AppContext } from '@coterie/platform';
import type { FastifyPluginAsync } from 'fastify';
import { CuratorService } from './curator-service.ts';
import { suggestCurators } from './curator-suggestions.ts';
import { DiscoverService } from './discover-service.ts';
import { DEFAULT_LIMITS, type NeighbourhoodLimits, TrackFactsCache } from './neighbourhood.ts';
import { NeighbourRebuilder } from './rebuild.ts';
import { discoveryRoutes } from './routes.ts';
import { DiscoveryStore } from './store.ts';

export type { CuratorView, PickView } from './curator-service.ts';
export { CuratorService } from './curator-service.ts';
export { DiscoverService } from './discover-service.ts';
export { NeighbourRebuilder, REBUILD_QUEUE } from './rebuild.ts';
export * as discoverySchema from './schema.ts';

export interface DiscoveryCapability {
  readonly curators: CuratorService;
  readonly discover: DiscoverService;
  readonly rebuilder: NeighbourRebuilder;
  readonly routes: FastifyPluginAsync;
  /** Schedules the precomputation; called once the server is ready. */
  start(): Promise<void>;
}

export function createDiscovery(
  ctx: AppContext,
  deps: { communities: CommunitiesCapability; music: MusicCapability; jobs: JobQueue },
  options: { limits?: NeighbourhoodLimits } = {},
): DiscoveryCapability {
  const store = new DiscoveryStore(ctx.db);
  const facts = new TrackFactsCache(store);
  const curators = new CuratorService(ctx, store, deps.music.tracks);
  const discover = new DiscoverService(ctx, {
    store,
    tracks: deps.music.tracks,
    memberships: deps.communities.memberships,
    facts,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const rebuilder = new NeighbourRebuilder(ctx, store, facts);
  rebuilder.register(deps.jobs);
  // A counted listen or download reaches the listener's summary at once, like a pick.
  deps.music.tracks.onCounted((userId) => store.refreshSignalSummaries([userId], DEFAULT_LIMITS.perPerson));
  ctx.personalData.push({
    name: 'discovery',
    export: (userId) => curators.exportFor(userId),
    erase: (userId) => curators.eraseFor(userId),
  });
  const suggest = (viewer: Parameters<typeof suggestCurators>[1], limit: number) =>
    suggestCurators(
      { store, curators, memberships: deps.communities.memberships, facts },
      viewer,
      limit,
      ctx.clock().getTime(),
    );
  const routes = discoveryRoutes(curators, discover, suggest) as unknown as FastifyPluginAsync;
  return { curators, discover, rebuilder, routes, start: () => rebuilder.start() };
}
