import { randomBytes } from 'node:crypto';
import {
  type AppContext,
  badRequest,
  conflict,
  type DomainError,
  forbidden,
  newId,
  notFound,
  unauthorized,
  type Viewer,
} from '@coterie/platform';
import { AuditTrail } from './audit.ts';
import type { CommunityKeys } from './keys.ts';
import {
  checkAccentColor,
  checkHandle,
  checkShare,
  checkSlug,
  type Kind,
  type Role,
  type ShareableField,
  sharedValues,
  suggestHandle,
  type Visibility,
} from './rules.ts';
import type { CommunitiesStore, CommunityRow, MembershipRow } from './store.ts';
import { type CommunityView, communityView, type InviteView, inviteView } from './views.ts';

export type ProfileLoader = (
  userId: string,
) => Promise<Record<ShareableField, unknown> & { displayName: string }>;

export interface CreateCommunity {
  slug: string;
  name: string;
  kind: Kind;
  visibility: Visibility;
  tagline?: string | null;
  accentColor?: string;
  memberCap?: number | null;
  ownerHandle?: string;
  ownerShare?: string[];
}

export interface Access {
  community: CommunityRow;
  membership: MembershipRow | null;
}

const DEFAULT_ACCENT = '#2f5d50';
const PAGE = 20;

export function notFoundCommunity(): DomainError {
  return notFound('There is no community here, or it is private.', 'community_not_found');
}

/** Communities themselves: creation, discovery, branding, invites, deletion. */
export class CommunityService {
  readonly #ctx: AppContext;
  readonly #store: CommunitiesStore;
  readonly #keys: CommunityKeys;
  readonly #loadProfile: ProfileLoader;
  readonly #audit: AuditTrail;

  constructor(ctx: AppContext, store: CommunitiesStore, keys: CommunityKeys, loadProfile: ProfileLoader) {
    this.#audit = new AuditTrail(store, ctx.clock);
    this.#ctx = ctx;
    this.#store = store;
    this.#keys = keys;
    this.#loadProfile = loadProfile;
  }

  /**
   * Finds a community the viewer may see. Private ones are 404 to outsiders (unless they hold a
   * valid invite), exactly like a slug that does not exist, so their existence does not leak.
   */
  async access(slug: string, viewer: Viewer | null, invite?: string): Promise<Access> {
    return this.#accessTo(await this.#store.findBySlug(slug), viewer, invite);
  }

  /** Same rules, for content addressed by its own id (a post, a comment). */
  async accessById(communityId: string, viewer: Viewer | null, invite?: string): Promise<Access> {
    return this.#accessTo(await this.#store.findById(communityId), viewer, invite);
  }

  async #accessTo(community: CommunityRow | null, viewer: Viewer | null, invite?: string): Promise<Access> {
    if (!community) throw notFoundCommunity();
    const membership = viewer ? await this.#store.membershipOf(community.id, viewer.userId) : null;
    if (community.visibility === 'private' && !membership && !viewer?.isAdmin) {
      const invited =
        invite !== undefined && (await this.#store.isInviteValid(community.id, invite, this.#ctx.clock()));
      if (!invited) throw notFoundCommunity();
    }
    return { community, membership };
  }

  async requireRole(
    slug: string,
    viewer: Viewer,
    roles: readonly Role[],
    what: string,
  ): Promise<Access & { membership: MembershipRow }> {
    const access = await this.access(slug, viewer);
    if (!access.membership) throw forbidden(`Only members can ${what}.`, 'not_a_member');
    if (!roles.includes(access.membership.role as Role)) {
      throw forbidden(`Only the community's ${roles.join(' or ')} can ${what}.`);
    }
    return access as Access & { membership: MembershipRow };
  }

