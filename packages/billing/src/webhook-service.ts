import { type AppContext, badRequest, newId } from '@coterie/platform';
import { capture, reversal } from './ledger/index.ts';
import {
  type BillingEvent,
  type EventData,
  isKnownType,
  parseEvent,
  type UnknownEvent,
} from './providers/events.ts';
import { type PaymentProvider, WebhookRejected } from './providers/provider.ts';
import type { BillingStore, PaymentRow } from './store.ts';

export type Outcome = 'applied' | 'pending' | 'ignored' | 'duplicate' | 'failed';

const DAY_MS = 86_400_000;

/** A domain reason an event cannot apply as sent (an amount that does not match its checkout, say). */
class Unappliable extends Error {}

/**
 * Provider events in, ledger out. Each event is claimed by id inside the transaction that applies
 * it, so a replay (or ten concurrent copies) changes the ledger once; an event that refers to
 * something not yet known (a refund before its capture) is kept `pending` and applied as soon as
 * that arrives; one that fails is kept `failed` with its error and applied again on redelivery.
 */
export class WebhookService {
  readonly #ctx: AppContext;
  readonly #store: BillingStore;
  readonly #provider: PaymentProvider;

  constructor(ctx: AppContext, store: BillingStore, provider: PaymentProvider) {
    this.#ctx = ctx;
    this.#store = store;
    this.#provider = provider;
  }

  async receive(
    rawBody: Buffer,
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): Promise<Outcome> {
    let event: BillingEvent | UnknownEvent;
    try {
      event = await this.#provider.verify(rawBody, headers, Math.floor(this.#ctx.clock().getTime() / 1000));
    } catch (error) {
      if (error instanceof WebhookRejected) throw badRequest(error.problem, error.message);
      throw error;
    }
    const outcome = await this.#process(event);
    if (outcome === 'applied') await this.#retryPending();
    return outcome;
  }

