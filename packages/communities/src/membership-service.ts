import {
  type AppContext,
  conflict,
  type DomainError,
  forbidden,
  newId,
  notFound,
  unauthorized,
  type Viewer,
} from '@coterie/platform';
import { AuditTrail } from './audit.ts';
import type { CommunityService, ProfileLoader } from './community-service.ts';
import type { CommunityKeys } from './keys.ts';
import { canModerate, checkHandle, checkShare, outranks, type Role, sharedValues } from './rules.ts';
import { type CommunitiesStore, type CommunityRow, JoinRefused, type MembershipRow } from './store.ts';
import {
  type CommunityView,
  communityView,
  type MembershipView,
  membershipView,
  type PersonaView,
  personaView,
} from './views.ts';

const PAGE = 50;

const REFUSALS: Record<JoinRefused['reason'], () => DomainError> = {
  banned: () => forbidden('You were banned from this community.', 'banned'),
  invite_invalid: () =>
    forbidden('This invite is not valid: it may have expired, been used up or revoked.', 'invite_invalid'),
  community_full: () => conflict('community_full', 'This community is full: it has reached its member cap.'),
  handle_taken: () => conflict('handle_taken', 'Someone in this community already uses that handle.'),
  already_member: () => conflict('already_member', 'You are already a member of this community.'),
};

export interface AuditEntryView {
  id: string;
  action: string;
  actor: { id: string; handle: string | null } | null;
  target: { id: string; handle: string | null } | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

/** Personas: joining, what each community sees, roles, removal and bans, and their audit trail. */
export class MembershipService {
  readonly #ctx: AppContext;
  readonly #store: CommunitiesStore;
  readonly #keys: CommunityKeys;
  readonly #communities: CommunityService;
  readonly #loadProfile: ProfileLoader;
  readonly #audit: AuditTrail;

  constructor(
    ctx: AppContext,
    store: CommunitiesStore,
    keys: CommunityKeys,
    communities: CommunityService,
    loadProfile: ProfileLoader,
  ) {
    this.#ctx = ctx;
    this.#store = store;
    this.#keys = keys;
    this.#communities = communities;
    this.#loadProfile = loadProfile;
    this.#audit = new AuditTrail(store, ctx.clock);
  }

