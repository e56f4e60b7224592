import { badRequest, type DomainError } from '@coterie/platform';

/** A 400 that names its field the way schema validation errors do, so forms can place it. */
function invalid(field: string, message: string): DomainError {
  return badRequest('validation_failed', message, [{ field, message: message.replace(/\.$/, '') }]);
}

/** Emails compare equal whatever the letter case or Unicode composition they were typed in. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function assertEmail(email: string): void {
  if (!EMAIL.test(email) || email.length > 254) {
    throw invalid('email', 'email must be a valid email address.');
  }
}

/** Trims and collapses a free-text field; empty means "not set". */
export function cleanText(
  value: string | null | undefined,
  field: string,
  max: number,
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const cleaned = value.replace(/\s+$/gm, '').trim();
  if ([...cleaned].length > max) throw invalid(field, `${field} must be at most ${max} characters.`);
  return cleaned === '' ? null : cleaned;
}

export function cleanDisplayName(value: string): string {
  const cleaned = value.replace(/\s+/g, ' ').trim();
  if (cleaned === '') throw invalid('displayName', 'displayName must not be blank.');
  return cleaned;
}

/** Only http(s) links: a `javascript:` URL in a profile would be a stored XSS waiting to happen. */
export function cleanWebUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(field, `${field} must be a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(field, `${field} must start with https:// or http://.`);
  }
  return url.toString();
}

export function cleanBirthday(value: string | null | undefined, today: Date): string | null | undefined {
  if (value === undefined || value === null) return value;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const parsed = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw invalid('birthday', 'birthday must be a real date written YYYY-MM-DD.');
  }
  if (parsed > today) throw invalid('birthday', 'birthday cannot be in the future.');
  if (parsed.getUTCFullYear() < 1900) throw invalid('birthday', 'birthday must be after 1900.');
  return value;
}

export interface ProfileFields {
  displayName?: string;
  realName?: string | null;
  location?: string | null;
  bio?: string | null;
  avatarUrl?: string | null;
  links?: { label: string; url: string }[];
  birthday?: string | null;
}

/** Cleans the free profile fields of an edit; fields left out stay out (PATCH semantics). */
export function cleanProfileFields(update: ProfileFields, today: Date): ProfileFields {
  const out: ProfileFields = {};
  if (update.displayName !== undefined) out.displayName = cleanDisplayName(update.displayName);
  const realName = cleanText(update.realName, 'realName', 120);
  if (realName !== undefined) out.realName = realName;
  const location = cleanText(update.location, 'location', 120);
  if (location !== undefined) out.location = location;
  const bio = cleanText(update.bio, 'bio', 2000);
  if (bio !== undefined) out.bio = bio;
  if (update.avatarUrl !== undefined) {
    out.avatarUrl =
      update.avatarUrl === null || update.avatarUrl.trim() === ''
        ? null
        : cleanWebUrl(update.avatarUrl, 'avatarUrl');
  }
  if (update.links !== undefined) {
    out.links = update.links.map((link, i) => {
      const url = cleanWebUrl(link.url, `links.${i}.url`);
      // An unlabelled link shows its site's name.
      return { label: cleanText(link.label, `links.${i}.label`, 40) ?? new URL(url).hostname, url };
    });
  }
  const birthday = cleanBirthday(update.birthday, today);
  if (birthday !== undefined) out.birthday = birthday;
  return out;
}
