import { createTestApp, multipartBody, type TestApp, type TestClient } from '@coterie/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let t: TestApp;
let owner: TestClient;
let fan: TestClient;
let other: TestClient;
let admin: TestClient;
let anonymous: TestClient;
let productId: string;

// A small but real PDF: file-type recognises it by its bytes, not its name.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const upload = (
  client: TestClient,
  fields: Record<string, string>,
  file: { filename: string; data: Buffer; contentType?: string } | null,
  slug = 'guides',
) =>
  client.request(
    'POST',
    `/api/communities/${slug}/products`,
    undefined,
    multipartBody(
      fields,
      file ? { contentType: file.contentType ?? 'application/octet-stream', ...file } : null,
    ),
  );

async function buy(client: TestClient, amountMinor: number, card = '4242 4242 4242 4242') {
  const started = await client.post('/api/purchases', {
    itemType: 'product',
    itemId: productId,
    amountMinor,
  });
  expect(started.status, started.text).toBe(201);
  const paid = await client.post(`/api/payments/sandbox/checkout/${started.body.checkoutId}/pay`, {
    cardNumber: card,
  });
  return { checkoutId: started.body.checkoutId as string, paid };
}

beforeAll(async () => {
  t = await createTestApp({
    COTERIE_REGISTRATIONS_PER_IP_PER_HOUR: '1000',
    COTERIE_ADMIN_EMAILS: 'admin@example.com',
  });
  owner = t.client();
  await owner.signUp('lena@example.com', 'Lena');
  await owner.post('/api/communities', {
    slug: 'guides',
    name: 'Lena’s Guides',
    kind: 'expert',
    visibility: 'public',
  });
  await owner.post('/api/communities', {
    slug: 'inner',
    name: 'Inner Circle',
    kind: 'expert',
    visibility: 'private',
  });
  fan = t.client();
  await fan.signUp('fan@example.com', 'Fan');
  other = t.client();
  await other.signUp('other@example.com', 'Other');
  admin = t.client();
  await admin.signUp('admin@example.com', 'Admin');
  anonymous = t.client();
});

afterAll(async () => {
  await t.close();
});

