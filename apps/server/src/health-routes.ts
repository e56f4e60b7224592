import { type AppContext, DomainError, sharedJson } from '@coterie/platform';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

/** How long a database that answered counts as answering: probes every second cost no queries between. */
const ANSWERED_FOR_MS = 1_000;

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  let answeredAt = Number.NEGATIVE_INFINITY;
  let pinging: Promise<void> | null = null;
  // Probes that arrive together share one ping; a failure is never remembered.
  const ping = (): Promise<void> => {
    pinging ??= ctx.database
      .ping()
      .then(() => {
        answeredAt = performance.now();
      })
      .finally(() => {
        pinging = null;
      });
    return pinging;
  };
  const OK = Object.freeze({ status: 'ok' as const });
  return async (app) => {
    const send = sharedJson();
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['platform'],
          summary: 'Liveness and database readiness (the database answered within the last second)',
          response: { 200: Type.Object({ status: Type.Literal('ok') }) },
        },
      },
      // Not async: a probe the last ping still covers is answered at once, with no promise.
      (_request, reply) => {
        if (performance.now() - answeredAt <= ANSWERED_FOR_MS) {
          send(reply, OK);
          return;
        }
        return ping().then(
          () => {
            send(reply, OK);
          },
          () => {
            throw new DomainError(503, 'database_unavailable', 'The database is not answering.');
          },
        );
      },
    );
  };
}
