import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { billingApi, type Subscription } from '../../api/billing.ts';
import { ApiError } from '../../api/client.ts';
import { CommunityMark } from '../../components/community-banner.tsx';
import { Button, StatusMessage } from '../../components/feedback.tsx';
import { ArrowIcon } from '../../components/icons.tsx';
import { useAccent } from '../../lib/accent.ts';
import { formatMoney } from '../../lib/money.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useCommunityAccent } from '../../player/community-accent.ts';
import { periodWords, STATUS_LABELS } from '../communities/support/subscription-panel.tsx';
import { PurchaseList } from './purchase-list.tsx';
import { ReceiptList } from './receipt-list.tsx';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; items: Subscription[] };

/** /me/subscriptions: every community I pay monthly, what I bought once, and my receipts. */
export function MySubscriptionsPage() {
  useDocumentTitle('Subscriptions & purchases');
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const reload = useCallback(async () => {
    try {
      setLoad({ status: 'ready', items: (await billingApi.allMine()).items });
    } catch (error) {
      setLoad({
        status: 'failed',
        message: error instanceof ApiError ? error.message : 'Your subscriptions could not be loaded.',
      });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <div className="panel-stack">
      <h1 className="page-title page-title--section">Subscriptions &amp; purchases</h1>
      <section className="panel" aria-labelledby="subscriptions-title">
        <div className="panel__header">
          <h2 id="subscriptions-title" className="panel__title">
            Subscriptions
          </h2>
          <p className="panel__lead">Communities you support every month, and when each renews or ends.</p>
        </div>
        {load.status === 'loading' ? (
          <p className="muted-state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading your subscriptions…
          </p>
        ) : load.status === 'failed' ? (
          <div className="muted-state">
            <StatusMessage notice={{ tone: 'error', text: load.message }} />
            <Button variant="secondary" size="sm" onClick={() => void reload()}>
              Try again
            </Button>
          </div>
        ) : load.items.length === 0 ? (
          <p className="empty-line">
            No subscriptions. When you support a community on its Support page, it shows here with its price
            and renewal date. <Link to="/me/communities">Your communities</Link>
          </p>
        ) : (
          <ul className="subscription-list" aria-label="Your subscriptions">
            {load.items.map((s) => (
              <li key={s.id}>
                <SubscriptionItem subscription={s} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <PurchaseList />
      <ReceiptList />
    </div>
  );
}

/** One subscription, in its community's colour like the memberships beside it. */
function SubscriptionItem({ subscription: s }: { subscription: Subscription }) {
  const ref = useRef<HTMLElement>(null);
  useAccent(ref, useCommunityAccent(s.community.slug));
  const titleId = `subscription-${s.id}`;
  return (
    <article ref={ref} className="subscription-item themed" aria-labelledby={titleId}>
      <CommunityMark name={s.community.name} size="md" />
      <div className="subscription-item__main">
        <h3 id={titleId} className="subscription-item__community">
          {s.community.name}
        </h3>
        <p className="subscription-item__tier">
          {s.tier.name} · <strong>{formatMoney(s.tier.priceMinor, s.tier.currency)}</strong> / month
        </p>
        <p className="subscription-item__meta">
          <span className={`status-pill status-pill--${statusKey(s)}`}>{statusText(s)}</span>
          <time dateTime={s.currentPeriodEnd}>{periodWords(s)}</time>
        </p>
      </div>
      <Link
        to={`/c/${s.community.slug}/support`}
        className="button button--secondary button--sm"
        aria-label={`Support page of ${s.community.name}`}
      >
        Support page
        <ArrowIcon className="icon icon--inline" />
      </Link>
    </article>
  );
}

const ending = (s: Subscription) => s.cancelAtPeriodEnd && s.status === 'active';
const statusKey = (s: Subscription) => (ending(s) ? 'ending' : s.status);
const statusText = (s: Subscription) => (ending(s) ? 'Cancelled' : STATUS_LABELS[s.status]);