  async join(
    viewer: Viewer,
    slug: string,
    input: { handle: string; share: string[]; inviteCode?: string },
  ): Promise<MembershipView> {
    // Input first: a bad request is a 400 whatever the caller's standing.
    const { handle, key } = checkHandle(input.handle);
    const share = checkShare(input.share);
    const { community, membership } = await this.#communities.access(slug, viewer, input.inviteCode);
    if (membership) throw REFUSALS.already_member();
    if (community.visibility === 'private' && !input.inviteCode) {
      throw forbidden('This community is private: you need an invite to join.', 'invite_required');
    }
    const now = this.#ctx.clock();
    const id = newId('mem');
    const profile = await this.#loadProfile(viewer.userId);
    try {
      const row = await this.#store.join(
        {
          id,
          communityId: community.id,
          userId: viewer.userId,
          handle,
          handleKey: key,
          role: 'member',
          share,
          sharedData: await this.#keys.sealShared(community.id, id, sharedValues(profile, share)),
          joinedAt: now,
          updatedAt: now,
        },
        {
          inviteCode:
            community.visibility === 'private' || input.inviteCode ? (input.inviteCode ?? null) : null,
          now,
        },
      );
      await this.#audit.record(community.id, row, 'member.joined', null, {
        invited: input.inviteCode !== undefined,
      });
      return membershipView(row);
    } catch (error) {
      if (error instanceof JoinRefused) throw REFUSALS[error.reason]();
      throw error;
    }
  }

  async mine(viewer: Viewer, slug: string): Promise<{ membership: MembershipView; seenAs: PersonaView }> {
    const membership = await this.#requireMembership(viewer, slug);
    return this.#withPersona(membership);
  }

  /** A new share list or handle; fields taken off the list are gone from the community's copy at once. */
  async update(
    viewer: Viewer,
    slug: string,
    patch: { handle?: string; share?: string[] },
  ): Promise<{ membership: MembershipView; seenAs: PersonaView }> {
    const membership = await this.#requireMembership(viewer, slug);
    const changes: Partial<MembershipRow> = { updatedAt: this.#ctx.clock() };
    if (patch.handle !== undefined)
      Object.assign(changes, (({ handle, key }) => ({ handle, handleKey: key }))(checkHandle(patch.handle)));
    if (patch.share !== undefined) {
      const share = checkShare(patch.share);
      const profile = await this.#loadProfile(viewer.userId);
      changes.share = share;
      changes.sharedData = await this.#keys.sealShared(
        membership.communityId,
        membership.id,
        sharedValues(profile, share),
      );
    }
    const updated = await this.#store.updateMembership(membership.id, changes);
    if (updated === 'handle_taken') throw REFUSALS.handle_taken();
    return this.#withPersona(updated);
  }

  async leave(viewer: Viewer, slug: string): Promise<void> {
    const membership = await this.#requireMembership(viewer, slug);
    if (membership.role === 'owner') {
      throw conflict(
        'owner_cannot_leave',
        'Transfer ownership to another member before leaving, or delete the community.',
      );
    }
    await this.#store.removeMembership(membership, null);
  }

  async members(
    viewer: Viewer | null,
    slug: string,
    cursor?: string,
  ): Promise<{ items: PersonaView[]; nextCursor: string | null }> {
    if (!viewer) throw unauthorized();
    const { community, membership } = await this.#communities.access(slug, viewer);
    if (!membership && !viewer.isAdmin)
      throw forbidden('Only members can see who else is here.', 'not_a_member');
    const rows = await this.#store.listMembers(community.id, cursor, PAGE + 1);
    const page = rows.slice(0, PAGE);
    const items = await Promise.all(page.map((row) => this.#persona(row)));
    return { items, nextCursor: rows.length > PAGE ? (page.at(-1)?.id ?? null) : null };
  }

  async setRole(
    viewer: Viewer,
    slug: string,
    memberId: string,
    role: 'moderator' | 'member',
  ): Promise<PersonaView> {
    const { community, membership } = await this.#communities.requireRole(
      slug,
      viewer,
      ['owner'],
      'change roles',
    );
    const target = await this.#target(community, membership, memberId);
    const updated = await this.#store.updateMembership(target.id, { role, updatedAt: this.#ctx.clock() });
    if (updated === 'handle_taken') throw REFUSALS.handle_taken();
    await this.#audit.record(
      community.id,
      membership,
      role === 'moderator' ? 'member.promoted' : 'member.demoted',
      target,
      { role },
    );
    return this.#persona(updated);
  }

  async transfer(viewer: Viewer, slug: string, memberId: string): Promise<CommunityView> {
    const { community, membership } = await this.#communities.requireRole(
      slug,
      viewer,
      ['owner'],
      'transfer ownership',
    );
    const target = await this.#target(community, membership, memberId);
    await this.#store.transferOwnership(membership, target);
    await this.#audit.record(community.id, membership, 'ownership.transferred', target, {});
    return communityView(community, { ...membership, role: 'moderator' });
  }

  async remove(
    viewer: Viewer,
    slug: string,
    memberId: string,
    options: { ban: boolean; reason: string | null },
  ): Promise<void> {
    const what = options.ban ? 'ban members' : 'remove members';
    const { community, membership } = await this.#communities.requireRole(
      slug,
      viewer,
      ['owner', 'moderator'],
      what,
    );
    const target = await this.#target(community, membership, memberId);
    if (!outranks(membership.role as Role, target.role as Role)) {
      throw forbidden(`A ${membership.role} cannot ${options.ban ? 'ban' : 'remove'} a ${target.role}.`);
    }
    await this.#store.removeMembership(target, options.ban ? { reason: options.reason } : null);
    await this.#audit.record(
      community.id,
      membership,
      options.ban ? 'member.banned' : 'member.removed',
      target,
      options.reason ? { reason: options.reason } : {},
    );
  }

  async auditLog(
    viewer: Viewer,
    slug: string,
    cursor?: string,
  ): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
    const { community } = viewer.isAdmin
      ? await this.#communities.access(slug, viewer)
      : await this.#communities.requireRole(slug, viewer, ['owner'], 'read the audit log');
    const rows = await this.#store.listAudit(community.id, cursor, PAGE + 1);
    const page = rows.slice(0, PAGE);
    return {
      items: page.map((row) => ({
        id: row.id,
        action: row.action,
        actor: row.actorId ? { id: row.actorId, handle: row.actorHandle } : null,
        target: row.targetId ? { id: row.targetId, handle: row.targetHandle } : null,
        detail: row.detail,
        createdAt: row.createdAt.toISOString(),
      })),
      nextCursor: rows.length > PAGE ? (page.at(-1)?.id ?? null) : null,
    };
  }

  /** The private profile changed: every community's copy follows, still limited to its share list. */
  async profileChanged(userId: string): Promise<void> {
    const profile = await this.#loadProfile(userId);
    for (const membership of await this.#store.membershipsOfUser(userId)) {
      const sharedData = await this.#keys.sealShared(
        membership.communityId,
        membership.id,
        sharedValues(profile, checkShare(membership.share)),
      );
      await this.#store.updateMembership(membership.id, { sharedData, updatedAt: this.#ctx.clock() });
    }
  }

  /** Every persona id of one person: only their own data requests may join them up. */
  async memberIdsOf(userId: string): Promise<string[]> {
    return (await this.#store.membershipsOfUser(userId)).map((m) => m.id);
  }

  /** Every community of one person with their role there, in one read (discovery: what they may hear, and their own team's tracks). */
  async rolesOf(userId: string): Promise<{ communityId: string; role: Role }[]> {
    return (await this.#store.membershipsOfUser(userId)).map((m) => ({
      communityId: m.communityId,
      role: m.role as Role,
    }));
  }

  async exportFor(userId: string): Promise<unknown[]> {
    const rows = await this.#store.listOfUser(userId);
    return Promise.all(
      rows.map(async ({ community, membership }) => ({
        community: { slug: community.slug, name: community.name },
        ...membershipView(membership),
        sharedWithCommunity: await this.#keys.openShared(community.id, membership.id, membership.sharedData),
      })),
    );
  }

  /**
   * Erases every persona of the user. A community they own passes to its longest-serving
   * moderator; with none, the community is deleted with its key.
   */
  async eraseFor(userId: string): Promise<void> {
    const rows = await this.#store.listOfUser(userId);
    await this.#store.anonymiseAudit(rows.map((r) => r.membership.id));
    for (const { community, membership } of rows) {
      if (membership.role === 'owner') {
        const [heir] = await this.#store.moderatorsByTenure(community.id);
        if (!heir) {
          await this.#store.delete(community.id);
          this.#keys.forget(community.id);
          continue;
        }
        await this.#store.transferOwnership(membership, heir);
      }
      await this.#store.removeMembership(membership, null);
    }
  }

  async #requireMembership(viewer: Viewer, slug: string): Promise<MembershipRow> {
    const { membership } = await this.#communities.access(slug, viewer);
    if (!membership) throw notFound('You are not a member of this community.', 'not_a_member');
    return membership;
  }

  async #target(community: CommunityRow, actor: MembershipRow, memberId: string): Promise<MembershipRow> {
    const target = await this.#store.membershipById(community.id, memberId);
    if (!target) throw notFound('There is no such member in this community.', 'member_not_found');
    if (target.id === actor.id) throw forbidden('You cannot do that to yourself.', 'self_action');
    if (!canModerate(actor.role as Role)) throw forbidden('Only owners and moderators can do that.');
    return target;
  }

  async #persona(row: MembershipRow): Promise<PersonaView> {
    return personaView(row, await this.#keys.openShared(row.communityId, row.id, row.sharedData));
  }

  async #withPersona(row: MembershipRow): Promise<{ membership: MembershipView; seenAs: PersonaView }> {
    return { membership: membershipView(row), seenAs: await this.#persona(row) };
  }
}
