import { createTestApp, multipartBody, type TestApp, type TestClient } from '@coterie/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  FakeStripeApi,
  fixture,
  STRIPE_API_ORIGIN,
  type StripeFixture,
  stripeHeaders,
  WEBHOOK_SECRET,
} from './fixtures/stripe/fake-api.ts';

/** Stripe through the real webhook route into the ledger; Stripe's API is answered in-process. */
const DAY = 86_400;
const api = new FakeStripeApi();
let t: TestApp;
let owner: TestClient;
let fan: TestClient;
let checkoutId: string;

const FIRST_INVOICE = 'in_1TfG8kHc2vLr9Zt3Wm5Xb8Np';
const RENEWAL_INVOICE = 'in_1TgH9mIc3wMs0Au4Xn6Yc9Oq';
const SUBSCRIPTION = 'sub_1TfG8kHc2vLr9Zt3aB7cD9eF';

const now = (): number => Math.floor(t.clock.now().getTime() / 1000);

const rows = async <T>(query: ReturnType<typeof sql>): Promise<T[]> =>
  ((await t.ctx.db.execute(query)) as unknown as { rows: T[] }).rows;
const count = async (table: string): Promise<number> =>
  (await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n ?? 0;

function send(event: StripeFixture, options: { at?: number; secret?: string; tamper?: boolean } = {}) {
  const body = JSON.stringify(event);
  const sent = options.tamper ? body.replace('"amount_paid":500', '"amount_paid":5') : body;
  if (options.tamper) expect(sent).not.toBe(body);
  return t.client().request('POST', '/api/payments/webhooks/stripe', undefined, {
    headers: stripeHeaders(body, options.at ?? now(), options.secret ?? WEBHOOK_SECRET),
    rawBody: sent,
  });
}

/** An invoice paying the month from now, as Stripe sends it. */
const invoicePaid = (name: 'invoice.paid.first' | 'invoice.paid.renewal') =>
  fixture(name, (e) => {
    e.data.object.lines.data[0].period = { start: now(), end: now() + 31 * DAY };
  });

const earnings = async () => {
  const res = await owner.get('/api/communities/loop/earnings');
  expect(res.status, res.text).toBe(200);
  const sum = (key: string): number =>
    res.body.periods.reduce((total: number, p: Record<string, number>) => total + (p[key] ?? 0), 0);
  return {
    gross: sum('grossMinor'),
    artist: sum('artistShareMinor'),
    refunds: sum('refundsMinor'),
    body: res.body,
  };
};

beforeAll(async () => {
  // Anything but Stripe's API fails loudly: these tests must never reach the network.
  vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(STRIPE_API_ORIGIN)) throw new Error(`no network in tests: ${url}`);
    return api.fetch(input, init);
  });
  t = await createTestApp({
    COTERIE_PAYMENT_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: 'sk_test_ledger',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    COTERIE_PUBLIC_URL: 'https://coterie.example',
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000',
    COTERIE_SESSION_DAYS: '365',
  });
  owner = t.client();
  await owner.signUp('owner@example.com', 'Owner');
  const community = { slug: 'loop', name: 'Loop', kind: 'artist', visibility: 'public' };
  expect((await owner.post('/api/communities', community)).status).toBe(201);
  fan = t.client();
  await fan.signUp('fan@example.com', 'Fan');
  expect((await fan.post('/api/communities/loop/join', { handle: 'fan', share: [] })).status).toBe(201);
});

afterAll(async () => {
  await t?.close();
  vi.unstubAllGlobals();
});

