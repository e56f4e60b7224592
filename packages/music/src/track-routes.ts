import { DomainError, receiveUpload, sharedJson } from '@coterie/platform';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ACCEPTED_FORMATS } from './audio-probe.ts';
import { IdParam, SlugParam, Track, TrackPatch } from './schemas.ts';
import type { TrackInput, TrackService } from './track-service.ts';

const tags = ['music'];

const invalid = (field: string, message: string) =>
  new DomainError(400, 'validation_failed', `${field}: ${message}`, { details: [{ field, message }] });

/** The text fields of a multipart upload, checked like a JSON body would be. */
function uploadFields(fields: Readonly<Record<string, string>>): TrackInput {
  const known = new Set(['title', 'artist', 'visibility', 'tierId', 'downloadable', 'releaseId']);
  for (const name of Object.keys(fields))
    if (!known.has(name)) throw invalid(name, 'is not a field of a track');
  const input: TrackInput = {};
  for (const name of ['title', 'artist'] as const) {
    const value = fields[name]?.trim();
    if (value === undefined || value === '') continue;
    if (value.length > 200) throw invalid(name, 'must be at most 200 characters');
    input[name] = value;
  }
  const visibility = fields.visibility;
  if (visibility !== undefined) {
    if (visibility !== 'public' && visibility !== 'members' && visibility !== 'tier')
      throw invalid('visibility', 'must be public, members or tier');
    input.visibility = visibility;
    if (visibility === 'tier') input.tierId = fields.tierId ?? null;
  }
  const downloadable = fields.downloadable;
  if (downloadable !== undefined) {
    if (downloadable !== 'true' && downloadable !== 'false')
      throw invalid('downloadable', 'must be true or false');
    input.downloadable = downloadable === 'true';
  }
  if (fields.releaseId) {
    if (fields.releaseId.length > 60) throw invalid('releaseId', 'is not a release id');
    input.releaseId = fields.releaseId;
  }
  return input;
}

export function trackRoutes(
  service: TrackService,
  options: { maxTrackBytes: number; tmpDir: string },
): FastifyPluginAsyncTypebox {
  return async (app) => {
    const sendTrack = sharedJson();
    app.get(
      '/api/music/limits',
      {
        schema: {
          tags,
          summary: 'What a track upload may be',
          response: {
            200: Type.Object({ maxTrackBytes: Type.Integer(), acceptedFormats: Type.Array(Type.String()) }),
          },
        },
      },
      async () => ({ maxTrackBytes: options.maxTrackBytes, acceptedFormats: [...ACCEPTED_FORMATS] }),
    );

    app.post(
      '/api/communities/:slug/tracks',
      {
        schema: {
          tags,
          summary:
            'Owner or moderator of an artist/expert community: upload a track (multipart: title, artist, visibility, downloadable, releaseId, then the audio in "file")',
          params: SlugParam,
          response: { 202: Type.Object({ id: Type.String(), status: Type.Literal('processing') }) },
        },
      },
      async (request, reply) => {
        const viewer = await request.requireViewer();
        await service.authorizeUpload(viewer, request.params.slug);
        const upload = await receiveUpload(request, {
          maxBytes: options.maxTrackBytes,
          tmpDir: options.tmpDir,
          noun: 'Tracks',
          attachment: 'the audio',
          emptyCode: 'unreadable_audio',
        });
        try {
          const { id } = await service.upload(
            viewer,
            request.params.slug,
            uploadFields(upload.fields),
            upload.file,
          );
          return reply.code(202).send({ id, status: 'processing' as const });
        } finally {
          await upload.file.discard();
        }
      },
    );

    app.get(
      '/api/communities/:slug/tracks',
      {
        schema: {
          tags,
          summary: "A community's tracks, newest first (its team also sees those processing or failed)",
          params: SlugParam,
          querystring: Type.Object(
            { cursor: Type.Optional(Type.String({ maxLength: 200 })) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              tracks: Type.Array(Track),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => service.list(await request.viewer(), request.params.slug, request.query.cursor),
    );

    app.get(
      '/api/tracks/:id',
      {
        schema: {
          tags,
          summary: 'A track, with its processing status',
          params: IdParam,
          response: { 200: Track },
        },
      },
      async (request, reply) =>
        sendTrack(reply, await service.get(await request.viewer(), request.params.id)),
    );

    app.patch(
      '/api/tracks/:id',
      {
        schema: {
          tags,
          summary: 'Team: edit a track',
          params: IdParam,
          body: TrackPatch,
          response: { 200: Track },
        },
      },
      async (request) => service.update(await request.requireViewer(), request.params.id, request.body),
    );

    app.post(
      '/api/tracks/:id/retry',
      {
        schema: {
          tags,
          summary: 'Team: process a failed track again',
          params: IdParam,
          response: { 200: Track },
        },
      },
      async (request) => service.retry(await request.requireViewer(), request.params.id),
    );

    app.delete(
      '/api/tracks/:id',
      { schema: { tags, summary: 'Team: delete a track and its files', params: IdParam } },
      async (request, reply) => {
        await service.remove(await request.requireViewer(), request.params.id);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/tracks/:id/plays',
      {
        schema: {
          tags,
          summary:
            'Player: a listen, after 30 s of real playback (counted once per account, track and ISO week)',
          params: IdParam,
          body: Type.Object(
            { playedMs: Type.Integer({ minimum: 0, maximum: 86_400_000 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        await service.recordPlay(await request.viewer(), request.params.id, request.body.playedMs);
        return reply.code(204).send();
      },
    );
  };
}
