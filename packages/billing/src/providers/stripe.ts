import type { Config } from '@coterie/platform';
import Stripe from 'stripe';
import { MalformedEvent, parseEvent } from './events.ts';
import type { CheckoutIntent, PaymentProvider } from './provider.ts';
import { WebhookRejected } from './provider.ts';
import { SIGNATURE_TOLERANCE_SECONDS } from './signature.ts';
import { CHECKOUT_METADATA_KEY, translateStripeEvent, UntranslatableEvent } from './stripe-events.ts';

export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** Origin the buyer returns to after Stripe's checkout page: Stripe takes absolute URLs only. */
  publicUrl: string;
  /** The SDK's HTTP client; tests pass one that answers without the network. */
  httpClient?: Stripe.HttpClient;
}

const MESSAGES = {
  missing_signature: 'The Stripe-Signature header is missing.',
  stale_signature: 'The event is more than five minutes old (or from the future).',
  bad_signature: 'The signature does not match the event.',
} as const;

/**
 * Payments through Stripe Checkout with the official SDK, which also verifies the webhooks.
 * Prices are inline (`price_data`): a tier's price lives in Coterie, so nothing has to be kept in
 * step with products in the Stripe dashboard. Events are translated into Coterie's own (see
 * stripe-events.ts), so the ledger never learns Stripe's shapes.
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly #stripe: Stripe;
  readonly #webhookSecret: string;
  readonly #publicUrl: string;

  constructor(options: StripeProviderOptions) {
    this.#stripe = new Stripe(options.secretKey, {
      // Checkout creation is idempotent by key, so retrying a lost answer cannot make two sessions.
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      httpClient: options.httpClient ?? Stripe.createFetchHttpClient(),
    });
    this.#webhookSecret = options.webhookSecret;
    this.#publicUrl = options.publicUrl;
  }

  async createCheckout(intent: CheckoutIntent): Promise<{ url: string; ref: string }> {
    const metadata = { [CHECKOUT_METADATA_KEY]: intent.checkoutId };
    const subscription = intent.kind === 'subscription';
    const session = await this.#stripe.checkout.sessions.create(
      {
        mode: subscription ? 'subscription' : 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: intent.currency.toLowerCase(),
              unit_amount: intent.amountMinor,
              product_data: { name: intent.title },
              ...(subscription ? { recurring: { interval: 'month' as const } } : {}),
            },
          },
        ],
        client_reference_id: intent.checkoutId,
        metadata,
        // Copied onto what outlives the session, so each can be traced back to its checkout.
        ...(subscription ? { subscription_data: { metadata } } : { payment_intent_data: { metadata } }),
        success_url: new URL(intent.successUrl, this.#publicUrl).href,
        cancel_url: new URL(intent.cancelUrl, this.#publicUrl).href,
      },
      { idempotencyKey: intent.checkoutId },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { url: session.url, ref: session.id };
  }

  async verify(
    rawBody: Buffer,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    nowSeconds: number,
  ): ReturnType<PaymentProvider['verify']> {
    const raw = headers[STRIPE_SIGNATURE_HEADER];
    const header = Array.isArray(raw) ? raw[0] : raw;
    if (!header) throw new WebhookRejected('missing_signature', MESSAGES.missing_signature);
    const signedAt = signedAtOf(header);
    // The SDK only refuses old events; one signed in the future is refused too, as the sandbox does.
    if (signedAt !== null && signedAt - nowSeconds > SIGNATURE_TOLERANCE_SECONDS)
      throw new WebhookRejected('stale_signature', MESSAGES.stale_signature);
    let event: Stripe.Event;
    try {
      event = this.#stripe.webhooks.constructEvent(
        rawBody,
        header,
        this.#webhookSecret,
        SIGNATURE_TOLERANCE_SECONDS,
        undefined,
        // Coterie's clock, not the machine's: receivedAt is in milliseconds.
        nowSeconds * 1000,
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        // The SDK checks the MAC first, so a matching MAC with an old timestamp is the stale case.
        const stale = signedAt !== null && nowSeconds - signedAt > SIGNATURE_TOLERANCE_SECONDS;
        const problem = stale ? 'stale_signature' : 'bad_signature';
        throw new WebhookRejected(problem, MESSAGES[problem]);
      }
      throw new WebhookRejected('malformed_event', 'The event is not valid JSON.');
    }
    return this.#translate(event);
  }

  async #translate(event: Stripe.Event): ReturnType<PaymentProvider['verify']> {
    if (!event || typeof event !== 'object' || typeof event.type !== 'string')
      throw new WebhookRejected('malformed_event', 'The body is not a Stripe event.');
    // Event shapes follow the webhook endpoint's API version: refuse another major's rather than misread it.
    const version = event.api_version;
    // Versions before 2024 have no major name: "2023-10-16" is as foreign as "2025-03-31.basil".
    if (version && Stripe.MAJOR_API_VERSION !== '' && version.split('.')[1] !== Stripe.MAJOR_API_VERSION) {
      throw new WebhookRejected(
        'malformed_event',
        `The webhook endpoint sends API version ${event.api_version}; set it to ${Stripe.API_VERSION}.`,
      );
    }
    try {
      // The translation is checked against Coterie's event schemas like the sandbox's events are.
      return parseEvent(await translateStripeEvent(event, (charge) => this.#paymentKey(charge)));
    } catch (error) {
      if (error instanceof UntranslatableEvent || error instanceof MalformedEvent)
        throw new WebhookRejected('malformed_event', `The ${event.type} event: ${error.message}.`);
      if (error instanceof TypeError)
        throw new WebhookRejected('malformed_event', `The ${event.type} event is not shaped as documented.`);
      throw error;
    }
  }

  /** The invoice a PaymentIntent paid (subscriptions are keyed by invoice), else the PaymentIntent itself. */
  async #paymentKey(charge: { chargeId: string; paymentIntentId: string | null }): Promise<string> {
    if (!charge.paymentIntentId) return charge.chargeId;
    const payments = await this.#stripe.invoicePayments.list({
      payment: { type: 'payment_intent', payment_intent: charge.paymentIntentId },
      limit: 1,
    });
    const invoice = payments.data[0]?.invoice;
    if (!invoice) return charge.paymentIntentId;
    return typeof invoice === 'string' ? invoice : invoice.id;
  }
}

function signedAtOf(header: string): number | null {
  const match = /(?:^|,)\s*t=(\d{1,12})\s*(?:,|$)/.exec(header);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** The provider as configured; config refuses a half-set Stripe, so this only guards against a bypassed config. */
export function stripeProviderFrom(config: Config): StripeProvider {
  const { stripe } = config.billing;
  if (!stripe || !config.publicUrl) throw new Error('Stripe is selected but not configured');
  return new StripeProvider({ ...stripe, publicUrl: config.publicUrl });
}
