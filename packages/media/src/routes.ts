import { DomainError } from '@coterie/platform';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { MAX_UPLOAD_BYTES } from './image-rules.ts';
import type { MediaService } from './service.ts';

const tags = ['media'];
const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 60 }) });
const ImageSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
});
const uploadDoc =
  'multipart/form-data with one file field named "file" (JPEG, PNG, WebP, GIF or AVIF, at most 10 MB)';

/** Reads the one uploaded file, enforcing the size limit while streaming. */
export async function readUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new DomainError(
      415,
      'unsupported_media_type',
      'Send the image as multipart/form-data with a field named "file".',
    );
  }
  const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  if (file?.fieldname !== 'file')
    throw new DomainError(400, 'validation_failed', 'Attach the image in a field named "file".');
  const data = await file.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new DomainError(413, 'payload_too_large', 'Images can be at most 10 MB.');
    throw error;
  });
  if (data.length === 0) throw new DomainError(400, 'validation_failed', 'The uploaded file is empty.');
  return data;
}

export function mediaRoutes(service: MediaService): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Multipart only in this plugin: everywhere else a form body stays a 415.
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });

    for (const purpose of ['logo', 'banner'] as const) {
      app.put(
        `/api/communities/:slug/${purpose}`,
        {
          schema: {
            tags,
            summary: `Owner: upload the ${purpose} (${uploadDoc})`,
            params: SlugParam,
            response: { 200: Type.Ref('Community') },
          },
        },
        async (request) =>
          service.setBranding(
            await request.requireViewer(),
            request.params.slug,
            purpose,
            await readUpload(request),
          ),
      );
      app.delete(
        `/api/communities/:slug/${purpose}`,
        {
          schema: {
            tags,
            summary: `Owner: remove the ${purpose}`,
            params: SlugParam,
            response: { 200: Type.Ref('Community') },
          },
        },
        async (request) =>
          service.setBranding(await request.requireViewer(), request.params.slug, purpose, null),
      );
    }

    app.post(
      '/api/communities/:slug/images',
      {
        schema: {
          tags,
          summary: `Members: upload a picture for a post (${uploadDoc})`,
          params: SlugParam,
          response: { 201: ImageSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await service.uploadForPost(
              await request.requireViewer(),
              request.params.slug,
              await readUpload(request),
            ),
          ),
    );

    app.get(
      '/api/media/:id',
      {
        schema: {
          tags,
          summary: 'An image (WebP); private communities’ images for members only',
          params: Type.Object({ id: Type.String({ maxLength: 60 }) }),
          querystring: Type.Object(
            { invite: Type.Optional(Type.String({ maxLength: 60 })) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const { row, isPublic } = await service.read(
          await request.viewer(),
          request.params.id,
          request.query.invite,
        );
        const etag = `"${row.sha256}"`;
        reply
          .header('etag', etag)
          .header('cache-control', isPublic ? 'public, max-age=31536000, immutable' : 'private, max-age=3600')
          .header('content-disposition', 'inline')
          .type(row.contentType);
        if (request.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.send(row.data);
      },
    );
  };
}
