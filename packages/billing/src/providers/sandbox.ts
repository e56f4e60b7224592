import { MalformedEvent, parseEvent } from './events.ts';
import type { CheckoutIntent, PaymentProvider } from './provider.ts';
import { WebhookRejected } from './provider.ts';
import { checkSignature, SIGNATURE_HEADER, signPayload } from './signature.ts';

/** Test cards, as printed on the sandbox checkout page. */
export const SANDBOX_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
} as const;

const MESSAGES = {
  missing_signature: 'The Coterie-Signature header is missing.',
  malformed_signature: 'The Coterie-Signature header is not t=<seconds>,v1=<hex>.',
  stale_signature: 'The event is more than five minutes old (or from the future).',
  bad_signature: 'The signature does not match the event.',
} as const;

/**
 * The built-in provider that works offline: its checkout page is served by Coterie itself and its
 * "bank" answers the two test cards. Events are signed exactly as a remote provider's would be
 * and go through the same webhook endpoint, so the sandbox exercises the real path.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  async createCheckout(intent: CheckoutIntent): Promise<{ url: string; ref: string }> {
    return { url: `/sandbox/checkout/${encodeURIComponent(intent.checkoutId)}`, ref: intent.checkoutId };
  }

  /** Signs a body as the sandbox's webhook sender does. */
  sign(rawBody: string, nowSeconds: number): Record<string, string> {
    return {
      [SIGNATURE_HEADER]: signPayload(this.#secret, rawBody, nowSeconds),
      'content-type': 'application/json',
    };
  }

  async verify(
    rawBody: Buffer,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    nowSeconds: number,
  ): ReturnType<PaymentProvider['verify']> {
    const header = headers[SIGNATURE_HEADER];
    const problem = checkSignature(
      Array.isArray(header) ? header[0] : header,
      rawBody,
      this.#secret,
      nowSeconds,
    );
    if (problem) throw new WebhookRejected(problem, MESSAGES[problem]);
    try {
      return parseEvent(JSON.parse(rawBody.toString('utf8')));
    } catch (error) {
      const message = error instanceof MalformedEvent ? error.message : 'The event is not valid JSON.';
      throw new WebhookRejected('malformed_event', message);
    }
  }
}

/** "4242 4242 4242 4242" → the card's outcome in the sandbox; anything else is not a test card. */
export function sandboxCardOutcome(cardNumber: string): 'succeeds' | 'declined' | 'unknown' {
  const digits = cardNumber.replace(/[\s-]/g, '');
  if (digits === SANDBOX_CARDS.succeeds) return 'succeeds';
  if (digits === SANDBOX_CARDS.declined) return 'declined';
  return 'unknown';
}
