import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AxeSummary,
  artifactsDir,
  collectPageErrors,
  isolatedContext,
  launchChromium,
  runAxe,
  screenshot,
  serious,
} from './support/browser.ts';
import { apiFromPage, fillProfile, signUp, uniqueEmail } from './support/people.ts';
import { drawPicture } from './support/pictures.ts';
import { type RunningServer, startServer } from './support/server.ts';

/** Which fields a persona card shows, by the data-field marks the card puts on each one. */
const fieldsOf = (card: Locator) =>
  card
    .locator('[data-field]')
    .evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.field));

const backgroundOf = (locator: Locator) => locator.evaluate((node) => getComputedStyle(node).backgroundColor);

// An owner and a member, each in a browser context of their own, taking turns like two people would.
describe('community flow in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let ownerContext: BrowserContext;
  let memberContext: BrowserContext;
  let owner: Page;
  let member: Page;
  const pageErrors: string[] = [];
  const blocked: string[] = [];
  const axe: AxeSummary[] = [];

  const community = { name: 'Tape Club Porto', slug: 'tape-club-porto', accent: '#7a2e3b' };
  const accentRgb = 'rgb(122, 46, 59)';
  let inviteUrl = '';

  async function checkAccessibility(page: Page, label: string) {
    const summary = await runAxe(page, label);
    axe.push(summary);
    expect(serious(summary), `axe found serious problems on ${label}`).toEqual([]);
  }

  async function settle(page: Page) {
    await page.evaluate(() => document.fonts.ready);
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    ownerContext = await isolatedContext(browser, server.baseUrl, blocked);
    memberContext = await isolatedContext(browser, server.baseUrl, blocked);
    owner = await ownerContext.newPage();
    member = await memberContext.newPage();
    for (const page of [owner, member]) {
      // Every step answers within a second or two; a wait far longer means it is stuck.
      page.setDefaultTimeout(15_000);
      const errors = collectPageErrors(page);
      page.on('close', () => pageErrors.push(...errors));
    }
  });

  afterAll(async () => {
    const minor = axe.flatMap((s) => s.violations.map((v) => `${s.page}: ${v.id} (${v.impact})`));
    if (minor.length > 0) console.log(`axe, below serious:\n  ${minor.join('\n  ')}`);
    await ownerContext?.close();
    await memberContext?.close();
    await browser?.close();
    await server?.stop();
  });

  it('the owner signs up and finds the communities page empty, with a call to start one', async () => {
    await signUp(owner, 'Lena Novak', uniqueEmail('owner'));
    await owner.getByRole('banner').getByRole('link', { name: 'Communities', exact: true }).click();
    await owner.waitForURL('**/communities');
    await owner.getByRole('heading', { name: 'No public communities yet' }).waitFor();
    expect(await owner.getByRole('link', { name: 'Start a community' }).count()).toBeGreaterThan(0);
  });

  it('creates a private community with its own accent colour, previewed live', async () => {
    await owner.getByRole('link', { name: 'Start a community' }).first().click();
    await owner.waitForURL('**/communities/new');
    await owner.getByRole('heading', { name: 'Start a community' }).waitFor();
    await checkAccessibility(owner, 'create');

    await owner.getByLabel('Name', { exact: true }).fill(community.name);
    // The address follows the name until it is edited.
    expect(await owner.getByLabel('Address', { exact: true }).inputValue()).toBe(community.slug);
    await owner.getByRole('radio', { name: 'Interest' }).check();
    await owner.getByRole('radio', { name: 'Private, invite only' }).check();
    await owner
      .getByLabel('Tagline (optional)')
      .fill('Cassettes, reel-to-reel and the people who still love them.');
    await owner.getByLabel('Accent colour: hex code').fill(community.accent);
    await owner.getByLabel('Accent colour: hex code').press('Tab');
    const preview = owner.locator('.branding__preview .community-banner');
    await expect.poll(() => backgroundOf(preview)).toBe(accentRgb);
    expect(await preview.textContent()).toContain('Private, invite only');
    await owner.getByLabel('Member cap (optional)').fill('40');
    await owner.getByLabel('Your handle', { exact: true }).fill('lena');
    await settle(owner);
    await screenshot(owner, 'community-create');

    await owner.getByRole('button', { name: 'Create community' }).click();
    await owner.waitForURL(`**/c/${community.slug}`);
    await owner.getByRole('heading', { level: 1, name: community.name }).waitFor();
    await owner.getByText(`${community.name} is ready. It is private`).waitFor();
    expect(await backgroundOf(owner.locator('.community-banner'))).toBe(accentRgb);
    expect(await owner.locator('.community-banner').textContent()).toContain('1 of 40 members');
    // Themed through the CSSOM, never a style attribute in the HTML.
    expect(await owner.evaluate(() => document.querySelector('.themed')?.getAttribute('style'))).toContain(
      '--community-accent',
    );
  });

  it('creates an invite link in the settings', async () => {
    const tabs = owner.getByRole('navigation', { name: `${community.name} sections` });
    await tabs.getByRole('link', { name: 'Settings' }).click();
    await owner.waitForURL(`**/c/${community.slug}/settings`);
    await owner.getByRole('heading', { name: 'Branding' }).waitFor();
    await checkAccessibility(owner, 'settings');
    await settle(owner);
    await screenshot(owner, 'community-settings');

    await owner
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Invites' })
      .click();
    await owner.getByRole('heading', { name: 'Invite people' }).waitFor();
    await owner.getByLabel('Uses allowed (optional)').fill('5');
    await owner.getByRole('button', { name: 'Create invite link' }).click();
    await owner.getByText('Invite created.').waitFor();
    inviteUrl = await owner.getByLabel('Invite link', { exact: true }).inputValue();
    expect(inviteUrl).toMatch(new RegExp(`/c/${community.slug}\\?invite=[\\w-]+$`));
    await owner.getByRole('list', { name: 'Invite links' }).getByText('Used 0 of 5').waitFor();
    await screenshot(owner, 'community-invites');
  });

  it('a second person signs up, opens the invite on a phone and sees the private community', async () => {
    await signUp(member, 'Rosa Ferreira', uniqueEmail('member'));
    await fillProfile(member, {
      realName: 'Rosa Maria Ferreira',
      location: 'Porto, Portugal',
      bio: 'I repair tape decks and trade mixtapes.',
    });

    // An outsider without the invite is told nothing about it.
    await member.goto(`/c/${community.slug}`);
    await member.getByRole('heading', { name: 'This community is not here' }).waitFor();

    await member.setViewportSize({ width: 375, height: 812 });
    await member.goto(inviteUrl);
    await member.getByRole('heading', { level: 1, name: community.name }).waitFor();
    expect(await backgroundOf(member.locator('.community-banner'))).toBe(accentRgb);
    const overflow = await member.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the community page scrolls sideways on a phone').toBeLessThanOrEqual(0);
    await settle(member);
    await screenshot(member, 'community-invite-375');
    await member.setViewportSize({ width: 1280, height: 860 });
  });

  it('joins with a chosen handle, and the preview shows exactly the ticked fields', async () => {
    await member
      .getByRole('button', { name: `Join ${community.name}` })
      .first()
      .click();
    const dialog = member.getByRole('dialog', { name: `Join ${community.name}` });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Invite code', { exact: true }).inputValue()).toBe(
      new URL(inviteUrl).searchParams.get('invite'),
    );
    await dialog.getByLabel('Your handle', { exact: true }).fill('rosa.f');
    const previewCard = dialog.getByRole('article', { name: 'Preview of what members will see' });
    // Nothing is shared until it is ticked.
    expect(await fieldsOf(previewCard)).toEqual([]);
    await dialog.getByRole('checkbox', { name: 'Display name' }).check();
    await dialog.getByRole('checkbox', { name: 'Location' }).check();
    await dialog.getByRole('checkbox', { name: 'About you' }).check();
    expect(await fieldsOf(previewCard)).toEqual(['displayName', 'bio', 'location']);
    const previewText = await previewCard.textContent();
    expect(previewText).toContain('@rosa.f');
    expect(previewText).toContain('Porto, Portugal');
    expect(previewText).not.toContain('Rosa Maria Ferreira');
    expect(previewText).not.toContain('@example.com');
    await checkAccessibility(member, 'join dialog');
    await settle(member);
    await member.screenshot({
      path: path.join(artifactsDir, 'community-join-dialog.png'),
      animations: 'disabled',
    });

    await dialog.getByRole('button', { name: `Join ${community.name}` }).click();
    await member.getByText(`Welcome to ${community.name}, @rosa.f.`).waitFor();
    await member.waitForURL((url) => url.pathname === `/c/${community.slug}` && url.search === '');
    await member.getByRole('heading', { name: `What ${community.name} sees of you` }).waitFor();
    const seen = member.getByRole('article', { name: `What ${community.name} sees of you` });
    await expect.poll(() => fieldsOf(seen)).toEqual(['displayName', 'bio', 'location']);
    await checkAccessibility(member, 'community home');
    await settle(member);
    await screenshot(member, 'community-home');
  });

  it('the member sees the member directory', async () => {
    const tabs = member.getByRole('navigation', { name: `${community.name} sections` });
    await tabs.getByRole('link', { name: 'Members' }).click();
    const directory = member.getByRole('list', { name: 'Member directory' });
    await directory.waitFor();
    await expect.poll(() => directory.getByRole('article').count()).toBe(2);
    expect(await directory.getByRole('article', { name: '@lena' }).textContent()).toContain('Owner');
    // A member cannot reach the settings.
    expect(await tabs.getByRole('link', { name: 'Settings' }).count()).toBe(0);
  });

  it('the owner sees the new member with only the fields they shared', async () => {
    await owner.goto(`/c/${community.slug}/members`);
    const card = owner
      .getByRole('list', { name: 'Member directory' })
      .getByRole('article', { name: '@rosa.f' });
    await card.waitFor();
    expect(await fieldsOf(card)).toEqual(['displayName', 'bio', 'location']);
    const text = await card.textContent();
    expect(text).toContain('Rosa Ferreira');
    expect(text).toContain('Porto, Portugal');
    expect(text).not.toContain('Rosa Maria Ferreira');
    await settle(owner);
    await screenshot(owner, 'community-members');
  });

  it('the member stops sharing a field, and the owner no longer sees it after a reload', async () => {
    await member.goto('/me/communities');
    const panel = member.getByRole('article', { name: community.name, exact: true });
    await panel.waitFor();
    const seen = panel.getByRole('article', { name: `What ${community.name} sees of me` });
    await expect.poll(() => fieldsOf(seen)).toEqual(['displayName', 'bio', 'location']);
    await checkAccessibility(member, 'my communities');

    await panel.getByRole('button', { name: `Change handle and sharing for ${community.name}` }).click();
    await panel.getByRole('checkbox', { name: 'Location' }).uncheck();
    await panel.getByText(`${community.name} stops seeing that field at once`).waitFor();
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await panel.getByText('Saved.').waitFor();
    await expect.poll(() => fieldsOf(seen)).toEqual(['displayName', 'bio']);
    await settle(member);
    await screenshot(member, 'my-communities');

    await owner.reload();
    const card = owner
      .getByRole('list', { name: 'Member directory' })
      .getByRole('article', { name: '@rosa.f' });
    await card.waitFor();
    expect(await fieldsOf(card)).toEqual(['displayName', 'bio']);
    expect(await card.textContent()).not.toContain('Porto');
  });

  it('the member leaves, and the community is one smaller', async () => {
    const panel = member.getByRole('article', { name: community.name, exact: true });
    await panel.getByRole('button', { name: `Leave ${community.name}…` }).click();
    await panel.getByRole('button', { name: `Leave ${community.name}`, exact: true }).click();
    await member.getByText(`You left ${community.name}.`).waitFor();
    await member.getByRole('heading', { name: 'Not in any community yet' }).waitFor();

    await owner.goto(`/c/${community.slug}/settings/audit`);
    const log = owner.getByRole('list', { name: 'Audit entries, newest first' });
    await log.waitFor();
    expect(await log.textContent()).toContain('@rosa.f joined');
    expect(await owner.locator('.community-banner').textContent()).toContain('1 of 40 members');
  });

  it('lists public communities on the discover page, with a full one marked', async () => {
    const others = [
      {
        slug: 'night-choir',
        name: 'Night Choir',
        kind: 'artist',
        accentColor: '#3b5bdb',
        tagline: 'Songs for 2 a.m.',
      },
      {
        slug: 'fermenters',
        name: 'Fermenters of Lisbon',
        kind: 'interest',
        accentColor: '#d4a017',
        tagline: 'Kombucha, miso, patience.',
        memberCap: 1,
      },
      {
        slug: 'type-design-notes',
        name: 'Type Design Notes',
        kind: 'expert',
        accentColor: '#0f766e',
        tagline: null,
      },
    ];
    for (const other of others)
      await apiFromPage(owner, 'POST', '/api/communities', { ...other, visibility: 'public' });

    // The owner gives one of them a logo and a banner, through the settings page.
    await owner.goto('/c/night-choir/settings');
    await owner.getByRole('heading', { name: 'Logo and banner' }).waitFor();
    await owner.getByLabel('Upload a logo…').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: await drawPicture(owner, 256, 256),
    });
    await owner.getByText('New logo saved.').waitFor();
    await owner.getByLabel('Upload a banner…').setInputFiles({
      name: 'banner.png',
      mimeType: 'image/png',
      buffer: await drawPicture(owner, 800, 200),
    });
    await owner.getByText('New banner saved.').waitFor();
    await owner.goto('/c/night-choir');
    const banner = owner.locator('.community-banner__image');
    await expect.poll(() => banner.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(1600);
    expect(await banner.getAttribute('src')).toMatch(/^\/api\/media\//);
    await settle(owner);
    await screenshot(owner, 'community-with-banner');

    await member.goto('/communities');
    const grid = member.getByRole('list', { name: 'Public communities' });
    await grid.waitFor();
    expect(await grid.getByRole('article').count()).toBe(3);
    // The private community never shows up here.
    expect(await grid.textContent()).not.toContain(community.name);
    const choir = grid.getByRole('article').filter({ hasText: 'Night Choir' });
    await expect
      .poll(() => choir.locator('img').evaluate((image) => (image as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    const full = grid.getByRole('article').filter({ hasText: 'Fermenters of Lisbon' });
    expect(await full.textContent()).toContain('Full');
    await checkAccessibility(member, 'discover');
    await settle(owner);
    await screenshot(member, 'communities-discover');

    await member.getByLabel('Search communities').fill('choir');
    await member.getByText('1 community matches “choir”.').waitFor();
    expect(await member.getByRole('list', { name: 'Search results' }).getByRole('article').count()).toBe(1);
  });

  it('raised no console errors and reached nothing but the server under test', async () => {
    await owner.close();
    await member.close();
    // The one deliberate 404: an outsider asking for the private community without its invite.
    const expected = (error: string) =>
      error.includes('status of 404') && error.endsWith(`/api/communities/${community.slug})`);
    expect(pageErrors.filter((error) => !expected(error))).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
