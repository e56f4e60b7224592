/** Pure rules for posts: safe rendering, limits, who sees what. */

import { badRequest } from '@coterie/platform';
import MarkdownIt from 'markdown-it';

export const POST_MAX = 10_000;
export const COMMENT_MAX = 2_000;
export const VISIBILITIES = ['public', 'members', 'tier'] as const;
export type PostVisibility = (typeof VISIBILITIES)[number];

// Raw HTML off (it is escaped, never passed through) and no images: a remote image in a post
// would be a tracker on every reader. markdown-it refuses javascript:, vbscript: and data: links.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false }).disable([
  'image',
  'heading',
]);
const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet('rel', 'nofollow ugc noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Markdown-ish text to HTML that cannot run script. */
export function renderBody(body: string): string {
  return md.render(body);
}

export function cleanBody(body: string, max: number, field = 'body'): string {
  const cleaned = body.replace(/\r\n?/g, '\n').trim();
  if (cleaned === '')
    throw badRequest('validation_failed', `${field} must not be empty.`, [
      { field, message: `${field} must not be empty` },
    ]);
  if ([...cleaned].length > max) {
    throw badRequest('validation_failed', `${field} must be at most ${max} characters.`, [
      { field, message: `${field} is too long` },
    ]);
  }
  return cleaned;
}

const EMOJI =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]|\p{Extended_Pictographic}|\p{Regional_Indicator})*$/u;

/** One emoji (with its modifiers and joiners), nothing else. */
export function checkEmoji(raw: string): string {
  const emoji = raw.normalize('NFC');
  const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(emoji)];
  if (graphemes.length !== 1 || !EMOJI.test(emoji) || emoji.length > 16) {
    throw badRequest('validation_failed', 'A reaction is a single emoji.', [
      { field: 'emoji', message: 'must be a single emoji' },
    ]);
  }
  return emoji;
}

/**
 * Members see members-only posts; tier posts are for members whose subscription reaches the tier
 * (`reachable` null: everything, for the team); everyone who can see the community sees public ones.
 */
export function canSee(
  post: { visibility: string; tierId: string | null },
  isMember: boolean,
  reachable: ReadonlySet<string> | null,
): boolean {
  if (post.visibility === 'public') return true;
  if (!isMember) return false;
  if (post.visibility !== 'tier' || reachable === null) return true;
  return post.tierId !== null && reachable.has(post.tierId);
}