describe('digital products', () => {
  it('lets the owner sell a PDF at pay-what-you-want, named and typed by its bytes', async () => {
    const res = await upload(
      owner,
      {
        title: 'Field recording guide',
        description: 'Forty pages.',
        priceMinor: '500',
        currency: 'eur',
        payWhatYouWant: 'true',
      },
      { filename: 'guide final v2.pdf', data: PDF, contentType: 'text/plain' },
    );
    expect(res.status, res.text).toBe(201);
    productId = res.body.id;
    expect(res.body).toMatchObject({
      title: 'Field recording guide',
      price: { amountMinor: 500, currency: 'EUR', payWhatYouWant: true },
      file: { name: 'guide final v2.pdf', bytes: PDF.length, kind: 'pdf', contentType: 'application/pdf' },
      purchased: false,
      canEdit: true,
      sales: 0,
    });
    const page = await anonymous.get(`/api/products/${productId}`);
    expect(page.status).toBe(200);
    expect(page.body.sales).toBeUndefined();
    expect((await anonymous.get('/api/communities/guides/products')).body.products).toHaveLength(1);
  });

  it('refuses files that are not PDF, EPUB, video or zip, bad prices, and anyone but the team', async () => {
    const fields = { title: 'X', priceMinor: '500', currency: 'EUR' };
    const text = await upload(owner, fields, {
      filename: 'x.pdf',
      data: Buffer.from('just text, not a pdf'),
    });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('unsupported_file');
    expect(
      (await upload(owner, { ...fields, priceMinor: '10' }, { filename: 'a.pdf', data: PDF })).body.error
        .code,
    ).toBe('invalid_price');
    expect(
      (await upload(owner, { ...fields, currency: 'XXX' }, { filename: 'a.pdf', data: PDF })).body.error.code,
    ).toBe('unsupported_currency');
    expect(
      (await upload(owner, { ...fields, priceMinor: 'lots' }, { filename: 'a.pdf', data: PDF })).status,
    ).toBe(400);
    expect((await upload(owner, fields, null)).status).toBe(400);
    expect((await upload(fan, fields, { filename: 'a.pdf', data: PDF })).status).toBe(403);
    expect((await upload(anonymous, fields, { filename: 'a.pdf', data: PDF })).status).toBe(401);
  });

  it('hides a private community’s products from outsiders', async () => {
    const res = await upload(
      owner,
      { title: 'Secret', priceMinor: '900', currency: 'EUR' },
      { filename: 's.pdf', data: PDF },
      'inner',
    );
    expect(res.status).toBe(201);
    expect((await other.get(`/api/products/${res.body.id}`)).status).toBe(404);
    expect((await other.get('/api/communities/inner/products')).status).toBe(404);
    const attempt = await other.post('/api/purchases', {
      itemType: 'product',
      itemId: res.body.id,
      amountMinor: 900,
    });
    expect(attempt.status).toBe(404);
  });

  it('holds the buyer to the minimum, then sells, unlocks and counts 80 % for the artist', async () => {
    const low = await fan.post('/api/purchases', {
      itemType: 'product',
      itemId: productId,
      amountMinor: 499,
    });
    expect(low.status).toBe(400);
    expect(low.body.error.code).toBe('below_minimum');
    expect((await fan.post(`/api/products/${productId}/download-link`)).status).toBe(403);
    const declined = await buy(fan, 700, '4000 0000 0000 0002');
    expect(declined.paid.status).toBe(402);
    expect((await fan.get(`/api/products/${productId}`)).body.purchased).toBe(false);
    const { checkoutId, paid } = await buy(fan, 700);
    expect(paid.status, paid.text).toBe(200);
    expect(paid.body.returnUrl).toBe(`/c/guides/shop/${productId}?checkout=${checkoutId}`);
    expect((await fan.get(`/api/products/${productId}`)).body.purchased).toBe(true);
    expect((await owner.get(`/api/products/${productId}`)).body.sales).toBe(1);
    const again = await fan.post('/api/purchases', {
      itemType: 'product',
      itemId: productId,
      amountMinor: 700,
    });
    expect(again.status).toBe(409);
    const [period] = (await owner.get('/api/communities/guides/earnings')).body.periods;
    expect(period).toMatchObject({ grossMinor: 700, artistShareMinor: 560, platformShareMinor: 140 });
  });

  it('lists the purchase and its receipt for the buyer only', async () => {
    const mine = await fan.get('/api/me/purchases');
    expect(mine.body.purchases).toEqual([
      expect.objectContaining({
        itemType: 'product',
        itemId: productId,
        title: 'Field recording guide · Lena’s Guides',
        community: { slug: 'guides', name: 'Lena’s Guides' },
        amountMinor: 700,
        currency: 'EUR',
        refunded: false,
        href: `/c/guides/shop/${productId}`,
      }),
    ]);
    const paymentId = mine.body.purchases[0].paymentId;
    const list = await fan.get('/api/me/payments');
    expect(list.body.payments).toEqual([
      expect.objectContaining({ id: paymentId, kind: 'purchase', grossMinor: 700 }),
    ]);
    const receipt = await fan.get(`/api/me/payments/${paymentId}`);
    expect(receipt.body).toMatchObject({
      id: paymentId,
      description: 'Field recording guide · Lena’s Guides',
      artistShareMinor: 560,
      platformShareMinor: 140,
      buyer: { displayName: 'Fan', email: 'fan@example.com' },
      provider: 'sandbox',
    });
    expect((await other.get(`/api/me/payments/${paymentId}`)).status).toBe(404);
    expect((await other.get('/api/me/purchases')).body.purchases).toEqual([]);
    const exported = (await fan.get('/api/me/export')).body;
    expect(exported.sections.billing.purchases).toEqual([expect.objectContaining({ itemId: productId })]);
  });

  it('gives the buyer a download link that works for them only, and only for 15 minutes', async () => {
    const link = await fan.post(`/api/products/${productId}/download-link`);
    expect(link.status).toBe(200);
    const file = await fan.get(link.body.url);
    expect(file.status).toBe(200);
    expect(file.raw.equals(PDF)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('guide final v2.pdf');
    expect((await other.get(link.body.url)).status).toBe(403);
    expect((await anonymous.get(link.body.url)).status).toBe(401);
    expect((await admin.get(link.body.url)).status).toBe(403);
    const forged = link.body.url.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await fan.get(forged)).status).toBe(404);
    t.clock.advance(16 * 60);
    const expired = await fan.get(link.body.url);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('link_expired');
    // The team may always fetch its own file.
    const teamLink = await owner.post(`/api/products/${productId}/download-link`, {});
    expect((await owner.get(teamLink.body.url)).status).toBe(200);
  });

  it('keeps an archived product for its buyers, and stops selling it', async () => {
    const archived = await owner.patch(`/api/products/${productId}`, { archived: true });
    expect(archived.body.archived).toBe(true);
    expect((await other.get(`/api/products/${productId}`)).status).toBe(404);
    expect((await anonymous.get('/api/communities/guides/products')).body.products).toEqual([]);
    expect((await fan.get(`/api/products/${productId}`)).body.purchased).toBe(true);
    const attempt = await other.post('/api/purchases', {
      itemType: 'product',
      itemId: productId,
      amountMinor: 800,
    });
    expect(attempt.status).toBe(404);
    expect((await fan.patch(`/api/products/${productId}`, { title: 'Mine now' })).status).toBe(403);
    await owner.patch(`/api/products/${productId}`, { archived: false, priceMinor: 600 });
  });

  it('takes the product back on a full refund, not on a partial one', async () => {
    const [payment] = (await fan.get('/api/me/payments')).body.payments;
    const partial = await admin.post(`/api/admin/sandbox/payments/${payment.id}/refund`, {
      amountMinor: 100,
    });
    expect(partial.status, partial.text).toBe(204);
    expect((await fan.get(`/api/products/${productId}`)).body.purchased).toBe(true);
    await admin.post(`/api/admin/sandbox/payments/${payment.id}/refund`, { amountMinor: 600 });
    expect((await fan.get(`/api/products/${productId}`)).body.purchased).toBe(false);
    expect((await fan.post(`/api/products/${productId}/download-link`)).status).toBe(403);
    expect((await fan.get('/api/me/purchases')).body.purchases[0].refunded).toBe(true);
    const [period] = (await owner.get('/api/communities/guides/earnings')).body.periods;
    expect(period).toMatchObject({ grossMinor: 700, refundsMinor: 700, netPayableMinor: 0 });
  });

  it('rejects malformed purchases with a clear 4xx', async () => {
    const cases = [
      { itemType: 'car', itemId: productId, amountMinor: 700 },
      { itemType: 'product', itemId: productId, amountMinor: -1 },
      { itemType: 'product', itemId: productId, amountMinor: 1.5 },
      { itemType: 'product', itemId: 'prd_nope', amountMinor: 700 },
      { itemType: 'product', itemId: productId },
    ];
    for (const body of cases) {
      const res = await fan.post('/api/purchases', body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
    }
    expect(
      (await anonymous.post('/api/purchases', { itemType: 'product', itemId: productId, amountMinor: 700 }))
        .status,
    ).toBe(401);
  });
});
