import { useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { type Campaign, campaignsApi } from '../../../api/campaigns.ts';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../auth/auth-context.tsx';
import { useAnnounce } from '../../../components/announcer.tsx';
import { Button, StatusMessage } from '../../../components/feedback.tsx';
import { CheckIcon, PersonaIcon } from '../../../components/icons.tsx';
import type { FlashState } from '../../../lib/flash.ts';
import { useCommunity } from '../community-context.ts';

/** "I'm in" — shown with my persona or counted anonymously — and who else is. */
export function CampaignBacking({
  campaign,
  onChange,
}: {
  campaign: Campaign;
  onChange: (c: Campaign) => void;
}) {
  const { community, openJoin } = useCommunity();
  const { state } = useAuth();
  const location = useLocation();
  const announce = useAnnounce();
  const id = useId();
  const handle = community.myMembership?.handle ?? null;
  const mineShown = handle !== null && campaign.backers.shown.some((b) => b.handle === handle);
  const [showName, setShowName] = useState(true);
  const [busy, setBusy] = useState<'join' | 'switch' | 'leave' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = campaign.status === 'active' && new Date(campaign.endsAt).getTime() > Date.now();
  const anonymous = campaign.backers.count - campaign.backers.shown.length;

  async function act(kind: 'join' | 'switch' | 'leave', run: () => Promise<Campaign>, said: string) {
    setBusy(kind);
    setError(null);
    try {
      onChange(await run());
      announce(said);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'That did not work. Please try again.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel campaign-backing" aria-labelledby={`${id}-title`}>
      <div className="panel__header">
        <h3 id={`${id}-title`} className="panel__title">
          {campaign.backers.count} {campaign.backers.count === 1 ? 'backer' : 'backers'}
        </h3>
        <p className="panel__lead">
          Backers say they’re in. Each one chooses to be shown by their handle here, or to be counted only.
        </p>
      </div>
      {campaign.backers.count > 0 ? (
        <ul className="backer-list" aria-label="Backers">
          {campaign.backers.shown.map((b) => (
            <li key={b.handle} className={b.handle === handle ? 'backer backer--you' : 'backer'}>
              <span className="backer__mark" aria-hidden="true">
                {b.handle.slice(0, 1).toUpperCase()}
              </span>
              @{b.handle}
              {b.handle === handle ? <span className="visually-hidden"> (you)</span> : null}
            </li>
          ))}
          {anonymous > 0 ? (
            <li className="backer backer--anonymous">
              <PersonaIcon className="icon icon--inline" />
              {anonymous} anonymously
            </li>
          ) : null}
        </ul>
      ) : (
        <p className="empty-line">No one yet{active ? ': be the first.' : '.'}</p>
      )}

      {!active ? (
        campaign.joined ? (
          <p className="campaign-backing__you">
            <CheckIcon className="icon icon--inline" /> You backed this campaign.
          </p>
        ) : null
      ) : state.status === 'anonymous' ? (
        <Link
          to="/login"
          state={{ from: `${location.pathname}` } satisfies FlashState}
          className="button button--primary"
        >
          Log in to back it
        </Link>
      ) : !community.myMembership ? (
        <div className="campaign-backing__join">
          <p>Campaigns are backed by members of {community.name}.</p>
          <Button onClick={openJoin}>Join {community.name} to back it</Button>
        </div>
      ) : campaign.joined ? (
        <div className="campaign-backing__in">
          <p className="campaign-backing__you">
            <CheckIcon className="icon icon--inline" />
            <span>
              You’re in,{' '}
              {mineShown ? (
                <>
                  shown as <strong>@{handle}</strong>
                </>
              ) : (
                'counted anonymously'
              )}
              .
            </span>
          </p>
          <div className="form-actions">
            <Button
              variant="secondary"
              size="sm"
              busy={busy === 'switch'}
              busyLabel="Saving…"
              onClick={() =>
                void act(
                  'switch',
                  () => campaignsApi.join(campaign.id, !mineShown),
                  mineShown ? 'You are now counted anonymously.' : `You are now shown as @${handle}.`,
                )
              }
            >
              {mineShown ? 'Count me anonymously' : `Show me as @${handle}`}
            </Button>
            <Button
              variant="ghost"
              size="sm"
              busy={busy === 'leave'}
              busyLabel="Leaving…"
              onClick={() =>
                void act('leave', () => campaignsApi.leave(campaign.id), 'You no longer back it.')
              }
            >
              I’m out
            </Button>
          </div>
        </div>
      ) : (
        <div className="campaign-backing__form">
          <label className="check">
            <input type="checkbox" checked={showName} onChange={(e) => setShowName(e.target.checked)} />
            <span>
              Show my name, <strong>@{handle}</strong>, among the backers
            </span>
          </label>
          <Button
            busy={busy === 'join'}
            busyLabel="Joining…"
            onClick={() =>
              void act(
                'join',
                () => campaignsApi.join(campaign.id, showName),
                showName ? `You’re in, shown as @${handle}.` : 'You’re in, counted anonymously.',
              )
            }
          >
            I’m in
          </Button>
        </div>
      )}
      <StatusMessage notice={error ? { tone: 'error', text: error } : null} />
    </section>
  );
}
