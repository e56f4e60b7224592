import type { Profile, ProfileUpdate } from '../../api/account.ts';
import type { FieldErrors } from '../../lib/form-errors.ts';

export interface LinkRow {
  /** A stable key for React while rows are added and removed. */
  key: string;
  label: string;
  url: string;
}

export interface ProfileForm {
  displayName: string;
  realName: string;
  location: string;
  bio: string;
  avatarUrl: string;
  birthday: string;
  links: LinkRow[];
}

let nextKey = 0;
export const newLinkRow = (label = '', url = ''): LinkRow => ({ key: `link-${nextKey++}`, label, url });

export function formFromProfile(profile: Profile): ProfileForm {
  return {
    displayName: profile.displayName,
    realName: profile.realName ?? '',
    location: profile.location ?? '',
    bio: profile.bio ?? '',
    avatarUrl: profile.avatarUrl ?? '',
    birthday: profile.birthday ?? '',
    links: profile.links.map((link) => newLinkRow(link.label, link.url)),
  };
}

/** What the comparison for "unsaved changes" looks at: the values, not the row keys. */
export function formSignature(form: ProfileForm): string {
  const { links, ...rest } = form;
  return JSON.stringify({ ...rest, links: links.map(({ label, url }) => [label.trim(), url.trim()]) });
}

/** People type "mysite.com"; the server only takes web addresses with their scheme. */
export function withScheme(url: string): string {
  const trimmed = url.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  return `https://${trimmed}`;
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

export interface BuiltUpdate {
  update: ProfileUpdate;
  /** For each link sent, the index of the row it came from, to put the server's errors back. */
  linkRows: number[];
  errors: FieldErrors;
}

/** Turns the form into a PATCH body, catching what can be caught without asking the server. */
export function buildUpdate(form: ProfileForm): BuiltUpdate {
  const errors: FieldErrors = {};
  if (form.displayName.trim() === '') errors.displayName = 'Enter the name people will know you by.';
  const links: { label: string; url: string }[] = [];
  const linkRows: number[] = [];
  form.links.forEach((row, index) => {
    const label = row.label.trim();
    const url = withScheme(row.url);
    if (label === '' && url === '') return;
    if (url === '') {
      errors[`links.${index}.url`] = 'Add the address, or remove this link.';
      return;
    }
    links.push({ label, url });
    linkRows.push(index);
  });
  const update: ProfileUpdate = {
    displayName: form.displayName.trim(),
    realName: orNull(form.realName),
    location: orNull(form.location),
    bio: orNull(form.bio),
    avatarUrl: orNull(withScheme(form.avatarUrl)),
    birthday: orNull(form.birthday),
    links,
  };
  return { update, linkRows, errors };
}

/** The server numbers links as sent; the form numbers them as shown, empty rows included. */
export function remapLinkErrors(errors: FieldErrors, linkRows: number[]): FieldErrors {
  const remapped: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const match = /^links\.(\d+)\.(label|url)$/.exec(field);
    const row = match ? linkRows[Number(match[1])] : undefined;
    remapped[match && row !== undefined ? `links.${row}.${match[2]}` : field] = message;
  }
  return remapped;
}
