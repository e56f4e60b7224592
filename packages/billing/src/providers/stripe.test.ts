import { describe, expect, it } from 'vitest';
import {
  FakeStripeApi,
  fixture,
  type StripeFixture,
  stripeHeaders,
  WEBHOOK_SECRET,
} from './fixtures/stripe/fake-api.ts';
import { WebhookRejected } from './provider.ts';
import { StripeProvider } from './stripe.ts';

const NOW = 1_796_418_000;

function provider(api = new FakeStripeApi()): { stripe: StripeProvider; api: FakeStripeApi } {
  const stripe = new StripeProvider({
    secretKey: 'sk_test_fixture',
    webhookSecret: WEBHOOK_SECRET,
    publicUrl: 'https://coterie.example',
    httpClient: api.httpClient(),
  });
  return { stripe, api };
}

const verify = (stripe: StripeProvider, event: StripeFixture | string, at = NOW, now = NOW) => {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  return stripe.verify(Buffer.from(body), stripeHeaders(body, at), now);
};

const rejection = async (attempt: Promise<unknown>): Promise<string> => {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookRejected);
  return (error as WebhookRejected).problem;
};

describe('Stripe checkout', () => {
  it('creates a subscription session with an inline monthly price, traceable to its checkout', async () => {
    const { stripe, api } = provider();
    const made = await stripe.createCheckout({
      checkoutId: 'chk_123',
      kind: 'subscription',
      amountMinor: 500,
      currency: 'EUR',
      title: 'Supporter, Loop (monthly)',
      successUrl: '/c/loop/support?checkout=chk_123',
      cancelUrl: '/c/loop/support',
    });
    expect(made).toEqual({ url: 'https://checkout.stripe.com/c/pay/cs_test_fake1', ref: 'cs_test_fake1' });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url.href).toBe('https://api.stripe.com/v1/checkout/sessions');
    expect(request?.headers.get('idempotency-key')).toBe('chk_123');
    expect(request?.headers.get('authorization')).toBe('Bearer sk_test_fixture');
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      mode: 'subscription',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][unit_amount]': '500',
      'line_items[0][price_data][product_data][name]': 'Supporter, Loop (monthly)',
      'line_items[0][price_data][recurring][interval]': 'month',
      client_reference_id: 'chk_123',
      'metadata[coterie_checkout_id]': 'chk_123',
      'subscription_data[metadata][coterie_checkout_id]': 'chk_123',
      success_url: 'https://coterie.example/c/loop/support?checkout=chk_123',
      cancel_url: 'https://coterie.example/c/loop/support',
    });
  });

  it('creates a one-off payment session for a purchase', async () => {
    const { stripe, api } = provider();
    await stripe.createCheckout({
      checkoutId: 'chk_456',
      kind: 'purchase',
      amountMinor: 1200,
      currency: 'EUR',
      title: 'Night Drive (track)',
      successUrl: '/c/loop/tracks/1?checkout=chk_456',
      cancelUrl: '/c/loop/tracks/1',
    });
    const form = api.requests[0]?.form;
    expect(form?.get('mode')).toBe('payment');
    expect(form?.get('line_items[0][price_data][recurring][interval]')).toBeNull();
    expect(form?.get('payment_intent_data[metadata][coterie_checkout_id]')).toBe('chk_456');
    expect(form?.get('subscription_data[metadata][coterie_checkout_id]')).toBeNull();
  });
});

