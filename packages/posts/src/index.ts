import type { CommunitiesCapability } from '@coterie/communities';
import type { MediaService } from '@coterie/media';
import type { AppContext, PaidAccess } from '@coterie/platform';
import type { FastifyPluginAsync } from 'fastify';
import { PostModeration } from './moderation-service.ts';
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
  paid: PaidAccess,
): { service: PostsService; routes: FastifyPluginAsync } {
  const store = new PostsStore(ctx.db);
  const service = new PostsService(ctx, store, communities, media, paid);
  const moderation = new PostModeration(ctx, store, communities, paid);
  media.setPostPictureAccess((viewer, mediaId) => service.pictureAccess(viewer, mediaId));
  ctx.personalData.push({
    name: 'posts',
    export: (userId) => service.exportFor(userId),
    erase: (userId, options) => service.eraseFor(userId, options.keepPostsAnonymised),
  });
  return { service, routes: postsRoutes(service, moderation) as unknown as FastifyPluginAsync };
}
