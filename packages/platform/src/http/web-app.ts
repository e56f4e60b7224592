import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Serves the built single-page app: hashed assets cached for a year, and index.html for any
 * other GET outside /api so client-side routes survive a reload. Returns the fallback the
 * not-found handler calls, or null when there is no build (API-only test servers).
 */
export async function registerWebApp(
  app: FastifyInstance,
  distDir: string,
): Promise<((request: FastifyRequest, reply: FastifyReply) => Promise<boolean>) | null> {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) return null;
  const indexHtml = await readFile(indexFile);
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    setHeaders: (res, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    },
  });
  // Register every top-level file and the assets folder explicitly; everything else falls back.
  app.get('/assets/*', (request, reply) =>
    reply.sendFile(`assets/${(request.params as { '*': string })['*']}`),
  );
  return async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const pathname = request.url.split('?')[0] ?? '/';
    if (pathname.startsWith('/api/') || pathname === '/api') return false;
    const extension = path.extname(pathname);
    if (extension !== '') {
      const candidate = path.join(distDir, path.normalize(pathname));
      if (candidate.startsWith(distDir + path.sep) && existsSync(candidate)) {
        await reply.sendFile(path.relative(distDir, candidate));
        return true;
      }
      return false;
    }
    await reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
    return true;
  };
}
