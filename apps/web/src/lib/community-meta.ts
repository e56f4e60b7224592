import type { Profile } from '../api/account.ts';
import type { CommunityKind, Persona, Role, ShareField, Visibility } from '../api/communities.ts';

export const KINDS: { value: CommunityKind; label: string; text: string }[] = [
  {
    value: 'artist',
    label: 'Artist',
    text: 'A musician, a band or a maker gathering the people who love their work.',
  },
  {
    value: 'expert',
    label: 'Micro-expert',
    text: 'Someone who knows a niche well, sharing knowledge with the few hundred who value it.',
  },
  {
    value: 'interest',
    label: 'Interest',
    text: 'People who share a passion, a place or a question, with no one on a stage.',
  },
  {
    value: 'organisation',
    label: 'Organisation',
    text: 'A team, a collective or a club: usually private, an internal network by invitation.',
  },
];

export const kindLabel = (kind: CommunityKind): string => KINDS.find((k) => k.value === kind)?.label ?? kind;

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  moderator: 'Moderator',
  member: 'Member',
};

/** Slug rules, as the server applies them. */
export const SLUG_MIN = 3;
export const SLUG_MAX = 40;
export const SLUG_RULE = `${SLUG_MIN}–${SLUG_MAX} lowercase letters, digits and hyphens.`;
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Rosa's Tape Club!" → "rosas-tape-club"; accents folded, never longer than the limit. */
export function slugify(text: string, max = SLUG_MAX): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

/** A reason the slug cannot be used, or null when it looks fine (the server has the last word). */
export function slugProblem(slug: string): string | null {
  if (slug.length === 0) return 'Choose the address of your community.';
  if (slug.length < SLUG_MIN) return `Use at least ${SLUG_MIN} characters.`;
  if (slug.length > SLUG_MAX) return `Use at most ${SLUG_MAX} characters.`;
  if (!SLUG_PATTERN.test(slug))
    return 'Use only lowercase letters, digits and single hyphens, not at the start or end.';
  return null;
}

/** Handle rules, as the server applies them: unique per community, whatever the letter case. */
export const HANDLE_MIN = 2;
export const HANDLE_MAX = 30;
export const HANDLE_RULE = `${HANDLE_MIN}–${HANDLE_MAX} letters, digits, dots, hyphens or underscores.`;
const HANDLE_PATTERN = /^[\p{L}\p{N}_.-]+$/u;

/** A first handle to offer: the display name, squeezed into something handle-shaped ("Rosa F." → "rosa.f"). */
export function suggestHandle(displayName: string): string {
  const base = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 24)
    .replace(/\.+$/g, '');
  return base.length >= HANDLE_MIN ? base : 'member';
}

export function handleProblem(handle: string): string | null {
  const trimmed = handle.trim().replace(/^@/, '');
  const length = [...trimmed].length;
  if (length === 0) return 'Choose the handle people here will know you by.';
  if (length < HANDLE_MIN) return `Use at least ${HANDLE_MIN} characters.`;
  if (length > HANDLE_MAX) return `Use at most ${HANDLE_MAX} characters.`;
  if (!HANDLE_PATTERN.test(trimmed)) return 'Use only letters, digits, dots, hyphens and underscores.';
  return null;
}

export interface ShareFieldInfo {
  field: ShareField;
  label: string;
}

export const SHARE_FIELD_INFO: Record<ShareField, string> = {
  displayName: 'Display name',
  realName: 'Real name',
  email: 'Email',
  location: 'Location',
  bio: 'About you',
  avatarUrl: 'Picture address',
  links: 'Links',
  birthday: 'Birthday',
};

