import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { PrivacyService } from './service.ts';

export interface PrivacyDeps {
  verifyPassword(userId: string, password: string): Promise<void>;
  sessionCookie: string;
}

export function privacyRoutes(service: PrivacyService, deps: PrivacyDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/me/export',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Everything Coterie holds about me, as a downloadable JSON document',
          response: {
            200: Type.Object({
              format: Type.Literal('coterie-export/1'),
              exportedAt: Type.String(),
              sections: Type.Record(Type.String(), Type.Unknown()),
            }),
          },
        },
      },
      async (request, reply) => {
        const viewer = await request.requireViewer();
        const document = await service.exportFor(viewer.userId);
        const day = document.exportedAt.slice(0, 10);
        reply.header('content-disposition', `attachment; filename="coterie-export-${day}.json"`);
        reply.header('cache-control', 'no-store');
        return document;
      },
    );

    app.delete(
      '/api/me',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Erase my account everywhere (needs my password); my posts are deleted or kept anonymised',
          body: Type.Object(
            {
              password: Type.String({ minLength: 1, maxLength: 1024 }),
              posts: Type.Optional(Type.Union([Type.Literal('delete'), Type.Literal('anonymise')])),
            },
            { additionalProperties: false },
          ),
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const viewer = await request.requireViewer();
        await deps.verifyPassword(viewer.userId, request.body.password);
        await service.erase(viewer.userId, { keepPostsAnonymised: request.body.posts === 'anonymise' });
        reply.clearCookie(deps.sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax' });
        return reply.code(204).send(null);
      },
    );
  };
}
