import type { BlobStore } from '@coterie/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { decideRange } from './http-range.ts';
import { IdParam } from './schemas.ts';
import type { Servable, TrackService } from './track-service.ts';

const tags = ['music'];
const YEAR = 31_536_000;

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** `Artist - Title.ext` as a Content-Disposition both old and new clients read correctly. */
function attachment(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_').slice(0, 200);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

/**
 * Sends a stored, immutable file with validators and byte ranges (RFC 9110): 304 on a fresh
 * validator, 206 for one range, 416 when none can be satisfied, 200 otherwise.
 */
async function sendFile(
  blobs: BlobStore,
  request: FastifyRequest,
  reply: FastifyReply,
  servable: Servable,
  vary: boolean,
): Promise<FastifyReply> {
  const { file } = servable;
  const etag = `"${file.sha256}"`;
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('last-modified', servable.lastModified.toUTCString())
    .header('cache-control', `${servable.isPublic ? 'public' : 'private'}, max-age=${YEAR}, immutable`)
    .header('x-content-type-options', 'nosniff');
  if (vary) reply.header('vary', 'Accept');
  if (servable.downloadName) reply.header('content-disposition', attachment(servable.downloadName));
  else reply.header('content-disposition', 'inline');
  const decision = decideRange(
    {
      range: header(request, 'range'),
      ifRange: header(request, 'if-range'),
      ifNoneMatch: header(request, 'if-none-match'),
      ifModifiedSince: header(request, 'if-modified-since'),
    },
    { size: file.bytes, etag, lastModified: servable.lastModified },
  );
  if (decision.status === 304) return reply.code(304).send();
  if (decision.status === 416) {
    return reply
      .code(416)
      .header('content-range', `bytes */${file.bytes}`)
      .type('application/json')
      .send({ error: { code: 'range_not_satisfiable', message: `The file is ${file.bytes} bytes long.` } });
  }
  reply.type(file.contentType);
  if (decision.status === 206) {
    reply
      .code(206)
      .header('content-range', `bytes ${decision.start}-${decision.end}/${file.bytes}`)
      .header('content-length', decision.end - decision.start + 1);
    if (request.method === 'HEAD') return reply.send();
    return reply.send(await blobs.read(file.key, { start: decision.start, end: decision.end }));
  }
  reply.header('content-length', file.bytes);
  if (request.method === 'HEAD') return reply.send();
  return reply.send(await blobs.read(file.key));
}

export function streamRoutes(service: TrackService, blobs: BlobStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/tracks/:id/stream',
      {
        schema: {
          tags,
          summary:
            'The audio: Opus (audio/ogg) or MP3 (audio/mpeg) by Accept or ?format, with Range, ETag and long-lived caching',
          params: IdParam,
          querystring: Type.Object(
            { format: Type.Optional(Type.Union([Type.Literal('opus'), Type.Literal('mp3')])) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const servable = await service.streamSource(
          await request.viewer(),
          request.params.id,
          request.query.format,
          header(request, 'accept'),
        );
        return sendFile(blobs, request, reply, servable, request.query.format === undefined);
      },
    );

    app.get(
      '/api/tracks/:id/download',
      {
        schema: {
          tags,
          summary: 'Download the original or an MP3, named "Artist - Title.ext", when the artist allows it',
          params: IdParam,
          querystring: Type.Object(
            { format: Type.Optional(Type.Union([Type.Literal('original'), Type.Literal('mp3')])) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const servable = await service.downloadSource(
          await request.viewer(),
          request.params.id,
          request.query.format ?? 'original',
        );
        return sendFile(blobs, request, reply, servable, false);
      },
    );
  };
}