  async #process(event: BillingEvent | UnknownEvent): Promise<Outcome> {
    const provider = this.#provider.name;
    const now = this.#ctx.clock();
    try {
      return await this.#store.inTransaction(async (s) => {
        const { fresh, row } = await s.events().claimEvent({
          provider,
          eventId: event.id,
          type: event.type,
          payload: event,
        });
        if (!fresh && (row.status === 'applied' || row.status === 'ignored')) return 'duplicate';
        if (!isKnownType(event.type)) {
          await s.events().markEvent(provider, event.id, 'ignored', now);
          return 'ignored';
        }
        try {
          const outcome = await this.#apply(s, event as BillingEvent, now);
          await s.events().markEvent(provider, event.id, outcome, now);
          return outcome;
        } catch (error) {
          if (!(error instanceof Unappliable)) throw error;
          await s.events().markEvent(provider, event.id, 'failed', now, error.message);
          this.#ctx.logger.warn(
            { eventId: event.id, type: event.type, reason: error.message },
            'payment event kept, not applied',
          );
          return 'failed';
        }
      });
    } catch (error) {
      // Rolled back: keep the event anyway, marked failed, so a redelivery applies it again.
      const message = error instanceof Error ? error.message : String(error);
      await this.#store.inTransaction(async (s) => {
        const { fresh, row } = await s.events().claimEvent({
          provider,
          eventId: event.id,
          type: event.type,
          payload: event,
        });
        // A concurrent copy may have applied it meanwhile: never overwrite that.
        if (fresh || row.status === 'pending' || row.status === 'failed') {
          await s.events().markEvent(provider, event.id, 'failed', now, message);
        }
      });
      throw error;
    }
  }

  async #retryPending(): Promise<void> {
    // Each success may unblock others (a capture, then its refund): loop until a round applies nothing.
    for (let round = 0; round < 10; round++) {
      const pending = await this.#store.events().pendingEvents(this.#provider.name, 100);
      let applied = 0;
      for (const row of pending) {
        const event = parseEvent(row.payload);
        if ((await this.#process(event)) === 'applied') applied++;
      }
      if (applied === 0) return;
    }
  }

  async #apply(s: BillingStore, event: BillingEvent, now: Date): Promise<'applied' | 'pending'> {
    switch (event.type) {
      case 'checkout.completed':
        return this.#checkoutCompleted(s, event.id, event.data, now);
      case 'invoice.paid':
        return this.#invoicePaid(s, event.id, event.data, now);
      case 'invoice.payment_failed': {
        const sub = await s.subscriptionByRef(this.#provider.name, event.data.subscriptionRef);
        if (!sub) return 'pending';
        if (sub.status !== 'canceled')
          await s.updateSubscription(sub.id, { status: 'past_due', updatedAt: now });
        return 'applied';
      }
      case 'subscription.canceled': {
        const sub = await s.subscriptionByRef(this.#provider.name, event.data.subscriptionRef);
        if (!sub) return 'pending';
        await s.updateSubscription(sub.id, { status: 'canceled', canceledAt: now, updatedAt: now });
        return 'applied';
      }
      case 'charge.refunded':
      case 'charge.disputed':
        return this.#reverse(
          s,
          event.id,
          event.type === 'charge.refunded' ? 'refund' : 'dispute',
          event.data,
          now,
        );
    }
  }

  async #checkoutCompleted(
    s: BillingStore,
    eventId: string,
    data: EventData<'checkout.completed'>,
    now: Date,
  ): Promise<'applied' | 'pending'> {
    const provider = this.#provider.name;
    if (await s.paymentByCharge(provider, data.chargeId)) return 'applied';
    const checkout = await s.checkout(data.checkoutId);
    if (!checkout) throw new Unappliable(`no checkout ${data.checkoutId}`);
    if (checkout.amountMinor !== data.amountMinor || checkout.currency !== data.currency) {
      throw new Unappliable(
        `paid ${data.amountMinor} ${data.currency}, checkout asked ${checkout.amountMinor} ${checkout.currency}`,
      );
    }
    await s.closeCheckout(checkout.id, 'completed', now);
    let subscriptionId: string | null = null;
    if (checkout.kind === 'subscription') {
      if (!checkout.tierId || !checkout.userId)
        throw new Unappliable('a subscription checkout without tier or buyer');
      const periodEnd = data.periodEnd
        ? new Date(data.periodEnd * 1000)
        : new Date(now.getTime() + 30 * DAY_MS);
      const ref = data.subscriptionRef ?? checkout.id;
      const live = await s.liveSubscription(checkout.communityId, checkout.userId);
      const sub = live
        ? await s.updateSubscription(live.id, {
            tierId: checkout.tierId,
            status: 'active',
            provider,
            providerRef: ref,
            currentPeriodEnd: periodEnd,
            cancelAtPeriodEnd: false,
            updatedAt: now,
          })
        : await s.insertSubscription({
            id: newId('sub'),
            communityId: checkout.communityId,
            userId: checkout.userId,
            tierId: checkout.tierId,
            provider,
            providerRef: ref,
            status: 'active',
            currentPeriodEnd: periodEnd,
          });
      subscriptionId = sub.id;
    }
    const payment = await this.#capture(s, eventId, now, {
      communityId: checkout.communityId,
      userId: checkout.userId,
      kind: checkout.kind,
      checkoutId: checkout.id,
      subscriptionId,
      chargeId: data.chargeId,
      amountMinor: data.amountMinor,
      currency: data.currency,
    });
    if (checkout.kind === 'purchase' && checkout.itemType && checkout.itemId) {
      await s.commerce().insertPurchase({
        id: newId('pur'),
        communityId: checkout.communityId,
        userId: checkout.userId,
        itemType: checkout.itemType,
        itemId: checkout.itemId,
        paymentId: payment.id,
        amountMinor: data.amountMinor,
        currency: data.currency,
        createdAt: now,
      });
    }
    return 'applied';
  }

  async #invoicePaid(
    s: BillingStore,
    eventId: string,
    data: EventData<'invoice.paid'>,
    now: Date,
  ): Promise<'applied' | 'pending'> {
    const provider = this.#provider.name;
    const sub = await s.subscriptionByRef(provider, data.subscriptionRef);
    if (!sub) return 'pending';
    if (!(await s.paymentByCharge(provider, data.chargeId))) {
      await this.#capture(s, eventId, now, {
        communityId: sub.communityId,
        userId: sub.userId,
        kind: 'subscription',
        checkoutId: null,
        subscriptionId: sub.id,
        chargeId: data.chargeId,
        amountMinor: data.amountMinor,
        currency: data.currency,
      });
    }
    const periodEnd = new Date(data.periodEnd * 1000);
    if (sub.status !== 'canceled' && periodEnd > sub.currentPeriodEnd) {
      await s.updateSubscription(sub.id, { status: 'active', currentPeriodEnd: periodEnd, updatedAt: now });
    }
    return 'applied';
  }

  async #capture(
    s: BillingStore,
    eventId: string,
    now: Date,
    p: {
      communityId: string;
      userId: string | null;
      kind: 'subscription' | 'purchase';
      checkoutId: string | null;
      subscriptionId: string | null;
      chargeId: string;
      amountMinor: number;
      currency: string;
    },
  ): Promise<PaymentRow> {
    const bps = this.#ctx.config.billing.artistShareBps;
    const payment = await s.insertPayment({
      id: newId('pay'),
      communityId: p.communityId,
      userId: p.userId,
      provider: this.#provider.name,
      providerChargeId: p.chargeId,
      kind: p.kind,
      checkoutId: p.checkoutId,
      subscriptionId: p.subscriptionId,
      grossMinor: p.amountMinor,
      currency: p.currency,
      artistShareBps: bps,
      capturedAt: now,
    });
    const tx = capture({
      communityId: p.communityId,
      currency: p.currency,
      grossMinor: p.amountMinor,
      artistShareBps: bps,
    });
    await s.post(newId('ltx'), tx, {
      paymentId: payment.id,
      sourceEvent: `${this.#provider.name}:${eventId}`,
      occurredAt: now,
    });
    return payment;
  }

  async #reverse(
    s: BillingStore,
    eventId: string,
    kind: 'refund' | 'dispute',
    data: { chargeId: string; amountMinor: number; totalRefundedMinor?: number },
    now: Date,
  ): Promise<'applied' | 'pending'> {
    const payment = await s.paymentByCharge(this.#provider.name, data.chargeId);
    if (!payment) return 'pending';
    // A running total reverses only what is not reversed yet: an older total (late or replayed) is a no-op.
    // The total counts refunds only, so a dispute reversed meanwhile is not subtracted from it.
    const amount =
      data.totalRefundedMinor === undefined
        ? data.amountMinor
        : Math.max(0, data.totalRefundedMinor - (await s.refundedOnly(payment.id)));
    const left = payment.grossMinor - payment.refundedMinor;
    if (amount > left) throw new Unappliable(`refund of ${amount} exceeds the ${left} left`);
    if (amount === 0) return 'applied';
    const tx = reversal(
      {
        communityId: payment.communityId,
        currency: payment.currency,
        grossMinor: payment.grossMinor,
        artistShareBps: payment.artistShareBps,
      },
      payment.refundedMinor,
      amount,
      kind,
    );
    await s.post(newId('ltx'), tx, {
      paymentId: payment.id,
      sourceEvent: `${this.#provider.name}:${eventId}`,
      occurredAt: now,
    });
    await s.addRefunded(payment.id, amount);
    // Refunded in full, a purchase no longer unlocks anything (nor counts for charts).
    if (payment.refundedMinor + amount >= payment.grossMinor)
      await s.commerce().refundPurchasesOf(payment.id);
    return 'applied';
  }
}
