import { createTestApp, type TestApp, type TestClient } from '@coterie/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, signPayload } from './providers/signature.ts';
import { BillingStore } from './store.ts';

const SECRET = 'whsec_billing_tests';
let t: TestApp;
let owner: TestClient;
let fan: TestClient;
let outsider: TestClient;
let admin: TestClient;
let supporter: { id: string };
let patron: { id: string };

const count = async (table: string): Promise<number> => {
  const result = (await t.ctx.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
    rows: { n: number }[];
  };
  return result.rows[0]?.n ?? 0;
};

const webhook = (event: unknown, options: { secret?: string; at?: number; tamper?: boolean } = {}) => {
  const body = JSON.stringify(event);
  const at = options.at ?? Math.floor(t.clock.now().getTime() / 1000);
  const header = signPayload(options.secret ?? SECRET, body, at);
  return t.client().request('POST', '/api/payments/webhooks/sandbox', undefined, {
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: header },
    rawBody: options.tamper ? body.replace('500', '5') : body,
  });
};

const event = (id: string, type: string, data: unknown) => ({
  id,
  type,
  created: Math.floor(t.clock.now().getTime() / 1000),
  data,
});

async function payCheckout(client: TestClient, tierId: string, card = '4242 4242 4242 4242') {
  const started = await client.post('/api/communities/loop/subscriptions', { tierId });
  expect(started.status, started.text).toBe(201);
  expect(started.body.checkoutUrl).toBe(`/sandbox/checkout/${started.body.checkoutId}`);
  const page = await client.get(`/api/payments/sandbox/checkout/${started.body.checkoutId}`);
  expect(page.body).toMatchObject({ status: 'open', amountMinor: expect.any(Number), currency: 'EUR' });
  return {
    checkoutId: started.body.checkoutId as string,
    paid: await client.post(`/api/payments/sandbox/checkout/${started.body.checkoutId}/pay`, {
      cardNumber: card,
    }),
  };
}

const earnings = async () => {
  const res = await owner.get('/api/communities/loop/earnings');
  expect(res.status, res.text).toBe(200);
  return res.body;
};

beforeAll(async () => {
  t = await createTestApp({
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000',
    COTERIE_SANDBOX_WEBHOOK_SECRET: SECRET,
    COTERIE_ADMIN_EMAILS: 'admin@example.com',
    // Renewals move the clock by months: sessions must outlive them.
    COTERIE_SESSION_DAYS: '365',
  });
  owner = t.client();
  await owner.signUp('owner@example.com', 'Owner');
  expect(
    (
      await owner.post('/api/communities', {
        slug: 'loop',
        name: 'Loop',
        kind: 'artist',
        visibility: 'public',
      })
    ).status,
  ).toBe(201);
  fan = t.client();
  await fan.signUp('fan@example.com', 'Fan');
  expect((await fan.post('/api/communities/loop/join', { handle: 'fan', share: [] })).status).toBe(201);
  outsider = t.client();
  await outsider.signUp('outsider@example.com', 'Outsider');
  admin = t.client();
  await admin.signUp('admin@example.com', 'Admin');
});

afterAll(async () => {
  await t.close();
});

