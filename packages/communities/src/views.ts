import type { SharedValues } from './rules.ts';
import type { CommunityRow, InviteRow, MembershipRow } from './store.ts';

export interface MembershipView {
  id: string;
  handle: string;
  role: string;
  share: string[];
  joinedAt: string;
}

export interface CommunityView {
  id: string;
  slug: string;
  name: string;
  kind: string;
  visibility: string;
  tagline: string | null;
  accentColor: string;
  memberCap: number | null;
  memberCount: number;
  logoUrl: string | null;
  bannerUrl: string | null;
  createdAt: string;
  myMembership: MembershipView | null;
}

export const mediaUrl = (id: string | null): string | null => (id ? `/api/media/${id}` : null);

/** A member as others see them: persona id, handle, role, and only what they chose to share. */
export type PersonaView = { id: string; handle: string; role: string; joinedAt: string } & SharedValues;

export interface InviteView {
  code: string;
  expiresAt: string;
  maxUses: number | null;
  uses: number;
  createdAt: string;
}

export function membershipView(row: MembershipRow): MembershipView {
  return {
    id: row.id,
    handle: row.handle,
    role: row.role,
    share: row.share,
    joinedAt: row.joinedAt.toISOString(),
  };
}

export function communityView(row: CommunityRow, membership: MembershipRow | null): CommunityView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    visibility: row.visibility,
    tagline: row.tagline,
    accentColor: row.accentColor,
    memberCap: row.memberCap,
    memberCount: row.memberCount,
    logoUrl: mediaUrl(row.logoId),
    bannerUrl: mediaUrl(row.bannerId),
    createdAt: row.createdAt.toISOString(),
    myMembership: membership ? membershipView(membership) : null,
  };
}

export function personaView(row: MembershipRow, shared: SharedValues): PersonaView {
  // Shared fields first, so the persona's own keys can never be overwritten by them.
  return { ...shared, id: row.id, handle: row.handle, role: row.role, joinedAt: row.joinedAt.toISOString() };
}

export function inviteView(row: InviteRow): InviteView {
  return {
    code: row.code,
    expiresAt: row.expiresAt.toISOString(),
    maxUses: row.maxUses,
    uses: row.uses,
    createdAt: row.createdAt.toISOString(),
  };
}
