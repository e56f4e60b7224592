import { useState } from 'react';
import { billingApi, type Subscription } from '../../../api/billing.ts';
import { ApiError } from '../../../api/client.ts';
import { useAnnounce } from '../../../components/announcer.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { Button } from '../../../components/feedback.tsx';
import { formatDate } from '../../../lib/format.ts';
import { formatMoney } from '../../../lib/money.ts';

export const STATUS_LABELS: Record<Subscription['status'], string> = {
  active: 'Active',
  past_due: 'Payment failed',
  canceled: 'Ended',
};

/** "Renews on 3 January 2027", "Ends on …": what happens when the paid month is over. */
export function periodWords(subscription: Subscription): string {
  const date = formatDate(subscription.currentPeriodEnd);
  if (subscription.status === 'canceled') return `Ended on ${date}`;
  if (subscription.cancelAtPeriodEnd) return `Ends on ${date}`;
  if (subscription.status === 'past_due') return `Payment is being retried; access lasts until ${date}`;
  return `Renews on ${date}`;
}

interface SubscriptionPanelProps {
  subscription: Subscription;
  onChange: (subscription: Subscription) => void;
}

/** The viewer's subscription here: tier, state, the next date that matters, and cancelling. */
export function SubscriptionPanel({ subscription, onChange }: SubscriptionPanelProps) {
  const [confirming, setConfirming] = useState(false);
  const [resuming, setResuming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const announce = useAnnounce();
  const { tier, community } = subscription;
  const ending = subscription.cancelAtPeriodEnd || subscription.status === 'canceled';
  return (
    <section className="panel subscription" aria-labelledby="subscription-title">
      <div className="subscription__main">
        <p className="eyebrow">Your subscription</p>
        <h2 id="subscription-title" className="subscription__tier">
          {tier.name}
          <span className={`status-pill status-pill--${ending ? 'ending' : subscription.status}`}>
            {ending && subscription.status === 'active' ? 'Cancelled' : STATUS_LABELS[subscription.status]}
          </span>
        </h2>
        <p className="subscription__meta">
          {formatMoney(tier.priceMinor, tier.currency)} / month
          <span aria-hidden="true"> · </span>
          <time dateTime={subscription.currentPeriodEnd}>{periodWords(subscription)}</time>
        </p>
        {ending ? (
          <p className="subscription__note">
            You keep everything {tier.name} includes until then, and you will not be charged again. Choosing
            another tier below starts a new monthly subscription at its price.
          </p>
        ) : null}
      </div>
      {subscription.status === 'canceled' ? null : (
        <div className="subscription__actions">
          {ending ? (
            <Button
              variant="secondary"
              size="sm"
              disabled={resuming}
              onClick={async () => {
                setResuming(true);
                setProblem(null);
                try {
                  const next = await billingApi.resume(community.slug);
                  onChange(next);
                  announce(`${tier.name} renews again on ${formatDate(next.currentPeriodEnd)}.`);
                } catch (error) {
                  setProblem(
                    error instanceof ApiError ? error.message : 'That did not work. Please try again.',
                  );
                } finally {
                  setResuming(false);
                }
              }}
            >
              {resuming ? 'Keeping it…' : 'Keep my subscription'}
            </Button>
          ) : (
            <Button variant="danger-ghost" size="sm" onClick={() => setConfirming(true)}>
              Cancel at period end…
            </Button>
          )}
          {problem ? (
            <p className="field__error" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Cancel ${tier.name}?`}
        description={`You will not be charged again. You keep ${tier.name} in ${community.name} until ${formatDate(subscription.currentPeriodEnd)}, then it ends.`}
        confirmLabel="Cancel at period end"
        busyLabel="Cancelling…"
        cancelLabel="Keep my subscription"
        onConfirm={async () => {
          const next = await billingApi.cancel(community.slug);
          setConfirming(false);
          onChange(next);
          announce(`Cancelled. ${tier.name} ends on ${formatDate(next.currentPeriodEnd)}.`);
        }}
      />
    </section>
  );
}
