/** Pure rules of communities and personas: no I/O, unit-tested on their own. */
import { badRequest } from '@coterie/platform';

export const KINDS = ['artist', 'expert', 'interest', 'organisation'] as const;
export const VISIBILITIES = ['public', 'private'] as const;
export const ROLES = ['owner', 'moderator', 'member'] as const;
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

export type Kind = (typeof KINDS)[number];
export type Visibility = (typeof VISIBILITIES)[number];
export type Role = (typeof ROLES)[number];
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];
export type SharedValues = Partial<Record<ShareableField, unknown>>;

// Words that are, or may become, routes or would impersonate the instance.
const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'app',
  'assets',
  'auth',
  'c',
  'charts',
  'communities',
  'community',
  'coterie',
  'discover',
  'explore',
  'feed',
  'help',
  'login',
  'logout',
  'me',
  'moderation',
  'new',
  'official',
  'root',
  'sandbox',
  'search',
  'settings',
  'signup',
  'static',
  'support',
  'system',
  'www',
]);
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const HANDLE = /^[\p{L}\p{N}_.-]+$/u;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

function invalid(field: string, message: string): never {
  throw badRequest('validation_failed', message, [{ field, message: message.replace(/\.$/, '') }]);
}

export function checkSlug(slug: string): string {
  if (slug.length < 3 || slug.length > 40) invalid('slug', 'slug must be 3 to 40 characters.');
  if (!SLUG.test(slug) || slug.includes('--')) {
    invalid('slug', 'slug may use lowercase letters, digits and single hyphens, not at either end.');
  }
  if (RESERVED_SLUGS.has(slug)) invalid('slug', `"${slug}" is reserved; choose another slug.`);
  return slug;
}

/** Handles are unique per community whatever their letter case; the key is what is compared. */
export function checkHandle(raw: string, field = 'handle'): { handle: string; key: string } {
  const handle = raw.trim().replace(/^@/, '').normalize('NFC');
  const length = [...handle].length;
  if (length < 2 || length > 30) invalid(field, `${field} must be 2 to 30 characters.`);
  if (!HANDLE.test(handle))
    invalid(field, `${field} may use letters, digits, dots, hyphens and underscores.`);
  return { handle, key: handle.toLowerCase() };
}

export function checkAccentColor(colour: string): string {
  if (!COLOUR.test(colour)) invalid('accentColor', 'accentColor must be a hex colour like #2f5d50.');
  return colour.toLowerCase();
}

export function checkShare(share: readonly string[], field = 'share'): ShareableField[] {
  const unique = [...new Set(share)];
  for (const name of unique) {
    if (!(SHAREABLE_FIELDS as readonly string[]).includes(name)) {
      invalid(field, `${field} may only name ${SHAREABLE_FIELDS.join(', ')}; "${name}" is not one of them.`);
    }
  }
  // Stable order, whatever order the client sent.
  return SHAREABLE_FIELDS.filter((f) => unique.includes(f));
}

/** The copy of a profile a community may hold: only the shared fields, nothing else. */
export function sharedValues(
  profile: Record<ShareableField, unknown>,
  share: readonly ShareableField[],
): SharedValues {
  const out: SharedValues = {};
  for (const field of share) out[field] = profile[field];
  return out;
}

export function suggestHandle(displayName: string): string {
  const base = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 24);
  return base.length >= 2 ? base : 'member';
}

const RANK: Record<Role, number> = { owner: 3, moderator: 2, member: 1 };

/** Moderators act on members; the owner on everyone else. Nobody acts on themselves here. */
export function outranks(actor: Role, target: Role): boolean {
  return RANK[actor] > RANK[target];
}

export function canModerate(role: Role | null | undefined): boolean {
  return role === 'owner' || role === 'moderator';
}
