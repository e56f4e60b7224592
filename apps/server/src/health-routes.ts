import { type AppContext, DomainError } from '@coterie/platform';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['platform'],
          summary: 'Liveness and database readiness',
          response: { 200: Type.Object({ status: Type.Literal('ok') }) },
        },
      },
      async () => {
        try {
          await ctx.database.ping();
        } catch {
          throw new DomainError(503, 'database_unavailable', 'The database is not answering.');
        }
        return { status: 'ok' as const };
      },
    );
  };
}
