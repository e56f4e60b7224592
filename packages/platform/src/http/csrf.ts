import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes: a browser always sends `Origin` (or at least
 * `Sec-Fetch-Site`) with a cross-site write, so those must name this site. Together with
 * SameSite=Lax cookies and JSON-only bodies (a form cannot send application/json cross-site
 * without a CORS preflight we never grant) this closes the usual holes. Clients that are not
 * browsers send neither header and carry no ambient credentials, so they pass.
 */
export function registerCsrfDefence(app: FastifyInstance, publicOrigin: string | null): void {
  const allowed = (request: FastifyRequest, origin: string): boolean =>
    origin === publicOrigin || origin === `${request.protocol}://${request.host}`;

  const refused = (): Error =>
    forbidden('This request came from another site and was refused.', 'csrf_rejected');
  // A callback hook: the reads it lets straight through pay for no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    if (request.routeOptions.config?.csrf === false) return done();
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if (typeof origin === 'string' && origin !== '')
      return done(allowed(request, origin) ? undefined : refused());
    if (site === 'cross-site' || site === 'same-site') return done(refused());
    done();
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set to false on routes that authenticate otherwise (signed webhooks). */
    csrf?: boolean;
  }
}
