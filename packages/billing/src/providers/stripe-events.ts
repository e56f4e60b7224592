import type Stripe from 'stripe';
import type { BillingEvent, EventData, UnknownEvent } from './events.ts';

/**
 * Stripe's events in Coterie's words. Each payment is known to the ledger by one key, the
 * "charge id" of Coterie's events, chosen so that every later event about it finds it again:
 *
 * - a subscription's payment is keyed by its **invoice** id: the checkout session names its first
 *   invoice and `invoice.paid` names itself, so the two cannot capture the first month twice;
 * - a one-off purchase is keyed by its **PaymentIntent** id, which the session names;
 * - refunds and disputes name a charge and its PaymentIntent only. Since the 2025 "basil" API
 *   versions neither a charge nor a PaymentIntent names its invoice (that link lives in
 *   InvoicePayments), so `paymentKey` asks Stripe which invoice the PaymentIntent paid, if any.
 */
export type PaymentKeyOf = (charge: { chargeId: string; paymentIntentId: string | null }) => Promise<string>;

/** Metadata key on sessions, subscriptions and PaymentIntents that names Coterie's checkout. */
export const CHECKOUT_METADATA_KEY = 'coterie_checkout_id';

export class UntranslatableEvent extends Error {
  override readonly name = 'UntranslatableEvent';
}

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : value.id;

/** Acknowledged and ignored; prefixed so that no Stripe type can pass for one of Coterie's (both have invoice.paid). */
function ignored(event: Stripe.Event): UnknownEvent {
  return { id: event.id, type: `stripe:${event.type}`, created: event.created, data: {} };
}

export async function translateStripeEvent(
  event: Stripe.Event,
  paymentKey: PaymentKeyOf,
): Promise<BillingEvent | UnknownEvent> {
  const base = { id: event.id, created: event.created };
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const data = sessionPaid(event.data.object);
      return data ? { ...base, type: 'checkout.completed', data } : ignored(event);
    }
    case 'invoice.paid': {
      const invoice = event.data.object;
      const subscriptionRef = subscriptionOf(invoice);
      // Only subscription invoices are Coterie's: purchases are paid through their PaymentIntent.
      if (!subscriptionRef) return ignored(event);
      return {
        ...base,
        type: 'invoice.paid',
        data: {
          subscriptionRef,
          chargeId: invoice.id,
          amountMinor: invoice.amount_paid,
          currency: invoice.currency.toUpperCase(),
          periodEnd: servicePeriodEnd(invoice),
        },
      };
    }
    case 'invoice.payment_failed': {
      const subscriptionRef = subscriptionOf(event.data.object);
      return subscriptionRef
        ? { ...base, type: 'invoice.payment_failed', data: { subscriptionRef } }
        : ignored(event);
    }
    case 'customer.subscription.deleted':
      return { ...base, type: 'subscription.canceled', data: { subscriptionRef: event.data.object.id } };
    case 'charge.refunded': {
      const charge = event.data.object;
      const before = event.data.previous_attributes?.amount_refunded;
      return {
        ...base,
        type: 'charge.refunded',
        data: {
          chargeId: await paymentKey({
            chargeId: charge.id,
            paymentIntentId: idOf(charge.payment_intent),
          }),
          // The payload lists no refunds (not included since 2022), so the refund is named by its running total.
          refundId: `${charge.id}:${charge.amount_refunded}`,
          amountMinor: typeof before === 'number' ? charge.amount_refunded - before : charge.amount_refunded,
          totalRefundedMinor: charge.amount_refunded,
        },
      };
    }
    case 'charge.dispute.created': {
      const dispute = event.data.object;
      const chargeId = idOf(dispute.charge);
      if (!chargeId) throw new UntranslatableEvent('a dispute without its charge');
      return {
        ...base,
        type: 'charge.disputed',
        data: {
          chargeId: await paymentKey({ chargeId, paymentIntentId: idOf(dispute.payment_intent) }),
          disputeId: dispute.id,
          amountMinor: dispute.amount,
        },
      };
    }
    default:
      return ignored(event);
  }
}

/** What a paid session says, or null when there is nothing (yet) to capture or it is not Coterie's. */
function sessionPaid(session: Stripe.Checkout.Session): EventData<'checkout.completed'> | null {
  const checkoutId = session.metadata?.[CHECKOUT_METADATA_KEY] ?? session.client_reference_id;
  // Delayed methods (SEPA debit, say) complete unpaid; async_payment_succeeded follows when paid.
  if (!checkoutId || session.payment_status !== 'paid') return null;
  if (session.amount_total === null || session.currency === null)
    throw new UntranslatableEvent('a paid checkout session without amount_total or currency');
  const paid = {
    checkoutId,
    amountMinor: session.amount_total,
    currency: session.currency.toUpperCase(),
  };
  if (session.mode === 'subscription') {
    const invoice = idOf(session.invoice);
    const subscriptionRef = idOf(session.subscription);
    // Without its invoice the later invoice.paid could not tell it is the same payment.
    if (!invoice || !subscriptionRef)
      throw new UntranslatableEvent('a subscription checkout session without its invoice or subscription');
    return { ...paid, chargeId: invoice, subscriptionRef };
  }
  if (session.mode === 'payment') {
    const paymentIntent = idOf(session.payment_intent);
    if (!paymentIntent) throw new UntranslatableEvent('a payment checkout session without its PaymentIntent');
    return { ...paid, chargeId: paymentIntent };
  }
  return null;
}

function subscriptionOf(invoice: Stripe.Invoice): string | null {
  return idOf(invoice.parent?.subscription_details?.subscription);
}

/**
 * The end of the period the invoice pays for: its subscription lines' end. The invoice's own
 * `period_end` is the end of the period *before* it (equal to its start on a first invoice).
 */
function servicePeriodEnd(invoice: Stripe.Invoice): number {
  const ends = invoice.lines.data.map((line) => line.period.end);
  return ends.length > 0 ? Math.max(...ends) : invoice.period_end;
}
