import type { ReactNode } from 'react';
import type { Community } from '../api/communities.ts';
import { kindLabel } from '../lib/community-meta.ts';
import { LockIcon } from './icons.tsx';

export type BannerCommunity = Pick<
  Community,
  'name' | 'kind' | 'visibility' | 'tagline' | 'memberCount' | 'memberCap'
>;

export const isFull = (c: Pick<Community, 'memberCount' | 'memberCap'>): boolean =>
  c.memberCap !== null && c.memberCount >= c.memberCap;

/** "1 member", "12 of 50 members". */
export function memberCountText(c: Pick<Community, 'memberCount' | 'memberCap'>): string {
  const noun = (n: number) => (n === 1 ? 'member' : 'members');
  if (c.memberCap === null) return `${c.memberCount} ${noun(c.memberCount)}`;
  return `${c.memberCount} of ${c.memberCap} ${noun(c.memberCap)}`;
}

/** Initials on a tile of the community's colour, until communities can upload a logo. */
export function CommunityMark({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' | 'lg' }) {
  const initials =
    name
      .split(/\s+/)
      .filter((part) => /\p{L}|\p{N}/u.test(part))
      .slice(0, 2)
      .map((part) => [...part.replace(/^[^\p{L}\p{N}]+/u, '')][0]?.toUpperCase() ?? '')
      .join('') || '·';
  return (
    <span className={`community-mark community-mark--${size}`} aria-hidden="true">
      {initials}
    </span>
  );
}

interface BannerProps {
  community: BannerCommunity;
  /** h1 on the community's own page; a plain paragraph in a preview, so a page keeps one h1. */
  headingLevel?: 'h1' | 'p';
  children?: ReactNode;
  className?: string;
}

/** The themed header of a community: its colour, its name, what kind it is, how full it is. */
export function CommunityBanner({ community, headingLevel = 'h1', children, className }: BannerProps) {
  const Name = headingLevel;
  const name = community.name.trim() || 'Your community';
  return (
    <header className={['community-banner', className ?? ''].filter(Boolean).join(' ')}>
      <div className="community-banner__rings" aria-hidden="true" />
      <div className="community-banner__inner">
        <CommunityMark name={name} size="lg" />
        <div className="community-banner__text">
          <p className="community-banner__meta">
            <span className="community-banner__kind">{kindLabel(community.kind)}</span>
            {community.visibility === 'private' ? (
              <span className="community-banner__private">
                <LockIcon className="icon icon--inline" />
                Private, invite only
              </span>
            ) : (
              <span>Public</span>
            )}
          </p>
          <Name className="community-banner__name">{name}</Name>
          {community.tagline ? <p className="community-banner__tagline">{community.tagline}</p> : null}
          <p className="community-banner__count">
            {memberCountText(community)}
            {isFull(community) ? <span className="community-banner__full">Full</span> : null}
          </p>
        </div>
        {children ? <div className="community-banner__actions">{children}</div> : null}
      </div>
    </header>
  );
}