describe('tiers', () => {
  it('are the owner’s to create, priced in integer minor units of one currency', async () => {
    const created = await owner.post('/api/communities/loop/tiers', {
      name: 'Supporter',
      priceMinor: 500,
      currency: 'EUR',
      perks: 'Demos first',
    });
    expect(created.status, created.text).toBe(201);
    supporter = created.body;
    patron = (
      await owner.post('/api/communities/loop/tiers', { name: 'Patron', priceMinor: 1500, currency: 'EUR' })
    ).body;
    for (const bad of [
      { name: 'x', priceMinor: 0, currency: 'EUR' },
      { name: 'x', priceMinor: 4.5, currency: 'EUR' },
      { name: 'x', priceMinor: 500, currency: 'EURO' },
      { name: 'x', priceMinor: 500, currency: 'XXX' },
      { name: ' ', priceMinor: 500, currency: 'EUR' },
      { name: 'x', priceMinor: 500, currency: 'EUR', extra: true },
    ]) {
      const res = await owner.post('/api/communities/loop/tiers', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(
      (await owner.post('/api/communities/loop/tiers', { name: 'x', priceMinor: 500, currency: 'USD' })).body
        .error.code,
    ).toBe('currency_mismatch');
    expect(
      (await fan.post('/api/communities/loop/tiers', { name: 'x', priceMinor: 500, currency: 'EUR' })).status,
    ).toBe(403);
    // Edits: nothing to change, a bad price, another currency, and someone else's tier are all refused.
    expect((await owner.patch(`/api/tiers/${patron.id}`, {})).status).toBe(400);
    expect((await owner.patch(`/api/tiers/${patron.id}`, { priceMinor: 10 })).body.error.code).toBe(
      'invalid_price',
    );
    expect((await owner.patch(`/api/tiers/${patron.id}`, { currency: 'USD' })).body.error.code).toBe(
      'currency_fixed',
    );
    expect((await owner.patch(`/api/tiers/${patron.id}`, { nope: 1 })).status).toBe(400);
    expect((await fan.patch(`/api/tiers/${patron.id}`, { name: 'Mine' })).status).toBe(403);
    expect((await owner.patch('/api/tiers/tir_missing', { name: 'x' })).status).toBe(404);
    const renamed = await owner.patch(`/api/tiers/${patron.id}`, { name: 'Patron', perks: 'Stems' });
    expect(renamed.body).toMatchObject({ name: 'Patron', perks: 'Stems', subscribers: 0 });
    const list = await t.client().get('/api/communities/loop/tiers');
    expect(list.body.items.map((i: { name: string }) => i.name)).toEqual(['Supporter', 'Patron']);
    expect(list.body.items[0].subscribers).toBeUndefined();
  });
});

describe('subscribing through the sandbox', () => {
  it('needs membership, refuses a declined card, and charges nothing for it', async () => {
    expect(
      (await outsider.post('/api/communities/loop/subscriptions', { tierId: supporter.id })).status,
    ).toBe(403);
    expect((await fan.post('/api/communities/loop/subscriptions', { tierId: 'tir_nope' })).status).toBe(404);
    const { checkoutId, paid } = await payCheckout(fan, supporter.id, '4000 0000 0000 0002');
    expect(paid.status).toBe(402);
    expect(paid.body.error.code).toBe('card_declined');
    const again = await fan.post(`/api/payments/sandbox/checkout/${checkoutId}/pay`, {
      cardNumber: '4242424242424242',
    });
    expect(again.status).toBe(409);
    expect(await count('payments')).toBe(0);
    const unknown = await payCheckout(fan, supporter.id, '1234');
    expect(unknown.paid.status).toBe(400);
  });

  it('a paid checkout makes an active subscription and gives the artist exactly 80 %', async () => {
    const { paid } = await payCheckout(fan, supporter.id);
    expect(paid.status, paid.text).toBe(200);
    expect(paid.body.returnUrl).toMatch(/^\/c\/loop\/support\?checkout=/);
    const mine = (await fan.get('/api/communities/loop/subscriptions/mine')).body.subscription;
    expect(mine).toMatchObject({ status: 'active', cancelAtPeriodEnd: false, tier: { name: 'Supporter' } });
    const statement = await earnings();
    expect(statement.periods).toHaveLength(1);
    expect(statement.periods[0]).toMatchObject({
      currency: 'EUR',
      grossMinor: 500,
      artistShareMinor: 400,
      platformShareMinor: 100,
      refundsMinor: 0,
      netPayableMinor: 400,
      activeSubscribers: 1,
    });
    expect(statement.balances).toEqual([{ currency: 'EUR', owedMinor: 400 }]);
    expect((await fan.post('/api/communities/loop/subscriptions', { tierId: supporter.id })).status).toBe(
      409,
    );
  });

  it('shows earnings to the owner only', async () => {
    expect((await fan.get('/api/communities/loop/earnings')).status).toBe(403);
    expect((await outsider.get('/api/communities/loop/earnings')).status).toBe(403);
    expect((await t.client().get('/api/communities/loop/earnings')).status).toBe(401);
    const csv = await owner.get('/api/communities/loop/earnings.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[1]).toMatch(/^\d{4}-\d{2},EUR,500,400,100,0,400,0,1$/);
  });

  it('upgrades in place, renews monthly, and cancels at the end of the period', async () => {
    const { paid } = await payCheckout(fan, patron.id);
    expect(paid.status, paid.text).toBe(200);
    expect((await fan.get('/api/communities/loop/subscriptions/mine')).body.subscription.tier.name).toBe(
      'Patron',
    );
    expect(await count("subscriptions where status <> 'canceled'")).toBe(1);
    expect((await fan.post('/api/admin/sandbox/renewals')).status).toBe(404);
    expect((await admin.post('/api/admin/sandbox/renewals')).body).toEqual({
      renewed: 0,
      failed: 0,
      canceled: 0,
    });
    t.clock.advance(32 * 86_400);
    expect((await admin.post('/api/admin/sandbox/renewals')).body).toEqual({
      renewed: 1,
      failed: 0,
      canceled: 0,
    });
    const cancelled = await fan.delete('/api/communities/loop/subscriptions/mine');
    expect(cancelled.body).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    const resumed = await fan.post('/api/communities/loop/subscriptions/mine/resume');
    expect(resumed.body).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });
    expect((await outsider.post('/api/communities/loop/subscriptions/mine/resume')).status).toBe(404);
    await fan.delete('/api/communities/loop/subscriptions/mine');
    t.clock.advance(32 * 86_400);
    expect((await admin.post('/api/admin/sandbox/renewals')).body).toEqual({
      renewed: 0,
      failed: 0,
      canceled: 1,
    });
    expect((await fan.get('/api/communities/loop/subscriptions/mine')).body.subscription).toBeNull();
    const all = (await fan.get('/api/me/subscriptions')).body.items;
    expect(all[0]).toMatchObject({ status: 'canceled', community: { slug: 'loop' } });
    const gross = (await earnings()).periods.reduce(
      (sum: number, p: { grossMinor: number }) => sum + p.grossMinor,
      0,
    );
    expect(gross).toBe(500 + 1500 + 1500);
  });
});

describe('webhooks', () => {
  it('refuse forged, stale and tampered signatures and write nothing', async () => {
    const before = await count('webhook_events');
    const valid = event('evt_forged', 'charge.refunded', { chargeId: 'x', refundId: 'r', amountMinor: 500 });
    expect((await webhook(valid, { secret: 'guess' })).status).toBe(400);
    expect((await webhook(valid, { at: Math.floor(t.clock.now().getTime() / 1000) - 301 })).status).toBe(400);
    const tampered = await webhook(valid, { tamper: true });
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe('bad_signature');
    const unsigned = await t.client().request('POST', '/api/payments/webhooks/sandbox', undefined, {
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify(valid),
    });
    expect(unsigned.body.error.code).toBe('missing_signature');
    expect(
      (await webhook({ id: 'evt_bad', type: 'invoice.paid', created: 1, data: { nope: 1 } })).status,
    ).toBe(400);
    expect(await count('webhook_events')).toBe(before);
    expect((await t.client().post('/api/payments/webhooks/stripe', valid)).status).toBe(404);
  });

  it('acknowledge and ignore unknown event types', async () => {
    const res = await webhook(event('evt_unknown', 'customer.created', { anything: true }));
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('ignored');
  });

  it('change the ledger once for a replay 100 times and 10 concurrent copies', async () => {
    const checkout = (await fan.post('/api/communities/loop/subscriptions', { tierId: supporter.id })).body
      .checkoutId;
    const paidEvent = event('evt_replayed', 'checkout.completed', {
      checkoutId: checkout,
      chargeId: 'ch_replayed',
      amountMinor: 500,
      currency: 'EUR',
      subscriptionRef: 'sub_replayed',
      periodEnd: Math.floor(t.clock.now().getTime() / 1000) + 30 * 86_400,
    });
    const lines = await count('ledger_postings');
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => webhook(paidEvent)));
    for (const r of concurrent) expect(r.status, r.text).toBe(200);
    for (let i = 0; i < 100; i++) expect((await webhook(paidEvent)).body.outcome).toBe('duplicate');
    expect(concurrent.filter((r) => r.body.outcome === 'applied')).toHaveLength(1);
    expect(await count('ledger_postings')).toBe(lines + 3);
  });

  it('end consistent when a refund arrives before its capture', async () => {
    expect((await outsider.post('/api/communities/loop/join', { handle: 'late', share: [] })).status).toBe(
      201,
    );
    const checkout = (await outsider.post('/api/communities/loop/subscriptions', { tierId: supporter.id }))
      .body.checkoutId;
    const refund = await webhook(
      event('evt_early_refund', 'charge.refunded', {
        chargeId: 'ch_late',
        refundId: 're_1',
        amountMinor: 500,
      }),
    );
    expect(refund.body.outcome).toBe('pending');
    const capture = await webhook(
      event('evt_late_capture', 'checkout.completed', {
        checkoutId: checkout,
        chargeId: 'ch_late',
        amountMinor: 500,
        currency: 'EUR',
      }),
    );
    expect(capture.body.outcome).toBe('applied');
    expect(await count("webhook_events where status = 'pending'")).toBe(0);
    const result = (await t.ctx.db.execute(
      sql`select gross_minor - refunded_minor as left from payments where provider_charge_id = 'ch_late'`,
    )) as unknown as { rows: { left: number }[] };
    expect(Number(result.rows[0]?.left)).toBe(0);
  });
});