  async create(viewer: Viewer, input: CreateCommunity): Promise<CommunityView> {
    const now = this.#ctx.clock();
    const slug = checkSlug(input.slug);
    const name = input.name.replace(/\s+/g, ' ').trim();
    if (name === '')
      throw badRequest('validation_failed', 'name must not be blank.', [
        { field: 'name', message: 'name must not be blank' },
      ]);
    const profile = await this.#loadProfile(viewer.userId);
    const { handle, key } = checkHandle(
      input.ownerHandle ?? suggestHandle(profile.displayName),
      'ownerHandle',
    );
    const share = checkShare(input.ownerShare ?? ['displayName'], 'ownerShare');
    const id = newId('com');
    const membershipId = newId('mem');
    const { wrapped } = this.#keys.create(id);
    const created = await this.#store.create(
      {
        id,
        slug,
        name,
        kind: input.kind,
        visibility: input.visibility,
        tagline: cleanTagline(input.tagline),
        accentColor: input.accentColor ? checkAccentColor(input.accentColor) : DEFAULT_ACCENT,
        memberCap: input.memberCap ?? null,
        createdAt: now,
        updatedAt: now,
      },
      wrapped,
      {
        id: membershipId,
        communityId: id,
        userId: viewer.userId,
        handle,
        handleKey: key,
        role: 'owner',
        share,
        sharedData: await this.#keys.sealShared(id, membershipId, sharedValues(profile, share)),
        joinedAt: now,
        updatedAt: now,
      },
    );
    if (created === 'slug_taken') {
      this.#keys.forget(id);
      throw conflict('slug_taken', `The address "${slug}" is taken. Choose another slug.`);
    }
    await this.#audit.record(id, created.owner, 'community.created', null, { slug });
    return communityView(created.community, created.owner);
  }

  async list(
    viewer: Viewer | null,
    options: { q?: string; cursor?: string; mine?: boolean },
  ): Promise<{ items: CommunityView[]; nextCursor: string | null }> {
    if (options.mine) {
      if (!viewer) throw unauthorized();
      const rows = await this.#store.listOfUser(viewer.userId);
      return { items: rows.map((r) => communityView(r.community, r.membership)), nextCursor: null };
    }
    const rows = await this.#store.listPublic(options.q?.trim() || undefined, options.cursor, PAGE + 1);
    const page = rows.slice(0, PAGE);
    const mine = viewer
      ? new Map((await this.#store.listOfUser(viewer.userId)).map((r) => [r.community.id, r.membership]))
      : new Map();
    return {
      items: page.map((row) => communityView(row, mine.get(row.id) ?? null)),
      nextCursor: rows.length > PAGE ? (page.at(-1)?.id ?? null) : null,
    };
  }

  async get(viewer: Viewer | null, slug: string, invite?: string): Promise<CommunityView> {
    const { community, membership } = await this.access(slug, viewer, invite);
    const view = communityView(community, membership);
    // Someone holding an invite to a private community may see its logo and banner too.
    if (community.visibility === 'private' && !membership && invite !== undefined) {
      const withInvite = (url: string | null) => (url ? `${url}?invite=${encodeURIComponent(invite)}` : null);
      return { ...view, logoUrl: withInvite(view.logoUrl), bannerUrl: withInvite(view.bannerUrl) };
    }
    return view;
  }

  async update(
    viewer: Viewer,
    slug: string,
    patch: {
      name?: string;
      tagline?: string | null;
      accentColor?: string;
      memberCap?: number | null;
      visibility?: Visibility;
    },
  ): Promise<CommunityView> {
    const { community, membership } = await this.requireRole(slug, viewer, ['owner'], 'change its settings');
    const changes: Partial<CommunityRow> = { updatedAt: this.#ctx.clock() };
    if (patch.name !== undefined) {
      const name = patch.name.replace(/\s+/g, ' ').trim();
      if (name === '')
        throw badRequest('validation_failed', 'name must not be blank.', [
          { field: 'name', message: 'name must not be blank' },
        ]);
      changes.name = name;
    }
    if (patch.tagline !== undefined) changes.tagline = cleanTagline(patch.tagline);
    if (patch.accentColor !== undefined) changes.accentColor = checkAccentColor(patch.accentColor);
    if (patch.memberCap !== undefined) changes.memberCap = patch.memberCap;
    if (patch.visibility !== undefined) changes.visibility = patch.visibility;
    const updated = await this.#store.update(community.id, changes);
    if (updated === 'cap_below_members') {
      throw conflict(
        'cap_below_members',
        `The community already has ${community.memberCount} members; the cap cannot be lower.`,
      );
    }
    await this.#audit.record(community.id, membership, 'community.updated', null, {
      fields: Object.keys(patch),
    });
    return communityView(updated, membership);
  }

  /** Sets or clears the logo or banner; returns the media id it replaced, for deletion. */
  async setImage(
    viewer: Viewer,
    slug: string,
    field: 'logoId' | 'bannerId',
    mediaId: string | null,
  ): Promise<{ view: CommunityView; replaced: string | null }> {
    const { community, membership } = await this.requireRole(slug, viewer, ['owner'], 'change its branding');
    const updated = await this.#store.update(community.id, {
      [field]: mediaId,
      updatedAt: this.#ctx.clock(),
    });
    if (updated === 'cap_below_members') throw new Error('unreachable: no cap change');
    await this.#audit.record(community.id, membership, 'community.updated', null, {
      fields: [field === 'logoId' ? 'logo' : 'banner'],
    });
    return { view: communityView(updated, membership), replaced: community[field] };
  }

  async remove(viewer: Viewer, slug: string, confirmSlug: string): Promise<void> {
    const { community } = viewer.isAdmin
      ? await this.access(slug, viewer)
      : await this.requireRole(slug, viewer, ['owner'], 'delete it');
    if (confirmSlug !== community.slug) {
      throw badRequest('confirmation_mismatch', 'Type the community’s slug exactly to confirm deleting it.');
    }
    await this.#store.delete(community.id);
    this.#keys.forget(community.id);
  }

  async createInvite(
    viewer: Viewer,
    slug: string,
    input: { expiresInHours?: number; maxUses?: number | null },
  ): Promise<InviteView> {
    const { community, membership } = await this.requireRole(
      slug,
      viewer,
      ['owner', 'moderator'],
      'invite people',
    );
    const now = this.#ctx.clock();
    const invite = await this.#store.insertInvite({
      code: randomBytes(12).toString('base64url'),
      communityId: community.id,
      createdBy: membership.id,
      expiresAt: new Date(now.getTime() + (input.expiresInHours ?? 168) * 3600_000),
      maxUses: input.maxUses ?? null,
      createdAt: now,
    });
    await this.#audit.record(community.id, membership, 'invite.created', null, {
      maxUses: invite.maxUses,
      expiresAt: invite.expiresAt.toISOString(),
    });
    return inviteView(invite);
  }

  async listInvites(viewer: Viewer, slug: string): Promise<InviteView[]> {
    const { community } = await this.requireRole(slug, viewer, ['owner', 'moderator'], 'see invites');
    return (await this.#store.listInvites(community.id, this.#ctx.clock())).map(inviteView);
  }

  async revokeInvite(viewer: Viewer, slug: string, code: string): Promise<void> {
    const { community, membership } = await this.requireRole(
      slug,
      viewer,
      ['owner', 'moderator'],
      'revoke invites',
    );
    if (!(await this.#store.revokeInvite(community.id, code, this.#ctx.clock()))) {
      throw notFound('There is no such invite in this community.', 'invite_not_found');
    }
    await this.#audit.record(community.id, membership, 'invite.revoked', null, {});
  }
}

function cleanTagline(tagline: string | null | undefined): string | null {
  const cleaned = tagline?.replace(/\s+/g, ' ').trim() ?? '';
  return cleaned === '' ? null : cleaned;
}