/** My own value for a field, as text, or null when my profile leaves it empty. */
export function profileValue(profile: Profile, field: ShareField): string | null {
  switch (field) {
    case 'links':
      return profile.links.length > 0
        ? profile.links.map((link) => link.label || hostOf(link.url)).join(', ')
        : null;
    case 'displayName':
      return profile.displayName;
    case 'email':
      return profile.email;
    default:
      return profile[field] ?? null;
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/**
 * What a community will see of me once I join with this handle and these fields: the same shape
 * the server sends to other members, built here from my private profile for the preview.
 */
export function previewPersona(
  profile: Profile,
  handle: string,
  share: readonly ShareField[],
  role: Role = 'member',
): Persona {
  const persona: Persona = { id: 'preview', handle: handle.trim() || '…', role };
  for (const field of share) {
    if (field === 'links') {
      if (profile.links.length > 0) persona.links = profile.links;
    } else {
      const value = field === 'email' ? profile.email : profile[field];
      if (value) persona[field] = value;
    }
  }
  return persona;
}

/** Audit actions in words, as "@actor … @target". Unknown actions are shown tidied. */
const AUDIT_WORDS: Record<string, string> = {
  'community.created': 'created the community',
  'community.updated': 'changed the settings',
  'ownership.transferred': 'handed ownership to',
  'member.joined': 'joined',
  'member.left': 'left',
  'member.removed': 'removed',
  'member.banned': 'banned',
  'member.promoted': 'made a moderator:',
  'member.demoted': 'made an ordinary member:',
  'invite.created': 'created an invite link',
  'invite.revoked': 'revoked an invite link',
  'post.pinned': 'pinned a post',
  'post.unpinned': 'unpinned a post',
  'post.hidden': 'hid a post from members',
  'post.unhidden': 'kept a reported post visible, or unhid it',
  'post.deleted': 'deleted a post',
  'comment.hidden': 'hid a comment from members',
  'comment.unhidden': 'kept a reported comment visible, or unhid it',
  'comment.deleted': 'deleted a comment',
};

export function auditWords(action: string): string {
  return AUDIT_WORDS[action] ?? action.replace(/[._]+/g, ' ').trim();
}

const SETTING_WORDS: Record<string, string> = {
  name: 'name',
  tagline: 'tagline',
  accentColor: 'colour',
  memberCap: 'member cap',
  visibility: 'who can join',
};

const dayAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The facts of an audit entry worth showing: "reason: spam", "changed: name, colour". */
export function auditDetail(action: string, detail: Record<string, unknown>): string[] {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail ?? {})) {
    // Ids of posts and comments mean nothing to a reader: the log links to the post instead.
    if (value === null || value === undefined || value === '' || key === 'role') continue;
    if (key === 'postId' || key === 'commentId') continue;
    if (action === 'community.updated' && key === 'fields' && Array.isArray(value)) {
      parts.push(
        `changed: ${value.map((field) => SETTING_WORDS[String(field)] ?? String(field)).join(', ')}`,
      );
    } else if (key === 'invited') {
      if (value === true) parts.push('with an invite');
    } else if (key === 'expiresAt' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
      parts.push(`expires ${dayAndTime.format(new Date(value))}`);
    } else if (key === 'maxUses') {
      parts.push(`up to ${String(value)} ${value === 1 ? 'use' : 'uses'}`);
    } else {
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      parts.push(`${key.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${text}`);
    }
  }
  return parts;
}

export const VISIBILITY_OPTIONS: { value: Visibility; label: string; text: string }[] = [
  {
    value: 'public',
    label: 'Public',
    text: 'Listed in Communities. Anyone with an account can find it and join.',
  },
  {
    value: 'private',
    label: 'Private, invite only',
    text: 'Never listed or shown to outsiders. People join through an invite link you send.',
  },
];

/** A member cap as typed: empty means no cap; otherwise a whole number of at least 2. */
export function parseCap(text: string): { cap: number | null; error: string | null } {
  const trimmed = text.trim();
  if (trimmed === '') return { cap: null, error: null };
  if (!/^\d+$/.test(trimmed)) return { cap: null, error: 'Enter a whole number, or leave it empty.' };
  const cap = Number(trimmed);
  if (cap < 2) return { cap: null, error: 'A community needs room for at least 2 people.' };
  return { cap, error: null };
}