describe('Stripe through the ledger', () => {
  it('captures a subscription’s first month once from the session and its invoice, 80 % to the artist', async () => {
    const tier = await owner.post('/api/communities/loop/tiers', {
      name: 'Supporter',
      priceMinor: 500,
      currency: 'EUR',
    });
    expect(tier.status, tier.text).toBe(201);
    const started = await fan.post('/api/communities/loop/subscriptions', { tierId: tier.body.id });
    expect(started.status, started.text).toBe(201);
    checkoutId = started.body.checkoutId;
    expect(started.body.checkoutUrl).toBe('https://checkout.stripe.com/c/pay/cs_test_fake1');
    expect(api.requests[0]?.form.get('metadata[coterie_checkout_id]')).toBe(checkoutId);
    expect(api.requests[0]?.form.get('success_url')).toBe(
      `https://coterie.example/c/loop/support?checkout=${checkoutId}`,
    );
    // No sandbox pages when Stripe takes the payments.
    expect((await fan.get(`/api/payments/sandbox/checkout/${checkoutId}`)).status).toBe(404);

    const completed = fixture('checkout.session.completed.subscription', (e) => {
      e.data.object.metadata.coterie_checkout_id = checkoutId;
      e.data.object.client_reference_id = checkoutId;
    });
    const first = await send(completed);
    expect(first.status, first.text).toBe(200);
    expect(first.body.outcome).toBe('applied');
    const paid = await send(invoicePaid('invoice.paid.first'));
    expect(paid.body.outcome).toBe('applied');
    expect(await count('payments')).toBe(1);
    expect(await earnings()).toMatchObject({ gross: 500, artist: 400, refunds: 0 });
    const mine = (await fan.get('/api/communities/loop/subscriptions/mine')).body.subscription;
    expect(mine).toMatchObject({ status: 'active', tier: { name: 'Supporter' } });
    expect(Date.parse(mine.currentPeriodEnd) / 1000).toBe(now() + 31 * DAY);
  });

  it('captures a renewal invoice as a second payment', async () => {
    t.clock.advance(31 * DAY);
    expect((await send(invoicePaid('invoice.paid.renewal'))).body.outcome).toBe('applied');
    expect(await count('payments')).toBe(2);
    expect(await earnings()).toMatchObject({ gross: 1000, artist: 800 });
  });

  it('applies cumulative refunds exactly: partial, then full, then a late partial and a replay', async () => {
    api.invoiceOfPaymentIntent.set('pi_3TgH9nIc3wMs0Au40Su6Wf8Y', RENEWAL_INVOICE);
    const partial = fixture('charge.refunded');
    const full = fixture('charge.refunded', (e) => {
      e.id = 'evt_3TgHCrIc3wMs0Au42nP4qR6s';
      e.data.object.amount_refunded = 500;
      e.data.object.refunded = true;
      e.data.previous_attributes = { amount_refunded: 200 };
    });
    const late = fixture('charge.refunded', (e) => {
      e.id = 'evt_3TgHDsIc3wMs0Au43tU5vW7x';
    });
    expect((await send(partial)).body.outcome).toBe('applied');
    let refunded = await rows<{ refunded_minor: number }>(
      sql`select refunded_minor from payments where provider_charge_id = ${RENEWAL_INVOICE}`,
    );
    expect(Number(refunded[0]?.refunded_minor)).toBe(200);
    expect((await send(full)).body.outcome).toBe('applied');
    expect((await send(late)).body.outcome).toBe('applied');
    expect((await send(partial)).body.outcome).toBe('duplicate');
    refunded = await rows(
      sql`select refunded_minor from payments where provider_charge_id = ${RENEWAL_INVOICE}`,
    );
    expect(Number(refunded[0]?.refunded_minor)).toBe(500);
    expect(await earnings()).toMatchObject({ gross: 1000, refunds: 500 });
    expect((await earnings()).body.balances).toEqual([{ currency: 'EUR', owedMinor: 400 }]);
  });

  it('reverses a dispute on the first invoice, found through its PaymentIntent', async () => {
    api.invoiceOfPaymentIntent.set('pi_3TfG9mHc2vLr9Zt30Rt5Ve7X', FIRST_INVOICE);
    expect((await send(fixture('charge.dispute.created'))).body.outcome).toBe('applied');
    expect((await earnings()).body.balances).toEqual([{ currency: 'EUR', owedMinor: 0 }]);
    const unbalanced = await rows(
      sql`select transaction_id from ledger_postings group by 1 having sum(amount_minor) <> 0`,
    );
    expect(unbalanced).toEqual([]);
  });

  it('refuses forged, stale and tampered signatures and writes nothing', async () => {
    const events = await count('webhook_events');
    const lines = await count('ledger_postings');
    const event = fixture('invoice.paid.renewal', (e) => {
      e.id = 'evt_forged';
    });
    const forged = await send(event, { secret: 'whsec_guessed' });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('bad_signature');
    expect((await send(event, { at: now() - 301 })).body.error.code).toBe('stale_signature');
    expect((await send(event, { tamper: true })).body.error.code).toBe('bad_signature');
    const unsigned = await t.client().request('POST', '/api/payments/webhooks/stripe', undefined, {
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error.code).toBe('missing_signature');
    expect((await t.client().post('/api/payments/webhooks/sandbox', {})).status).toBe(404);
    expect(await count('webhook_events')).toBe(events);
    expect(await count('ledger_postings')).toBe(lines);
  });

  it('acknowledges and ignores event types it does not use, once', async () => {
    const res = await send(fixture('customer.created'));
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('ignored');
    expect((await send(fixture('customer.created'))).body.outcome).toBe('duplicate');
  });

  it('marks a failed renewal past due, and a deleted subscription canceled', async () => {
    expect((await send(fixture('invoice.payment_failed'))).body.outcome).toBe('applied');
    const mine = async () => (await fan.get('/api/me/subscriptions')).body.items[0];
    expect(await mine()).toMatchObject({ status: 'past_due' });
    expect((await send(fixture('customer.subscription.deleted'))).body.outcome).toBe('applied');
    expect(await mine()).toMatchObject({ status: 'canceled' });
    const sub = await rows<{ provider_ref: string }>(sql`select provider_ref from subscriptions`);
    expect(sub).toEqual([{ provider_ref: SUBSCRIPTION }]);
  });

  it('captures once too when the first invoice.paid arrives before its session', async () => {
    const other = t.client();
    await other.signUp('early@example.com', 'Early');
    expect((await other.post('/api/communities/loop/join', { handle: 'early', share: [] })).status).toBe(201);
    const tierId = (await t.client().get('/api/communities/loop/tiers')).body.items[0].id;
    const started = await other.post('/api/communities/loop/subscriptions', { tierId });
    expect(started.status, started.text).toBe(201);
    const invoice = invoicePaid('invoice.paid.first');
    invoice.id = 'evt_early_invoice';
    invoice.data.object.id = 'in_early';
    invoice.data.object.parent.subscription_details.subscription = 'sub_early';
    const session = fixture('checkout.session.completed.subscription', (e) => {
      e.id = 'evt_early_session';
      Object.assign(e.data.object, {
        invoice: 'in_early',
        subscription: 'sub_early',
        metadata: { coterie_checkout_id: started.body.checkoutId },
      });
    });
    const payments = await count('payments');
    expect((await send(invoice)).body.outcome).toBe('pending');
    expect((await send(session)).body.outcome).toBe('applied');
    expect(await count("webhook_events where status = 'pending'")).toBe(0);
    expect((await send(invoice)).body.outcome).toBe('duplicate');
    expect(await count('payments')).toBe(payments + 1);
    const mine = (await other.get('/api/communities/loop/subscriptions/mine')).body.subscription;
    expect(Date.parse(mine.currentPeriodEnd) / 1000).toBe(now() + 31 * DAY);
  });

  it('sells a product in payment mode: the session completes the purchase, a full refund takes it back', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const product = await owner.request(
      'POST',
      '/api/communities/loop/products',
      undefined,
      multipartBody(
        { title: 'Stems', priceMinor: '1200', currency: 'EUR' },
        { filename: 'stems.pdf', contentType: 'application/pdf', data: pdf },
      ),
    );
    expect(product.status, product.text).toBe(201);
    const started = await fan.post('/api/purchases', {
      itemType: 'product',
      itemId: product.body.id,
      amountMinor: 1200,
    });
    expect(started.status, started.text).toBe(201);
    const sent = api.requests.at(-1)?.form;
    expect(sent?.get('mode')).toBe('payment');
    expect(sent?.get('metadata[coterie_checkout_id]')).toBe(started.body.checkoutId);
    const completed = fixture('checkout.session.completed.payment', (e) => {
      e.data.object.metadata.coterie_checkout_id = started.body.checkoutId;
      e.data.object.client_reference_id = started.body.checkoutId;
    });
    expect((await send(completed)).body.outcome).toBe('applied');
    expect((await fan.get(`/api/products/${product.body.id}`)).body.purchased).toBe(true);
    const link = await fan.post(`/api/products/${product.body.id}/download-link`);
    expect((await fan.get(link.body.url)).raw.equals(pdf)).toBe(true);
    const refunded = fixture('charge.refunded', (e) => {
      e.id = 'evt_product_refund';
      e.data.object.id = 'ch_product';
      e.data.object.payment_intent = completed.data.object.payment_intent;
      e.data.object.amount = 1200;
      e.data.object.amount_refunded = 1200;
      e.data.object.refunded = true;
    });
    expect((await send(refunded)).body.outcome).toBe('applied');
    expect((await fan.get(`/api/products/${product.body.id}`)).body.purchased).toBe(false);
  });
});
