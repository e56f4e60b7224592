import { useMemo } from 'react';
import type { Author } from '../../../api/posts.ts';
import { Monogram } from '../../../components/wordmark.tsx';
import { ROLE_LABELS } from '../../../lib/community-meta.ts';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { safeHtml } from '../../../lib/safe-html.ts';
import { useMinute } from '../../../lib/use-minute.ts';

export const FORMER_MEMBER = 'Former member';

/** The name a post or comment is signed with: the shared display name, the handle, or "Former member". */
export const authorName = (author: Author | null): string =>
  author ? author.displayName || `@${author.handle}` : FORMER_MEMBER;

/** Initials, or an empty ring for someone who is no longer here. */
export function AuthorAvatar({ author, size }: { author: Author | null; size: 'sm' | 'md' }) {
  return (
    <span className={`author-avatar author-avatar--${size}`}>
      {author ? (
        <Monogram name={author.displayName || author.handle} size="sm" />
      ) : (
        <span className="monogram monogram--sm monogram--former" aria-hidden="true" />
      )}
    </span>
  );
}

/** Name, handle and role badge, on one line that wraps. */
export function AuthorLine({ author, className }: { author: Author | null; className?: string }) {
  return (
    <span className={['author-line', className ?? ''].filter(Boolean).join(' ')}>
      <span className={author ? 'author-line__name' : 'author-line__name author-line__name--former'}>
        {authorName(author)}
      </span>
      {author?.displayName ? <span className="author-line__handle">@{author.handle}</span> : null}
      {author && author.role !== 'member' ? (
        <span className="badge badge--small">{ROLE_LABELS[author.role]}</span>
      ) : null}
    </span>
  );
}

/** "5 minutes ago", with the full date and time on hover and in the markup. */
export function RelativeTime({ iso }: { iso: string }) {
  useMinute();
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

/**
 * Post and comment text. The server renders and sanitises the HTML; safeHtml checks it again
 * against the same short list of tags, so nothing here can run script or load anything.
 */
export function Prose({ html, className }: { html: string; className?: string }) {
  const clean = useMemo(() => safeHtml(html), [html]);
  return (
    <div
      className={['prose', className ?? ''].filter(Boolean).join(' ')}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered, sanitised there and again by safeHtml.
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}

/** A plain-text excerpt of a body as written (for reports and titles): markdown marks dropped. */
export function excerpt(body: string, max = 160): string {
  const text = body
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~>#]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length > max
    ? `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : text;
}
