import type { AccountsService } from '@coterie/accounts';
import type { AppContext } from '@coterie/platform';
import type { FastifyPluginAsync } from 'fastify';
import { AuditTrail } from './audit.ts';
import { communityRoutes } from './community-routes.ts';
import { CommunityService, type ProfileLoader } from './community-service.ts';
import { CommunityKeys } from './keys.ts';
import { membershipRoutes } from './membership-routes.ts';
import { MembershipService } from './membership-service.ts';
import { CommunitySchema, MembershipSchema, MineSchema, PersonaSchema } from './schemas.ts';
import { CommunitiesStore } from './store.ts';

export { AuditTrail } from './audit.ts';
export { type Access, CommunityService, notFoundCommunity } from './community-service.ts';
export { CommunityKeys } from './keys.ts';
export { MembershipService } from './membership-service.ts';
export * as communitiesSchema from './schema.ts';
export { CommunitiesStore } from './store.ts';

/** Shared response schemas other capabilities refer to ($ref); added once at the root. */
export const COMMUNITY_SCHEMAS: readonly object[] = [
  MembershipSchema,
  PersonaSchema,
  CommunitySchema,
  { ...MineSchema, $id: 'Mine' },
];

export interface CommunitiesCapability {
  readonly communities: CommunityService;
  readonly memberships: MembershipService;
  readonly keys: CommunityKeys;
  readonly audit: AuditTrail;
  readonly routes: FastifyPluginAsync;
}

export function createCommunities(ctx: AppContext, accounts: AccountsService): CommunitiesCapability {
  const store = new CommunitiesStore(ctx.db, ctx.changes);
  const keys = new CommunityKeys(store, ctx.masterKey);
  const loadProfile: ProfileLoader = (userId) => accounts.profileOf(userId);
  const communities = new CommunityService(ctx, store, keys, loadProfile);
  const memberships = new MembershipService(ctx, store, keys, communities, loadProfile);
  // Each community's copy follows the private profile, still limited to what was shared.
  accounts.onProfileChanged((userId) => memberships.profileChanged(userId));
  ctx.personalData.push({
    name: 'communities',
    export: (userId) => memberships.exportFor(userId),
    erase: (userId, _options) => memberships.eraseFor(userId),
  });
  const routes: FastifyPluginAsync = async (app) => {
    await app.register(communityRoutes(communities) as unknown as FastifyPluginAsync);
    await app.register(membershipRoutes(memberships) as unknown as FastifyPluginAsync);
  };
  return { communities, memberships, keys, audit: new AuditTrail(store, ctx.clock), routes };
}
