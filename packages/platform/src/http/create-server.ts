import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { withCachedReads } from '../cache/read-scope.ts';
import type { AppContext, Viewer } from '../context.ts';
import { unauthorized } from '../errors.ts';
import { registerCsrfDefence } from './csrf.ts';
import { errorBody, notFoundBody, registerErrorHandling } from './error-handler.ts';
import { requestLoggerFactory } from './request-logger.ts';
import { buildValidator } from './validation.ts';
import { registerWebApp } from './web-app.ts';

export interface ServerOptions {
  /** Resolves the session cookie to a viewer; provided by the accounts capability. */
  resolveViewer: (request: FastifyRequest) => Promise<Viewer | null>;
  /** Whether to log each request (the benchmark and tests turn this off). */
  logRequests?: boolean;
}

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

/** An answer slower than this is logged at info even when it succeeded. */
const SLOW_MS = 500;

/**
 * One log line per request, when it is answered (method, path, status, time), instead of Fastify's
 * two. Quick successful answers log at debug: at info, a line written per feed read cost the server
 * more CPU than the read itself. Refusals (4xx), failures and slow answers log at info or error.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const elapsed = reply.elapsedTime;
    const level = error ? 'error' : reply.statusCode >= 400 || elapsed > SLOW_MS ? 'info' : 'debug';
    // The common case, a quick answer at info: nothing to build, nothing to write.
    if (!(reply.log as unknown as { isLevelEnabled(level: string): boolean }).isLevelEnabled(level)) return;
    const line = { req: request, res: reply, responseTime: elapsed };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log[level as 'info' | 'debug'](line, 'request completed');
  }
}

/** Built once: the same security headers go on every page and asset, so no request pays for building them. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': Object.entries(CONTENT_SECURITY_POLICY)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join(';'),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'strict-transport-security': 'max-age=15552000',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

/**
 * What an API answer (JSON, images, audio: never a document) needs: it may not run or load anything
 * should someone open it as a page, be framed, be sniffed into another type, or be read by another
 * site's page. The rest of the set is about documents (referrer, opener, DNS prefetch, IE's and
 * Flash's quirks); each header costs every request its validation and bytes, and the cheapest reads
 * spent a sixth of their time on the seven that do nothing for JSON.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': SECURITY_HEADERS['strict-transport-security'] as string,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

/** The security headers for a request's answer: the API's set under /api/, the documents' elsewhere. */
export function securityHeadersFor(url: string): Readonly<Record<string, string>> {
  return url.startsWith('/api/') ? API_SECURITY_HEADERS : SECURITY_HEADERS;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The HTTP shell every capability plugs into: validation, the one error shape, CSRF defence,
 * security headers, OpenAPI, request logging, and the single-page app.
 */
export async function createHttpServer(ctx: AppContext, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    logController: new OneLinePerRequest({ disableRequestLogging: options.logRequests === false }),
    childLoggerFactory: requestLoggerFactory,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    schemaController: { compilersFactory: { buildValidator: buildValidator as never } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandling(app);
  // GET handlers may be answered from the read caches; nothing else is (see read-scope.ts).
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.every((m) => m === 'GET' || m === 'HEAD')) return;
    const handler = route.handler;
    route.handler = function cachedReadHandler(this: FastifyInstance, request, reply) {
      return withCachedReads(() => handler.call(this, request, reply));
    };
  });
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

  // A field on the request, not a WeakMap beside it: a weak entry per request made every
  // authenticated read register an ephemeron the garbage collector then had to trace.
  app.decorateRequest('viewerLookup', null);
  app.decorateRequest('viewer', function viewer(this: FastifyRequest) {
    this.viewerLookup ??= options.resolveViewer(this);
    return this.viewerLookup;
  });
  app.decorateRequest('requireViewer', async function requireViewer(this: FastifyRequest) {
    const viewer = await this.viewer();
    if (!viewer) throw unauthorized();
    return viewer;
  });

  await app.register(fastifyCookie);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeadersFor(request.url));
    done();
  });
  registerCsrfDefence(app, ctx.config.publicUrl);
  // A write answers only once this process has heard of every change it committed, so the
  // writer's next read is never served from a cache the change has not reached yet.
  // A callback hook, not an async one: reads, the most of requests, pay for no promise here.
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (SAFE_METHODS.has(request.method)) return done(null, payload);
    ctx.changes.fence().then(
      () => done(null, payload),
      (error: Error) => done(error),
    );
  });

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
    /** Where `viewer()` keeps its answer; read it through `viewer()`. */
    viewerLookup: Promise<Viewer | null> | null;
    /** The logged-in person, or null; resolved once per request. */
    viewer(): Promise<Viewer | null>;
    /** The logged-in person, or a 401. */
    requireViewer(): Promise<Viewer>;
  }
}
