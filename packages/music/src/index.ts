import path from 'node:path';
import type { CommunitiesCapability } from '@coterie/communities';
import type { JobQueue } from '@coterie/jobs';
import type { MediaService } from '@coterie/media';
import type { AppContext, PaidAccess } from '@coterie/platform';
import type { BlobStore } from '@coterie/storage';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { MusicAccess } from './access.ts';
import { PaidMusic } from './paid-music.ts';
import { TrackProcessor } from './processing.ts';
import { releaseRoutes } from './release-routes.ts';
import { ReleaseService } from './release-service.ts';
import { MusicStore } from './store.ts';
import { streamRoutes } from './stream-routes.ts';
import { trackRoutes } from './track-routes.ts';
import { TrackService } from './track-service.ts';

export { ACCEPTED_FORMATS, probeAudio } from './audio-probe.ts';
export { isoWeek } from './iso-week.ts';
export { TRANSCODE_QUEUE, TrackProcessor } from './processing.ts';
export { ReleaseService } from './release-service.ts';
export * as musicSchema from './schema.ts';
export { TrackService } from './track-service.ts';
export { FFMPEG_PATH, transcode } from './transcode.ts';
export type { ReleaseView, TrackView } from './views.ts';

export interface MusicCapability {
  readonly tracks: TrackService;
  readonly releases: ReleaseService;
  readonly processor: TrackProcessor;
  readonly routes: FastifyPluginAsync;
}

export function createMusic(
  ctx: AppContext,
  deps: {
    communities: CommunitiesCapability;
    media: MediaService;
    jobs: JobQueue;
    blobs: BlobStore;
    paid: PaidAccess;
  },
): MusicCapability {
  const store = new MusicStore(ctx.db, ctx.changes);
  const paid = new PaidMusic(deps.paid);
  const access = new MusicAccess(deps.communities, paid);
  const tmpDir = path.join(ctx.config.dataDir, 'tmp');
  const tracks = new TrackService(ctx, store, deps.blobs, deps.jobs, access);
  const releases = new ReleaseService(ctx, store, deps.media, access);
  paid.register(
    (id, viewer) => tracks.sellable(viewer, id),
    (id, viewer) => releases.sellable(viewer, id),
  );
  const processor = new TrackProcessor({
    store,
    blobs: deps.blobs,
    logger: ctx.logger,
    workDir: path.join(tmpDir, 'transcode'),
    clock: ctx.clock,
  });
  processor.register(deps.jobs);
  ctx.personalData.push({
    name: 'music',
    export: (userId) => tracks.exportFor(userId),
    erase: (userId) => tracks.eraseFor(userId),
  });
  const maxTrackBytes = ctx.config.music.maxTrackBytes;
  const routes: FastifyPluginAsync = async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: maxTrackBytes, files: 1 } });
    await app.register(
      trackRoutes(tracks, {
        maxTrackBytes,
        tmpDir: path.join(tmpDir, 'uploads'),
      }) as unknown as FastifyPluginAsync,
    );
    await app.register(streamRoutes(tracks, deps.blobs) as unknown as FastifyPluginAsync);
    await app.register(releaseRoutes(releases) as unknown as FastifyPluginAsync);
  };
  return { tracks, releases, processor, routes };
}