describe('Stripe webhooks', () => {
  it('verifies with the SDK against Coterie’s clock, not the machine’s', async () => {
    const { stripe } = provider();
    const event = fixture('customer.created');
    expect((await verify(stripe, event)).type).toBe('stripe:customer.created');
    expect(await rejection(verify(stripe, event, NOW - 301))).toBe('stale_signature');
    expect(await rejection(verify(stripe, event, NOW + 301))).toBe('stale_signature');
    // Signed "now" by the machine's clock, but Coterie's clock says it is a day later.
    expect(await rejection(verify(stripe, event, NOW, NOW + 86_400))).toBe('stale_signature');
    expect((await verify(stripe, event, NOW - 299)).id).toBe(event.id);
  });

  it('names what is wrong with a signature', async () => {
    const { stripe } = provider();
    const body = JSON.stringify(fixture('charge.refunded'));
    const headers = stripeHeaders(body, NOW);
    expect(await rejection(stripe.verify(Buffer.from(body), {}, NOW))).toBe('missing_signature');
    expect(await rejection(stripe.verify(Buffer.from(body.replace('200', '500')), headers, NOW))).toBe(
      'bad_signature',
    );
    const forged = stripeHeaders(body, NOW, 'whsec_guessed');
    expect(await rejection(stripe.verify(Buffer.from(body), forged, NOW))).toBe('bad_signature');
    expect(await rejection(stripe.verify(Buffer.from(body), { 'stripe-signature': 'nonsense' }, NOW))).toBe(
      'bad_signature',
    );
    expect(await rejection(verify(stripe, '{"id": "evt_1", '))).toBe('malformed_event');
  });

  it('refuses events shaped by another major API version', async () => {
    const { stripe } = provider();
    const old = fixture('invoice.paid.first', (e) => Object.assign(e, { api_version: '2024-06-20' }));
    expect(await rejection(verify(stripe, old))).toBe('malformed_event');
    const basil = fixture('invoice.paid.first', (e) => Object.assign(e, { api_version: '2025-03-31.basil' }));
    expect(await rejection(verify(stripe, basil))).toBe('malformed_event');
  });

  it('keys a subscription’s first payment by its invoice, from the session and from invoice.paid alike', async () => {
    const { stripe } = provider();
    const completed = await verify(stripe, fixture('checkout.session.completed.subscription'));
    expect(completed).toEqual({
      id: 'evt_1TfG8lHc2vLr9Zt3qW2eR4tY',
      type: 'checkout.completed',
      created: 1_796_418_000,
      data: {
        checkoutId: 'chk_fixture',
        chargeId: 'in_1TfG8kHc2vLr9Zt3Wm5Xb8Np',
        amountMinor: 500,
        currency: 'EUR',
        subscriptionRef: 'sub_1TfG8kHc2vLr9Zt3aB7cD9eF',
      },
    });
    const paid = await verify(stripe, fixture('invoice.paid.first'));
    expect(paid).toMatchObject({
      type: 'invoice.paid',
      data: {
        subscriptionRef: 'sub_1TfG8kHc2vLr9Zt3aB7cD9eF',
        chargeId: 'in_1TfG8kHc2vLr9Zt3Wm5Xb8Np',
        amountMinor: 500,
        currency: 'EUR',
        // The line's service period, not the invoice's own (empty) period.
        periodEnd: 1_796_418_000 + 2_678_400,
      },
    });
  });

  it('falls back to client_reference_id, and waits for delayed payment methods', async () => {
    const { stripe } = provider();
    const noMetadata = fixture('checkout.session.completed.subscription', (e) => {
      e.data.object.metadata = {};
      e.data.object.client_reference_id = 'chk_ref';
    });
    expect((await verify(stripe, noMetadata)).data).toMatchObject({ checkoutId: 'chk_ref' });
    const unpaid = fixture('checkout.session.completed.payment', (e) => {
      e.data.object.payment_status = 'unpaid';
    });
    expect((await verify(stripe, unpaid)).type).toBe('stripe:checkout.session.completed');
    const later = fixture('checkout.session.completed.payment', (e) => {
      e.type = 'checkout.session.async_payment_succeeded';
    });
    expect((await verify(stripe, later)).type).toBe('checkout.completed');
    const notOurs = fixture('checkout.session.completed.payment', (e) => {
      e.data.object.metadata = {};
      e.data.object.client_reference_id = null;
    });
    expect((await verify(stripe, notOurs)).type).toBe('stripe:checkout.session.completed');
    const noInvoice = fixture('checkout.session.completed.subscription', (e) => {
      e.data.object.invoice = null;
    });
    expect(await rejection(verify(stripe, noInvoice))).toBe('malformed_event');
  });

  it('keys a purchase by its PaymentIntent', async () => {
    const { stripe } = provider();
    expect(await verify(stripe, fixture('checkout.session.completed.payment'))).toMatchObject({
      type: 'checkout.completed',
      data: {
        checkoutId: 'chk_fixture',
        chargeId: 'pi_3TfG9mHc2vLr9Zt30Qs4Ud6Y',
        amountMinor: 1200,
        currency: 'EUR',
      },
    });
  });

  it('finds the invoice a refunded or disputed PaymentIntent paid, and reports refunds as running totals', async () => {
    const { stripe, api } = provider();
    api.invoiceOfPaymentIntent.set('pi_3TgH9nIc3wMs0Au40Su6Wf8Y', 'in_1TgH9mIc3wMs0Au4Xn6Yc9Oq');
    expect(await verify(stripe, fixture('charge.refunded'))).toMatchObject({
      type: 'charge.refunded',
      data: {
        chargeId: 'in_1TgH9mIc3wMs0Au4Xn6Yc9Oq',
        amountMinor: 200,
        totalRefundedMinor: 200,
      },
    });
    const lookup = api.requests.at(-1)?.url;
    expect(lookup?.pathname).toBe('/v1/invoice_payments');
    expect(lookup?.searchParams.get('payment[type]')).toBe('payment_intent');
    // A purchase's PaymentIntent paid no invoice: it is the key itself.
    expect(await verify(stripe, fixture('charge.dispute.created'))).toMatchObject({
      type: 'charge.disputed',
      data: {
        chargeId: 'pi_3TfG9mHc2vLr9Zt30Rt5Ve7X',
        disputeId: 'du_1TfGAbHc2vLr9Zt3pQ5rS7tU',
        amountMinor: 500,
      },
    });
  });

  it('translates failed renewals and ended subscriptions', async () => {
    const { stripe } = provider();
    expect(await verify(stripe, fixture('invoice.payment_failed'))).toMatchObject({
      type: 'invoice.payment_failed',
      data: { subscriptionRef: 'sub_1TfG8kHc2vLr9Zt3aB7cD9eF' },
    });
    expect(await verify(stripe, fixture('customer.subscription.deleted'))).toMatchObject({
      type: 'subscription.canceled',
      data: { subscriptionRef: 'sub_1TfG8kHc2vLr9Zt3aB7cD9eF' },
    });
    const oneOff = fixture('invoice.paid.first', (e) => {
      e.data.object.parent = null;
    });
    expect((await verify(stripe, oneOff)).type).toBe('stripe:invoice.paid');
  });
});
