import type { AppContext } from '@coterie/platform';
import type { FastifyPluginAsync } from 'fastify';
import { type PrivacyDeps, privacyRoutes } from './routes.ts';
import { PrivacyService } from './service.ts';

export { type ExportDocument, PrivacyService } from './service.ts';

export function createPrivacy(ctx: AppContext, deps: PrivacyDeps): { routes: FastifyPluginAsync } {
  return { routes: privacyRoutes(new PrivacyService(ctx), deps) as unknown as FastifyPluginAsync };
}