describe('refunds, disputes and payouts', () => {
  it('reverse the split exactly, keep the artist at 80 % of what is left, and pay out what is owed', async () => {
    const before = await earnings();
    const owed = before.balances[0].owedMinor;
    const payment = (await t.ctx.db.execute(
      sql`select id from payments where gross_minor = 1500 order by captured_at limit 1`,
    )) as unknown as { rows: { id: string }[] };
    const id = payment.rows[0]?.id;
    expect((await admin.post(`/api/admin/sandbox/payments/${id}/refund`, { amountMinor: 333 })).status).toBe(
      204,
    );
    expect(
      (await admin.post(`/api/admin/sandbox/payments/${id}/dispute`, { amountMinor: 2000 })).status,
    ).toBe(400);
    expect(
      (await admin.post(`/api/admin/sandbox/payments/${id}/dispute`, { amountMinor: 1167 })).status,
    ).toBe(204);
    const after = await earnings();
    // 15.00 taken back in full: 12.00 from the artist, 3.00 from the platform.
    expect(after.balances[0].owedMinor).toBe(owed - 1200);
    expect(
      (await owner.post('/api/admin/communities/loop/payouts', { currency: 'EUR', amountMinor: 100 })).status,
    ).toBe(403);
    const tooMuch = await admin.post('/api/admin/communities/loop/payouts', {
      currency: 'EUR',
      amountMinor: owed,
    });
    expect(tooMuch.status).toBe(400);
    const paid = await admin.post('/api/admin/communities/loop/payouts', {
      currency: 'EUR',
      amountMinor: owed - 1200,
      reference: 'SEPA 2026-12',
    });
    expect(paid.status, paid.text).toBe(201);
    expect(paid.body.balances).toEqual([{ currency: 'EUR', owedMinor: 0 }]);
    // The statement kept on write equals the one recomputed from every posting.
    const store = new BillingStore(t.ctx.db);
    const communityId = (
      (await t.ctx.db.execute(sql`select id from communities where slug = 'loop'`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows[0]?.id as string;
    expect(await store.statements().statement(communityId)).toEqual(
      await store.statements().statementFromPostings(communityId),
    );
    const sums = (await t.ctx.db.execute(
      sql`select transaction_id, sum(amount_minor)::bigint as s from ledger_postings group by 1 having sum(amount_minor) <> 0`,
    )) as unknown as { rows: unknown[] };
    expect(sums.rows).toEqual([]);
  });
});

describe('running refund totals', () => {
  it('count refunds only, so a dispute in between is not taken off the next refund', async () => {
    const ref = (
      (await t.ctx.db.execute(sql`select provider_ref from subscriptions limit 1`)) as unknown as {
        rows: { provider_ref: string }[];
      }
    ).rows[0]?.provider_ref;
    const paid = await webhook(
      event('evt_total_paid', 'invoice.paid', {
        subscriptionRef: ref,
        chargeId: 'ch_total',
        amountMinor: 1000,
        currency: 'EUR',
        periodEnd: Math.floor(t.clock.now().getTime() / 1000) + 86_400,
      }),
    );
    expect(paid.body.outcome).toBe('applied');
    const left = async () =>
      Number(
        (
          (await t.ctx.db.execute(
            sql`select gross_minor - refunded_minor as left from payments where provider_charge_id = 'ch_total'`,
          )) as unknown as { rows: { left: number }[] }
        ).rows[0]?.left,
      );
    await webhook(
      event('evt_total_dispute', 'charge.disputed', {
        chargeId: 'ch_total',
        disputeId: 'dp_1',
        amountMinor: 300,
      }),
    );
    const refund = (id: string, total: number) =>
      webhook(
        event(id, 'charge.refunded', {
          chargeId: 'ch_total',
          refundId: `re_${total}`,
          amountMinor: 0,
          totalRefundedMinor: total,
        }),
      );
    await refund('evt_total_200', 200);
    expect(await left()).toBe(500);
    await refund('evt_total_200_again', 200);
    expect(await left()).toBe(500);
    await refund('evt_total_700', 700);
    expect(await left()).toBe(0);
  });
});

describe('your data', () => {
  it('exports subscriptions and receipts; erasure stops billing and keeps the money without the person', async () => {
    const exported = (await outsider.get('/api/me/export')).body.sections.billing;
    expect(exported.subscriptions).toHaveLength(1);
    expect(exported.payments[0]).toMatchObject({ grossMinor: 500, refundedMinor: 500, currency: 'EUR' });
    const lines = await count('ledger_postings');
    expect(
      (await outsider.delete('/api/me', { password: 'a long and quiet river', posts: 'delete' })).status,
    ).toBe(204);
    expect(await count('ledger_postings')).toBe(lines);
    expect(await count("payments where user_id is null and provider_charge_id = 'ch_late'")).toBe(1);
    expect(await count("subscriptions where user_id is null and status <> 'canceled'")).toBe(0);
  });
});
