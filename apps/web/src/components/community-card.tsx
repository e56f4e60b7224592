import { useRef } from 'react';
import { Link } from 'react-router';
import type { Community } from '../api/communities.ts';
import { useAccent } from '../lib/accent.ts';
import { kindLabel, ROLE_LABELS } from '../lib/community-meta.ts';
import { CommunityMark, isFull, memberCountText } from './community-banner.tsx';
import { LockIcon } from './icons.tsx';

/** A community in a list: its colour as a strip, what it is, how many belong, whether there is room. */
export function CommunityCard({ community }: { community: Community }) {
  const ref = useRef<HTMLElement>(null);
  useAccent(ref, community.accentColor);
  const full = isFull(community);
  return (
    <article ref={ref} className="community-card themed">
      <div className="community-card__top">
        <CommunityMark name={community.name} size="sm" logoUrl={community.logoUrl} />
        <span className="badge">{kindLabel(community.kind)}</span>
      </div>
      <h2 className="community-card__name">
        <Link to={`/c/${community.slug}`} className="community-card__link">
          {community.name}
        </Link>
      </h2>
      <p className="community-card__tagline">{community.tagline ?? <span>No tagline yet.</span>}</p>
      <p className="community-card__footer">
        <span>{memberCountText(community)}</span>
        {full ? <span className="chip chip--full">Full</span> : null}
        {community.visibility === 'private' ? (
          <span className="chip">
            <LockIcon className="icon icon--inline" /> Private
          </span>
        ) : null}
        {community.myMembership ? (
          <span className="chip chip--mine">
            {community.myMembership.role === 'member'
              ? 'You are a member'
              : ROLE_LABELS[community.myMembership.role]}
          </span>
        ) : null}
      </p>
    </article>
  );
}
