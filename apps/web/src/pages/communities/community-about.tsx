import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { communitiesApi, type MembershipView, type Persona } from '../../api/communities.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { isFull, memberCountText } from '../../components/community-banner.tsx';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { LockIcon, PersonaIcon, SmallCircleIcon } from '../../components/icons.tsx';
import { PersonaCard } from '../../components/persona-card.tsx';
import { Monogram } from '../../components/wordmark.tsx';
import { KINDS, kindLabel, ROLE_LABELS } from '../../lib/community-meta.ts';
import { formatDate } from '../../lib/format.ts';
import { useCommunity } from './community-context.ts';
import { Feed } from './posts/feed.tsx';

const PREVIEW_MEMBERS = 6;

/**
 * The community's home: the feed of posts in the main column; beside it, what the community is,
 * who is in it, and what it sees of me (or how to join).
 */
export function CommunityAbout() {
  return (
    <div className="community-home">
      <div className="community-home__main">
        <Feed />
      </div>
      <CommunityAside />
    </div>
  );
}

/** The side column of the community's pages (home and a single post). */
export function CommunityAside() {
  const { community } = useCommunity();
  const member = community.myMembership !== null;
  return (
    <aside className="community-home__aside" aria-label={`About ${community.name} and you`}>
      {member ? <YouHere /> : <JoinCard />}
      <AboutCard />
      {member ? <MembersPreview /> : <HowJoiningWorks />}
    </aside>
  );
}

function AboutCard() {
  const { community } = useCommunity();
  return (
    <section className="panel panel--aside" aria-labelledby="about-title">
      <div className="panel__header">
        <h2 id="about-title" className="panel__title">
          About {community.name}
        </h2>
        {community.tagline ? <p className="community-home__tagline">{community.tagline}</p> : null}
      </div>
      <dl className="facts facts--compact">
        <div className="facts__item">
          <dt>Kind</dt>
          <dd>
            <strong>{kindLabel(community.kind)}.</strong>{' '}
            {KINDS.find((k) => k.value === community.kind)?.text}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Who can join</dt>
          <dd>
            {community.visibility === 'private' ? (
              <>
                <LockIcon className="icon icon--inline" /> Private: only people with an invite. It is not
                listed, and outsiders cannot see it.
              </>
            ) : (
              'Public: listed in Communities, open to anyone with an account.'
            )}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Size</dt>
          <dd>
            {memberCountText(community)}
            {community.memberCap === null ? ', no cap' : isFull(community) ? ': full for now' : ''}.
          </dd>
        </div>
        <div className="facts__item">
          <dt>Started</dt>
          <dd>
            <time dateTime={community.createdAt}>{formatDate(community.createdAt)}</time>
          </dd>
        </div>
      </dl>
    </section>
  );
}

function MembersPreview() {
  const { community } = useCommunity();
  const [members, setMembers] = useState<Persona[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    communitiesApi.members(community.slug).then(
      (page) => {
        if (!cancelled) setMembers(page.items);
      },
      (failure: unknown) => {
        if (!cancelled)
          setError(failure instanceof ApiError ? failure.message : 'The members could not be loaded.');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [community.slug]);

  return (
    <section className="panel panel--aside" aria-labelledby="who-title">
      <div className="panel__header">
        <h2 id="who-title" className="panel__title">
          Who is here
        </h2>
        <p className="panel__lead">Each member shows only what they chose to share with {community.name}.</p>
      </div>
      {error ? (
        <StatusMessage notice={{ tone: 'error', text: error }} />
      ) : members === null ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading members…
        </p>
      ) : (
        <ul className="face-rows" aria-label="Some members">
          {members.slice(0, PREVIEW_MEMBERS).map((persona) => (
            <li key={persona.id} className="face-row">
              <Monogram name={persona.displayName || persona.handle} size="sm" />
              <span className="face-row__who">
                <span className="face-row__name">{persona.displayName || `@${persona.handle}`}</span>
                {persona.displayName ? <span className="face-row__handle">@{persona.handle}</span> : null}
              </span>
              {persona.role !== 'member' ? (
                <span className="badge badge--small">{ROLE_LABELS[persona.role]}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Link
        to={`/c/${community.slug}/members`}
        className="button button--secondary button--sm panel__footer-link"
      >
        Member directory
      </Link>
    </section>
  );
}

function HowJoiningWorks() {
  const { community } = useCommunity();
  return (
    <section className="panel panel--aside" aria-labelledby="how-title">
      <div className="panel__header">
        <h2 id="how-title" className="panel__title">
          How joining works
        </h2>
      </div>
      <ol className="steps">
        <li>
          <PersonaIcon className="icon steps__icon" />
          <div>
            <strong>Pick a handle for {community.name}.</strong> It need not match your name or any other
            community.
          </div>
        </li>
        <li>
          <SmallCircleIcon className="icon steps__icon" />
          <div>
            <strong>Tick what it may see.</strong> Your display name, your city, your links: each one only if
            you want. You see the card members will see before you join.
          </div>
        </li>
        <li>
          <LockIcon className="icon steps__icon" />
          <div>
            <strong>Change your mind any time.</strong> Unticking a field hides it at once; leaving erases
            what you shared.
          </div>
        </li>
      </ol>
    </section>
  );
}

function JoinCard() {
  const { community, openJoin } = useCommunity();
  const { state } = useAuth();
  const full = isFull(community);
  return (
    <section className="panel panel--aside join-card" aria-labelledby="join-card-title">
      <h2 id="join-card-title" className="panel__title">
        {full ? 'Full for now' : `Join ${community.name}`}
      </h2>
      <p className="panel__lead">
        {full
          ? `${community.name} has reached its cap of ${community.memberCap} members. Come back when there is room.`
          : 'Members post, comment and react, read what is shared only with members, and see who else is here.'}
      </p>
      {full ? null : state.status === 'authenticated' ? (
        <Button onClick={openJoin} className="button--block">
          Choose how you appear…
        </Button>
      ) : (
        <Button onClick={openJoin} className="button--block">
          Log in to join
        </Button>
      )}
    </section>
  );
}

function YouHere() {
  const { community } = useCommunity();
  const [view, setView] = useState<MembershipView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    communitiesApi.membership(community.slug).then(
      (next) => {
        if (!cancelled) setView(next);
      },
      (failure: unknown) => {
        if (!cancelled)
          setError(failure instanceof ApiError ? failure.message : 'Your membership could not be loaded.');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [community.slug]);

  return (
    <section className="panel panel--aside you-here" aria-labelledby="you-here-title">
      <h2 id="you-here-title" className="panel__title">
        What {community.name} sees of you
      </h2>
      {error ? (
        <StatusMessage notice={{ tone: 'error', text: error }} />
      ) : view === null ? (
        <p className="muted-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading…
        </p>
      ) : (
        <PersonaCard persona={view.seenAs} label={`What ${community.name} sees of you`} />
      )}
      <Link to={`/me/communities#${community.slug}`} className="button button--secondary button--sm">
        Change what you share
      </Link>
    </section>
  );
}
