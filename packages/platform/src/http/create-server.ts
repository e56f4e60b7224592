import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { AppContext, Viewer } from '../context.ts';
import { unauthorized } from '../errors.ts';
import { registerCsrfDefence } from './csrf.ts';
import { errorBody, notFoundBody, registerErrorHandling } from './error-handler.ts';
import { buildValidator } from './validation.ts';
import { registerWebApp } from './web-app.ts';

export interface ServerOptions {
  /** Resolves the session cookie to a viewer; provided by the accounts capability. */
  resolveViewer: (request: FastifyRequest) => Promise<Viewer | null>;
  /** Whether to log each request (the benchmark and tests turn this off). */
  logRequests?: boolean;
}

const viewerCache = new WeakMap<FastifyRequest, Promise<Viewer | null>>();

export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The HTTP shell every capability plugs into: validation, the one error shape, CSRF defence,
 * security headers, OpenAPI, request logging, and the single-page app.
 */
export async function createHttpServer(ctx: AppContext, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: options.logRequests === false }),
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    schemaController: { compilersFactory: { buildValidator: buildValidator as never } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandling(app);
  // JSON only: a text/plain body is what a cross-site form can send without a preflight.
  app.removeContentTypeParser(['text/plain']);
  // An empty body labelled JSON means "no body" (routes with optional bodies accept it; the
  // others answer 400 from validation); everything else goes to Fastify's poisoning-safe parser.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, done);
  });

  app.decorateRequest('viewer', function viewer(this: FastifyRequest) {
    let cached = viewerCache.get(this);
    if (!cached) {
      cached = options.resolveViewer(this);
      viewerCache.set(this, cached);
    }
    return cached;
  });
  app.decorateRequest('requireViewer', async function requireViewer(this: FastifyRequest) {
    const viewer = await this.viewer();
    if (!viewer) throw unauthorized();
    return viewer;
  });

  await app.register(fastifyCookie);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    hsts: { maxAge: 15552000, includeSubDomains: false },
    frameguard: { action: 'deny' },
  });
  registerCsrfDefence(app, ctx.config.publicUrl);

  await app.register(fastifySwagger, {
    // Shared schemas keep their $id as their name in the document (PrivateProfile, not def-0).
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Coterie API',
        version: '0',
        description:
          'Microcommunities where artists keep at least 80 %. Errors: {"error":{"code","message"}}.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'coterie_session' } },
      },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const spaFallback = await registerWebApp(app, ctx.config.webDistDir);
  app.setNotFoundHandler(async (request, reply) => {
    if (spaFallback && (await spaFallback(request, reply))) return reply;
    return reply.code(404).send(notFoundBody(request.method, request.url));
  });

  return app;
}

export { errorBody };

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in person, or null; resolved once per request. */
    viewer(): Promise<Viewer | null>;
    /** The logged-in person, or a 401. */
    requireViewer(): Promise<Viewer>;
  }
}
