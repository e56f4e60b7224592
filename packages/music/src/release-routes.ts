import { readImageUpload } from '@coterie/media';
import { sharedJson } from '@coterie/platform';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ReleaseService } from './release-service.ts';
import { IdParam, Release, ReleaseCreate, ReleasePatch, SlugParam } from './schemas.ts';

const tags = ['music'];

export function releaseRoutes(service: ReleaseService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const sendRelease = sharedJson();
    app.post(
      '/api/communities/:slug/releases',
      {
        schema: {
          tags,
          summary: 'Team: create an album, EP or single',
          params: SlugParam,
          body: ReleaseCreate,
          response: { 201: Release },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await service.create(await request.requireViewer(), request.params.slug, request.body)),
    );

    app.get(
      '/api/communities/:slug/releases',
      {
        schema: {
          tags,
          summary: "A community's releases, newest first, with the tracks the viewer may hear",
          params: SlugParam,
          response: { 200: Type.Object({ releases: Type.Array(Release) }) },
        },
      },
      async (request) => service.list(await request.viewer(), request.params.slug),
    );

    app.get(
      '/api/releases/:id',
      {
        schema: {
          tags,
          summary: 'A release with its tracks in order',
          params: IdParam,
          response: { 200: Release },
        },
      },
      async (request, reply) =>
        sendRelease(reply, await service.get(await request.viewer(), request.params.id)),
    );

    app.patch(
      '/api/releases/:id',
      {
        schema: {
          tags,
          summary: 'Team: edit a release; trackIds gives the full new order of its tracks',
          params: IdParam,
          body: ReleasePatch,
          response: { 200: Release },
        },
      },
      async (request) => service.update(await request.requireViewer(), request.params.id, request.body),
    );

    app.delete(
      '/api/releases/:id',
      { schema: { tags, summary: 'Team: delete a release (its tracks stay, unassigned)', params: IdParam } },
      async (request, reply) => {
        await service.remove(await request.requireViewer(), request.params.id);
        return reply.code(204).send();
      },
    );

    app.put(
      '/api/releases/:id/artwork',
      {
        schema: {
          tags,
          summary:
            'Team: set the cover (multipart "file": JPEG, PNG, WebP, GIF or AVIF, at most 10 MB; cropped square)',
          params: IdParam,
          response: { 200: Release },
        },
      },
      async (request) => {
        const viewer = await request.requireViewer();
        return service.setArtwork(viewer, request.params.id, await readImageUpload(request));
      },
    );

    app.delete(
      '/api/releases/:id/artwork',
      { schema: { tags, summary: 'Team: remove the cover', params: IdParam, response: { 200: Release } } },
      async (request) => service.setArtwork(await request.requireViewer(), request.params.id, null),
    );
  };
}
