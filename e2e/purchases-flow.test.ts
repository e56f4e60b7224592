import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, screenshot } from './support/browser.ts';
import { apiFromPage } from './support/people.ts';
import { BrowserSession } from './support/session.ts';

const run = promisify(execFile);
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

async function screenshots(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

/** A small but real PDF: one empty page, enough for the server to read its type from the bytes. */
const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
);

// A micro-expert sells a guide at pay what you want from €5; a fan pays €7 through the sandbox,
// downloads exactly the bytes that were uploaded and prints the receipt; the expert sees 80 %.
describe('purchases: products, pay what you want, downloads, receipts and tier content', () => {
  let workDir = '';
  const session = new BrowserSession();
  const newPerson = (name: string): Promise<Page> => session.newPerson(name);
  const checkAccessibility = (page: Page, label: string): Promise<void> =>
    session.checkAccessibility(page, label);

  const community = { name: 'Crumb Theory', slug: 'crumb-theory', accent: '#7a4b1e' };
  const base = `/c/${community.slug}`;
  const guide = 'The Sourdough Field Guide';
  let owner: Page;
  let fan: Page;
  let trackId = '';

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'coterie-e2e-purchases-'));
    await session.start();
  });

  afterAll(async () => {
    await session.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('the owner uploads a PDF in Settings → Products at pay what you want from €5', async () => {
    owner = await newPerson('Mira Lindqvist');
    await apiFromPage(owner, 'POST', '/api/communities', {
      slug: community.slug,
      name: community.name,
      kind: 'expert',
      visibility: 'public',
      tagline: 'Bread, slowly.',
      accentColor: community.accent,
      ownerHandle: 'mira',
      ownerShare: ['displayName'],
    });
    await owner.goto(base);
    await owner
      .getByRole('navigation', { name: `${community.name} sections` })
      .getByRole('link', { name: 'Shop' })
      .click();
    await owner.getByText('Nothing for sale yet: upload the first product in Settings → Products.').waitFor();
    await owner.getByRole('link', { name: 'Settings → Products' }).click();
    await owner.waitForURL(`**${base}/settings/products`);
    await owner.getByText('No products yet. Upload the first one below.').waitFor();

    await owner.getByLabel('Title', { exact: true }).fill(guide);
    await owner
      .getByLabel('Description (optional)')
      .fill('Forty pages on starters, hydration and the crumb you want, from ten years of baking.');
    await owner.getByRole('radio', { name: 'Pay what you want' }).check();
    await owner.getByLabel('Minimum price').fill('5');
    await owner.getByLabel('File', { exact: true }).setInputFiles({
      name: 'sourdough-field-guide.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await checkAccessibility(owner, 'products settings, filled in');
    await owner.getByRole('button', { name: 'Upload product' }).click();
    await owner.getByText(`${guide} is in the shop at €5.00 or more.`).waitFor();
    const row = owner.getByRole('list', { name: 'Your products' }).getByRole('listitem', { name: guide });
    expect(await row.textContent()).toContain('€5.00 or more · 0 sales');
    await checkAccessibility(owner, 'products settings');
    await screenshots(owner, 'purchases-products-settings');
  });

  it('the owner prices a track and keeps a post for a tier', async () => {
    // A short WAV, uploaded as the API takes it; the UI under test is the price editor.
    const wav = path.join(workDir, 'Proofing.wav');
    await run(ffmpeg.path, [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=262:duration=4',
      '-ar',
      '44100',
      wav,
    ]);
    const bytes = [...(await readFile(wav))];
    trackId = await owner.evaluate(
      async ({ slug, bytes }) => {
        const form = new FormData();
        form.append('title', 'Proofing');
        form.append('visibility', 'public');
        form.append('downloadable', 'true');
        form.append('file', new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }), 'Proofing.wav');
        const response = await fetch(`/api/communities/${slug}/tracks`, { method: 'POST', body: form });
        return ((await response.json()) as { id: string }).id;
      },
      { slug: community.slug, bytes },
    );
    await expect
      .poll(
        async () => (await apiFromPage<{ status: string }>(owner, 'GET', `/api/tracks/${trackId}`)).status,
        {
          timeout: 45_000,
        },
      )
      .toBe('ready');
    // A tier first: the track editor offers it as an audience.
    await apiFromPage(owner, 'POST', `/api/communities/${community.slug}/tiers`, {
      name: 'Starter Club',
      priceMinor: 400,
      currency: 'EUR',
      perks: 'Monthly bake-along',
    });
    await owner.goto(`${base}/music/t/${trackId}`);
    await owner.getByRole('heading', { name: 'Proofing', level: 2 }).waitFor();
    await owner.getByRole('button', { name: 'Edit details' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Edit the track' });
    await dialog.getByRole('radio', { name: 'Tier: Starter Club and up' }).waitFor();
    await dialog.getByRole('radio', { name: 'Fixed price' }).check();
    await dialog.getByLabel('Price', { exact: true }).fill('1.50');
    await checkAccessibility(owner, 'track edit, priced');
    await screenshot(owner, 'purchases-track-edit');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await owner.getByRole('heading', { name: /€1\.50/ }).waitFor();

    // A post only that tier (and dearer ones) can read, badged with its name.
    await owner.goto(base);
    const composer = owner.getByRole('form', { name: 'Write a post' });
    await composer.getByLabel('Your post').fill('This month’s bake-along: a rye with caraway.');
    await composer.getByLabel('Who can see it').selectOption({ label: 'Tier: Starter Club and up' });
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    const post = owner.getByRole('article').filter({ hasText: 'rye with caraway' });
    await post.getByText('Starter Club').waitFor();
    await checkAccessibility(owner, 'feed with a tier post');
    await screenshot(owner, 'purchases-tier-post');
  });

  it('a fan finds the guide in the Shop and pays €7 of a €5 minimum through the sandbox', async () => {
    fan = await newPerson('Tomás Reyes');
    await fan.goto(base);
    // The tier post is not for them: it is simply not there.
    expect(await fan.getByText('rye with caraway').count()).toBe(0);
    await fan
      .getByRole('navigation', { name: `${community.name} sections` })
      .getByRole('link', { name: 'Shop' })
      .click();
    const card = fan.getByRole('article', { name: guide });
    await card.getByText('€5.00 or more').waitFor();
    await checkAccessibility(fan, 'shop');
    await screenshots(fan, 'purchases-shop');

    await card.getByRole('link', { name: guide }).click();
    await fan.getByRole('heading', { name: guide, level: 2 }).waitFor();
    const amount = fan.getByLabel('Your price (EUR)');
    expect(await amount.inputValue()).toBe('5.00');
    await amount.fill('4');
    await fan.getByRole('button', { name: `Buy “${guide}”` }).click();
    await fan.getByText('Pay at least €5.00.').waitFor();
    await checkAccessibility(fan, 'product page, below the minimum');
    await screenshots(fan, 'purchases-product');

    await amount.fill('7');
    await fan.getByRole('button', { name: `Buy “${guide}”` }).click();
    await fan.waitForURL('**/sandbox/checkout/**');
    await fan.getByText('€7.00', { exact: true }).waitFor();
    await fan.getByRole('button', { name: /^Use 4242 4242 4242 4242/ }).click();
    await fan.getByRole('button', { name: /^Pay / }).click();
    await fan.waitForURL(`**${base}/shop/**`);
    await fan.getByText(`Thank you! “${guide}” is yours.`).waitFor();
    await fan.getByText('Purchased', { exact: true }).waitFor();
    await expect.poll(() => new URL(fan.url()).search).toBe('');
    await checkAccessibility(fan, 'product page, purchased');
    await screenshots(fan, 'purchases-product-purchased');
  });

  it('downloads exactly the bytes the owner uploaded', async () => {
    const [download] = await Promise.all([
      fan.waitForEvent('download'),
      fan.getByRole('button', { name: `Download “${guide}”` }).click(),
    ]);
    const file = path.join(artifactsDir, 'purchases-download.pdf');
    await download.saveAs(file);
    expect((await readFile(file)).equals(PDF)).toBe(true);
    expect(download.suggestedFilename()).toBe('sourdough-field-guide.pdf');
  });

  it('a priced track shows its price and Buy to the fan, and no download', async () => {
    await fan.goto(`${base}/music/t/${trackId}`);
    await fan.getByRole('heading', { name: 'Proofing', level: 2 }).waitFor();
    await fan.getByRole('heading', { name: /€1\.50/ }).waitFor();
    await fan.getByRole('button', { name: 'Buy “Proofing”' }).waitFor();
    expect(await fan.getByRole('heading', { name: 'Download' }).count()).toBe(0);
    await checkAccessibility(fan, 'track page, for sale');
    await screenshots(fan, 'purchases-track');
  });

  it('the fan sees the purchase and its receipt in Subscriptions & purchases', async () => {
    await fan.goto('/me');
    await fan
      .getByRole('navigation', { name: 'Account sections' })
      .getByRole('link', { name: 'Subscriptions & purchases' })
      .click();
    await fan.getByRole('heading', { name: 'Subscriptions & purchases', level: 1 }).waitFor();
    const purchase = fan.getByRole('list', { name: 'Your purchases' }).getByRole('article', { name: guide });
    await purchase.waitFor();
    expect(await purchase.textContent()).toContain(`Product from ${community.name} · €7.00`);
    await purchase.getByRole('button', { name: `Download “${guide}”` }).waitFor();
    await fan.getByRole('table').getByText('€7.00').waitFor();
    await checkAccessibility(fan, 'subscriptions & purchases');
    await screenshots(fan, 'purchases-mine');

    await purchase.getByRole('link', { name: `Receipt for ${guide}` }).click();
    await fan.waitForURL('**/me/receipts/**');
    const receipt = fan.getByRole('article', { name: 'Receipt' });
    await receipt.waitFor();
    const text = (await receipt.textContent()) ?? '';
    expect(text).toContain('Tomás Reyes');
    expect(text).toContain('Total paid€7.00');
    expect(text).toContain(`To ${community.name}€5.60`);
    expect(text).toContain('To run Coterie€1.40');
    await checkAccessibility(fan, 'receipt');
    await screenshots(fan, 'purchases-receipt');
    await fan.emulateMedia({ media: 'print' });
    await screenshot(fan, 'purchases-receipt-print');
    await fan.emulateMedia({ media: 'screen' });
  });

  it('the owner’s earnings show the €5.60 artist share of the €7.00 sale', async () => {
    await owner.goto(`${base}/settings/earnings`);
    const row = owner.getByRole('table').getByRole('row').nth(1);
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['€7.00', '€5.60', '€1.40']);
    await owner.goto(`${base}/settings/products`);
    await owner.getByRole('list', { name: 'Your products' }).getByText('€5.00 or more · 1 sale').waitFor();
    await owner.goto(`${base}/shop`);
    await owner.getByRole('article', { name: guide }).waitFor();
    await checkAccessibility(owner, 'shop, owner');
    await screenshot(owner, 'purchases-shop-owner');
  });

  it('raised no console errors, and reached nothing but the server', async () => {
    await fan.close();
    await owner.close();
    expect(session.unexpectedErrors()).toEqual([]);
    expect(session.blocked).toEqual([]);
  });
});
