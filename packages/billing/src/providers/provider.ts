import type { BillingEvent, UnknownEvent } from './events.ts';
import type { SignatureProblem } from './signature.ts';

export interface CheckoutIntent {
  checkoutId: string;
  kind: 'subscription' | 'purchase';
  amountMinor: number;
  currency: string;
  /** What the buyer sees on the provider's page: "Supporter tier, Loop Sessions". */
  title: string;
  successUrl: string;
  cancelUrl: string;
}

/** A payment provider: where checkouts happen, and whose signed events say what was paid. */
export interface PaymentProvider {
  readonly name: 'sandbox' | 'stripe';
  createCheckout(intent: CheckoutIntent): Promise<{ url: string; ref: string }>;
  /**
   * Verifies the signature over the raw body, then parses into Coterie's events; rejects with
   * `WebhookRejected` if it does not hold. Async because a provider may have to ask which of its
   * payments an event is about (Stripe, for a refund of a subscription's invoice).
   */
  verify(
    rawBody: Buffer,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    nowSeconds: number,
  ): Promise<BillingEvent | UnknownEvent>;
}

export class WebhookRejected extends Error {
  override readonly name = 'WebhookRejected';
  readonly problem: SignatureProblem | 'malformed_event';

  constructor(problem: SignatureProblem | 'malformed_event', message: string) {
    super(message);
    this.problem = problem;
  }
}
