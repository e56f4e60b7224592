import type { ProfileLink } from './account.ts';
import { api } from './client.ts';

export type CommunityKind = 'artist' | 'expert' | 'interest' | 'organisation';
export type Visibility = 'public' | 'private';
export type Role = 'owner' | 'moderator' | 'member';

/** The private-profile fields a member may share with a community, in the order they are shown. */
export const SHAREABLE_FIELDS = [
  'displayName',
  'realName',
  'email',
  'location',
  'bio',
  'avatarUrl',
  'links',
  'birthday',
] as const;
export type ShareField = (typeof SHAREABLE_FIELDS)[number];

/** My own membership of a community. */
export interface Membership {
  id: string;
  handle: string;
  role: Role;
  share: ShareField[];
  joinedAt: string;
}

/** How a member appears to the others: handle and role, plus only the fields they chose to share. */
export interface Persona {
  id: string;
  handle: string;
  role: Role;
  joinedAt?: string;
  displayName?: string;
  realName?: string | null;
  email?: string | null;
  location?: string | null;
  bio?: string | null;
  avatarUrl?: string | null;
  links?: ProfileLink[];
  birthday?: string | null;
}

export interface Community {
  id: string;
  slug: string;
  name: string;
  kind: CommunityKind;
  visibility: Visibility;
  tagline: string | null;
  accentColor: string;
  memberCap: number | null;
  memberCount: number;
  /** Same-origin image addresses (/api/media/…), once the owner has uploaded them. */
  logoUrl?: string | null;
  bannerUrl?: string | null;
  createdAt: string;
  myMembership: Membership | null;
}

export type BrandingImage = 'logo' | 'banner';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface NewCommunity {
  slug: string;
  name: string;
  kind: CommunityKind;
  visibility: Visibility;
  tagline?: string;
  accentColor?: string;
  memberCap?: number | null;
  ownerHandle?: string;
  ownerShare?: ShareField[];
}

export interface CommunityUpdate {
  name?: string;
  tagline?: string | null;
  accentColor?: string;
  memberCap?: number | null;
  visibility?: Visibility;
}

export interface Invite {
  code: string;
  /** Every invite expires: the server defaults to 7 days and allows up to 90. */
  expiresAt: string;
  maxUses: number | null;
  uses: number;
  createdAt: string;
}

export interface MembershipView {
  membership: Membership;
  /** Exactly what the community sees of me. */
  seenAs: Persona;
}

export interface AuditEntry {
  id: string;
  action: string;
  /** A handle is null once that member has left. */
  actor: { id: string; handle: string | null } | null;
  target: { id: string; handle: string | null } | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

const base = (slug: string) => `/api/communities/${encodeURIComponent(slug)}`;

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const communitiesApi = {
  list: (q: string, cursor: string | null = null) =>
    api<Page<Community>>('GET', `/api/communities${query({ q: q.trim(), cursor })}`),
  mine: (cursor: string | null = null) =>
    api<Page<Community>>('GET', `/api/communities${query({ mine: 'true', cursor })}`),
  get: (slug: string, invite: string | null = null) =>
    api<Community>('GET', `${base(slug)}${query({ invite })}`),
  create: (input: NewCommunity) => api<Community>('POST', '/api/communities', input),
  update: (slug: string, update: CommunityUpdate) => api<Community>('PATCH', base(slug), update),
  remove: (slug: string, confirmSlug: string) => api<void>('DELETE', base(slug), { confirmSlug }),

  /** Uploads a logo or banner; the server re-encodes it (WebP, no metadata). */
  uploadImage: (slug: string, purpose: BrandingImage, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<Community>('PUT', `${base(slug)}/${purpose}`, form);
  },
  removeImage: (slug: string, purpose: BrandingImage) => api<Community>('DELETE', `${base(slug)}/${purpose}`),

  createInvite: (slug: string, input: { expiresInHours?: number; maxUses?: number }) =>
    api<Invite>('POST', `${base(slug)}/invites`, input),
  invites: (slug: string, cursor: string | null = null) =>
    api<Page<Invite>>('GET', `${base(slug)}/invites${query({ cursor })}`),
  revokeInvite: (slug: string, code: string) =>
    api<void>('DELETE', `${base(slug)}/invites/${encodeURIComponent(code)}`),

  join: (slug: string, input: { handle: string; share: ShareField[]; inviteCode?: string }) =>
    api<Membership>('POST', `${base(slug)}/join`, input),
  membership: (slug: string) => api<MembershipView>('GET', `${base(slug)}/membership`),
  updateMembership: (slug: string, update: { handle?: string; share?: ShareField[] }) =>
    api<MembershipView>('PATCH', `${base(slug)}/membership`, update),
  leave: (slug: string) => api<void>('DELETE', `${base(slug)}/membership`),

  members: (slug: string, cursor: string | null = null) =>
    api<Page<Persona>>('GET', `${base(slug)}/members${query({ cursor })}`),
  setRole: (slug: string, memberId: string, role: 'moderator' | 'member') =>
    api<Persona>('PATCH', `${base(slug)}/members/${encodeURIComponent(memberId)}`, { role }),
  transfer: (slug: string, memberId: string) =>
    api<Community>('POST', `${base(slug)}/transfer`, { memberId }),
  removeMember: (slug: string, memberId: string, options: { ban?: boolean; reason?: string } = {}) =>
    api<void>('DELETE', `${base(slug)}/members/${encodeURIComponent(memberId)}`, options),

  audit: (slug: string, cursor: string | null = null) =>
    api<Page<AuditEntry>>('GET', `${base(slug)}/audit${query({ cursor })}`),
};

/** The address a person opens to see a private community and join it. */
export function inviteLink(slug: string, code: string, origin = window.location.origin): string {
  return `${origin}/c/${encodeURIComponent(slug)}?invite=${encodeURIComponent(code)}`;
}
