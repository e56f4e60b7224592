import { type ReactNode, useState } from 'react';
import type { Community } from '../api/communities.ts';
import { kindLabel } from '../lib/community-meta.ts';
import { LockIcon } from './icons.tsx';

export type BannerCommunity = Pick<
  Community,
  'name' | 'kind' | 'visibility' | 'tagline' | 'memberCount' | 'memberCap' | 'logoUrl' | 'bannerUrl'
>;

export const isFull = (c: Pick<Community, 'memberCount' | 'memberCap'>): boolean =>
  c.memberCap !== null && c.memberCount >= c.memberCap;

/** "1 member", "12 of 50 members". */
export function memberCountText(c: Pick<Community, 'memberCount' | 'memberCap'>): string {
  const noun = (n: number) => (n === 1 ? 'member' : 'members');
  if (c.memberCap === null) return `${c.memberCount} ${noun(c.memberCount)}`;
  return `${c.memberCount} of ${c.memberCap} ${noun(c.memberCap)}`;
}

/** The community's logo on a tile, or its initials until it has one (or while it will not load). */
export function CommunityMark({
  name,
  size = 'md',
  logoUrl,
}: {
  name: string;
  size?: 'sm' | 'md' | 'lg';
  logoUrl?: string | null | undefined;
}) {
  const [broken, setBroken] = useState<string | null>(null);
  if (logoUrl && broken !== logoUrl) {
    return (
      <span className={`community-mark community-mark--${size} community-mark--logo`} aria-hidden="true">
        <img src={logoUrl} alt="" className="community-mark__image" onError={() => setBroken(logoUrl)} />
      </span>
    );
  }
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

/** The banner picture above the coloured header; it hides itself if it cannot be shown. */
function BannerImage({ url }: { url: string }) {
  const [broken, setBroken] = useState(false);
  if (broken) return null;
  return <img src={url} alt="" className="community-banner__image" onError={() => setBroken(true)} />;
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
      {community.bannerUrl ? <BannerImage key={community.bannerUrl} url={community.bannerUrl} /> : null}
      <div className="community-banner__body">
        <div className="community-banner__rings" aria-hidden="true" />
        <div className="community-banner__inner">
          <CommunityMark name={name} size="lg" logoUrl={community.logoUrl} />
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
      </div>
    </header>
  );
}
