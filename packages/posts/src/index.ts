import type { CommunitiesCapability } from '@coterie/communities';
import type { MediaService } from '@coterie/media';
import type { AppContext } from '@coterie/platform';
import type { FastifyPluginAsync } from 'fastify';
import { postsRoutes } from './routes.ts';
import { PostsService } from './service.ts';
import { PostsStore } from './store.ts';

export { renderBody } from './post-rules.ts';
export * as postsSchema from './schema.ts';
export { PostsService } from './service.ts';

export function createPosts(
  ctx: AppContext,
  communities: CommunitiesCapability,
  media: MediaService,
): { service: PostsService; routes: FastifyPluginAsync } {
  const service = new PostsService(ctx, new PostsStore(ctx.db), communities, media);
  ctx.personalData.push({
    name: 'posts',
    export: (userId) => service.exportFor(userId),
    erase: (userId, options) => service.eraseFor(userId, options.keepPostsAnonymised),
  });
  return { service, routes: postsRoutes(service) as unknown as FastifyPluginAsync };
}
