import type { CommunitiesCapability } from '@coterie/communities';
import type { AppContext } from '@coterie/platform';
import type { FastifyPluginAsync } from 'fastify';
import { mediaRoutes } from './routes.ts';
import { MediaService } from './service.ts';
import { MediaStore } from './store.ts';

export { processImage } from './image-processing.ts';
export { readUpload as readImageUpload } from './routes.ts';
export * as mediaSchema from './schema.ts';
export { type ImageView, MediaService, type PostPictureAccess } from './service.ts';

export function createMedia(
  ctx: AppContext,
  communities: CommunitiesCapability,
): { service: MediaService; routes: FastifyPluginAsync } {
  const service = new MediaService(ctx, new MediaStore(ctx.db), communities);
  return { service, routes: mediaRoutes(service) as unknown as FastifyPluginAsync };
}
