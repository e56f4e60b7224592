import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { billingApi, type Subscription, type Tier } from '../../../api/billing.ts';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../auth/auth-context.tsx';
import { isFull } from '../../../components/community-banner.tsx';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { ShieldIcon } from '../../../components/icons.tsx';
import type { FlashState } from '../../../lib/flash.ts';
import { formatDate } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { isOwner, useCommunity } from '../community-context.ts';
import { SubscriptionPanel } from './subscription-panel.tsx';
import { TierCard } from './tier-card.tsx';
import { offeredTiers } from './use-tiers.ts';

type Mine =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'ready'; subscription: Subscription | null };

/** /c/:slug/support: the tiers, my subscription, and the way back from checkout. */
export function SupportPage() {
  const { community, tiers, openJoin } = useCommunity();
  const { state: auth } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const returnedFrom = params.get('checkout');
  const member = community.myMembership !== null;
  const owner = isOwner(community);
  const [mine, setMine] = useState<Mine>({ status: member ? 'loading' : 'none' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [choosing, setChoosing] = useState<string | null>(null);
  useDocumentTitle(`Support · ${community.name}`);

  useEffect(() => {
    if (!member) {
      setMine({ status: 'none' });
      return;
    }
    let cancelled = false;
    billingApi.mine(community.slug).then(
      ({ subscription }) => {
        if (!cancelled) setMine({ status: 'ready', subscription });
      },
      (error: unknown) => {
        if (cancelled) return;
        setMine({ status: 'ready', subscription: null });
        setNotice({
          tone: 'error',
          text: error instanceof ApiError ? error.message : 'Your subscription could not be loaded.',
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [community.slug, member]);

  // Back from checkout: say how it went once, then drop ?checkout so a reload does not repeat it.
  useEffect(() => {
    if (!returnedFrom) return;
    let cancelled = false;
    billingApi.checkout(returnedFrom).then(
      (checkout) => {
        if (cancelled) return;
        setNotice(
          checkout.status === 'completed'
            ? {
                tone: 'success',
                text: `Thank you! Your payment went through: you now support ${community.name}.`,
              }
            : checkout.status === 'declined'
              ? { tone: 'error', text: 'That payment was declined. Nothing was charged.' }
              : { tone: 'info', text: 'The payment was not finished. Nothing was charged.' },
        );
        setParams({}, { replace: true });
      },
      // Another provider's checkout is not ours to read: the subscription below says enough.
      () => {
        if (!cancelled) setParams({}, { replace: true });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [returnedFrom, community.name, setParams]);

  const current =
    mine.status === 'ready' && mine.subscription?.status !== 'canceled' ? mine.subscription : null;
  // Still the viewer's tier until the period ends, cancelled or not: the server refuses a second
  // checkout for it (already_subscribed), so its card never offers it again.
  const currentTier = current?.tier ?? null;

  async function choose(tier: Tier) {
    setChoosing(tier.id);
    setNotice(null);
    try {
      const { checkoutUrl } = await billingApi.subscribe(community.slug, tier.id);
      // The sandbox's page is part of this app; a real provider's is another site.
      if (checkoutUrl.startsWith('/') && !checkoutUrl.startsWith('//')) navigate(checkoutUrl);
      else window.location.assign(checkoutUrl);
    } catch (error) {
      setChoosing(null);
      setNotice({
        tone: 'error',
        text:
          error instanceof ApiError ? error.message : 'The checkout could not be opened. Please try again.',
      });
    }
  }

  const offered = tiers ? offeredTiers(tiers) : null;
  const canChoose = member && !owner;

  return (
    <div className="support">
      <header className="section-intro support__intro">
        <h2 className="section-intro__title">Support {community.name}</h2>
        <p className="section-intro__lead">
          A monthly subscription, cancellable at any time. {community.name} keeps at least 80&nbsp;% of every
          payment.
        </p>
      </header>
      <StatusMessage notice={notice} className="settings__notice" />

      {current ? (
        <SubscriptionPanel
          subscription={current}
          onChange={(subscription) => {
            // The thank-you from checkout no longer describes what is on the page.
            setNotice(null);
            setMine({ status: 'ready', subscription });
          }}
        />
      ) : null}

      {!member ? (
        <JoinPrompt
          name={community.name}
          full={isFull(community)}
          anonymous={auth.status === 'anonymous'}
          onJoin={openJoin}
        />
      ) : null}
      {owner ? (
        <div className="privacy-callout support__owner">
          <ShieldIcon className="icon privacy-callout__icon" />
          <div>
            <p>
              This is how fans see your tiers. Create, reprice, reorder or archive them in{' '}
              <Link to={`/c/${community.slug}/settings/tiers`}>Settings → Tiers</Link>; see what they earn in{' '}
              <Link to={`/c/${community.slug}/settings/earnings`}>Earnings</Link>.
            </p>
          </div>
        </div>
      ) : null}

      <section aria-labelledby="tiers-title" className="support__tiers">
        <h2 id="tiers-title" className="visually-hidden">
          Tiers
        </h2>
        {offered === null || mine.status === 'loading' ? (
          <p className="muted-state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading tiers…
          </p>
        ) : offered.length === 0 ? (
          <p className="empty-line">
            {owner
              ? 'No tiers yet: create the first one in Settings → Tiers.'
              : `${community.name} offers no tiers yet.`}
          </p>
        ) : (
          <>
            <ul className="tier-grid" aria-label={`${community.name} tiers`}>
              {offered.map((tier) => (
                <li key={tier.id}>
                  <TierCard
                    tier={tier}
                    current={currentTier}
                    endsOn={current?.cancelAtPeriodEnd ? formatDate(current.currentPeriodEnd) : null}
                    onChoose={canChoose ? (t) => void choose(t) : null}
                    busy={choosing === tier.id}
                    disabled={choosing !== null}
                  />
                </li>
              ))}
            </ul>
            {canChoose && currentTier ? (
              <p className="support__fine">
                Switching tier pays the new price today and starts a new month from now.
              </p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

interface JoinPromptProps {
  name: string;
  full: boolean;
  anonymous: boolean;
  onJoin: () => void;
}

/** Subscribing is for members: the same way in as the banner's, said where the tiers are. */
function JoinPrompt({ name, full, anonymous, onJoin }: JoinPromptProps) {
  const here = `${window.location.pathname}`;
  return (
    <section className="panel join-card support__join" aria-labelledby="support-join-title">
      <div className="panel__header">
        <h2 id="support-join-title" className="panel__title">
          Join {name} to subscribe
        </h2>
        <p className="panel__lead">
          Tiers are for members. Joining is free: you pick a handle and choose what {name} may see of you.
        </p>
      </div>
      {full ? (
        <p>{name} is full for now: no room for new members.</p>
      ) : anonymous ? (
        <div className="form-actions">
          <Link to="/login" state={{ from: here } satisfies FlashState} className="button button--primary">
            Log in to join
          </Link>
          <Link to="/signup" state={{ from: here } satisfies FlashState} className="button button--secondary">
            Sign up
          </Link>
        </div>
      ) : (
        <div className="form-actions">
          <Button onClick={onJoin}>Join {name}</Button>
        </div>
      )}
    </section>
  );
}
