import { type AppContext, badRequest, conflict, DomainError, newId, notFound } from '@coterie/platform';
import type { KnownType } from './providers/events.ts';
import { type SandboxProvider, sandboxCardOutcome } from './providers/sandbox.ts';
import type { BillingStore, CheckoutRow } from './store.ts';

/** Sends a signed event to the webhook endpoint, over the same HTTP path a remote provider uses. */
export type Deliver = (
  rawBody: string,
  headers: Record<string, string>,
) => Promise<{ status: number; body: string }>;

export interface SandboxCheckoutView {
  id: string;
  kind: CheckoutRow['kind'];
  title: string;
  amountMinor: number;
  currency: string;
  status: CheckoutRow['status'] | 'expired';
  returnUrl: string;
}

/** The same day next month, in UTC, clamped to the month's last day (31 Jan → 28/29 Feb). */
export function addMonth(date: Date): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      y,
      m,
      Math.min(date.getUTCDate(), last),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
    ),
  );
}

/**
 * The sandbox provider's other half: the "bank" behind its checkout page, and the operator's
 * controls a real provider has in its dashboard (renewals, refunds, disputes). Every outcome is
 * announced as a signed webhook, never written directly.
 */
export class SandboxBank {
  readonly #ctx: AppContext;
  readonly #store: BillingStore;
  readonly #provider: SandboxProvider;
  #deliver: Deliver | null = null;

  constructor(ctx: AppContext, store: BillingStore, provider: SandboxProvider) {
    this.#ctx = ctx;
    this.#store = store;
    this.#provider = provider;
  }

  connect(deliver: Deliver): void {
    this.#deliver = deliver;
  }

  async checkout(id: string): Promise<SandboxCheckoutView> {
    const row = await this.#store.checkout(id);
    if (row?.provider !== 'sandbox') throw notFound('There is no such checkout.', 'checkout_not_found');
    const title = await this.#store.checkoutTitle(row);
    const expired = row.status === 'open' && row.expiresAt <= this.#ctx.clock();
    return {
      id: row.id,
      kind: row.kind,
      title,
      amountMinor: row.amountMinor,
      currency: row.currency,
      status: expired ? 'expired' : row.status,
      returnUrl: await this.#store.checkoutReturnUrl(row),
    };
  }

  async pay(id: string, cardNumber: string): Promise<{ status: 'completed'; returnUrl: string }> {
    const view = await this.checkout(id);
    if (view.status === 'expired')
      throw badRequest('checkout_expired', 'This checkout has expired; start again.');
    if (view.status !== 'open') throw conflict('checkout_closed', 'This checkout is already closed.');
    const outcome = sandboxCardOutcome(cardNumber);
    if (outcome === 'unknown') {
      throw badRequest(
        'unknown_test_card',
        'The sandbox takes 4242 4242 4242 4242 (paid) or 4000 0000 0000 0002 (declined).',
      );
    }
    if (outcome === 'declined') {
      await this.#store.closeCheckout(id, 'declined', this.#ctx.clock());
      throw new DomainError(402, 'card_declined', 'The card was declined. Nothing was charged.');
    }
    const now = this.#ctx.clock();
    await this.#send('checkout.completed', {
      checkoutId: id,
      chargeId: newId('sbch'),
      amountMinor: view.amountMinor,
      currency: view.currency,
      ...(view.kind === 'subscription'
        ? { subscriptionRef: `sbsub_${id}`, periodEnd: Math.floor(addMonth(now).getTime() / 1000) }
        : {}),
    });
    return { status: 'completed', returnUrl: view.returnUrl };
  }

  /**
   * Renews every sandbox subscription whose period has ended by now: cancelled at period end →
   * `subscription.canceled`; `failing` ones → `invoice.payment_failed`; the rest → `invoice.paid`.
   */
  async renewDue(
    failing: readonly string[] = [],
  ): Promise<{ renewed: number; failed: number; canceled: number }> {
    const due = await this.#store.dueSubscriptions('sandbox', this.#ctx.clock());
    const counts = { renewed: 0, failed: 0, canceled: 0 };
    for (const { subscription, priceMinor, currency } of due) {
      const ref = subscription.providerRef;
      if (subscription.cancelAtPeriodEnd) {
        await this.#send('subscription.canceled', { subscriptionRef: ref });
        counts.canceled++;
      } else if (failing.includes(subscription.id) || subscription.status === 'past_due') {
        await this.#send('invoice.payment_failed', { subscriptionRef: ref });
        counts.failed++;
      } else {
        await this.#send('invoice.paid', {
          subscriptionRef: ref,
          chargeId: newId('sbch'),
          amountMinor: priceMinor,
          currency,
          periodEnd: Math.floor(addMonth(subscription.currentPeriodEnd).getTime() / 1000),
        });
        counts.renewed++;
      }
    }
    return counts;
  }

  async reverse(paymentId: string, amountMinor: number, kind: 'refund' | 'dispute'): Promise<void> {
    const payment = await this.#store.payment(paymentId);
    if (payment?.provider !== 'sandbox') throw notFound('There is no such payment.', 'payment_not_found');
    if (amountMinor > payment.grossMinor - payment.refundedMinor) {
      throw badRequest('refund_too_large', 'That is more than is left of the payment.');
    }
    const base = { chargeId: payment.providerChargeId, amountMinor };
    if (kind === 'refund') await this.#send('charge.refunded', { ...base, refundId: newId('sbre') });
    else await this.#send('charge.disputed', { ...base, disputeId: newId('sbdp') });
  }

  async #send(type: KnownType, data: Record<string, unknown>): Promise<void> {
    if (!this.#deliver) throw new Error('the sandbox is not connected to its webhook endpoint');
    const nowSeconds = Math.floor(this.#ctx.clock().getTime() / 1000);
    const body = JSON.stringify({ id: newId('sbevt'), type, created: nowSeconds, data });
    const answer = await this.#deliver(body, this.#provider.sign(body, nowSeconds));
    if (answer.status !== 200) throw new Error(`sandbox webhook answered ${answer.status}: ${answer.body}`);
  }
}
