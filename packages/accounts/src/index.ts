import type { AppContext } from '@coterie/platform';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { accountsRoutes, SESSION_COOKIE } from './routes.ts';
import { AccountsService } from './service.ts';
import { AccountsStore } from './store.ts';

export { checkPassword } from './password-policy.ts';
export { normalizeEmail } from './profile-rules.ts';
export * as accountsSchema from './schema.ts';
export { AccountsService } from './service.ts';
export { AccountsStore } from './store.ts';
export type { PrivateProfile } from './types.ts';
export { SESSION_COOKIE };

export interface AccountsCapability {
  readonly service: AccountsService;
  readonly routes: FastifyPluginAsync;
  resolveViewer(request: FastifyRequest): ReturnType<AccountsService['resolveViewer']>;
}

/** Wires the accounts capability and registers its part of "my data". */
export function createAccounts(ctx: AppContext): AccountsCapability {
  const service = new AccountsService(ctx, new AccountsStore(ctx.db, ctx.changes));
  ctx.personalData.push({
    name: 'account',
    export: (userId) => service.exportData(userId),
    erase: (userId, _options) => service.erase(userId),
  });
  return {
    service,
    routes: accountsRoutes(service) as unknown as FastifyPluginAsync,
    resolveViewer: (request) => service.resolveViewer(request.cookies[SESSION_COOKIE]),
  };
}
