import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AxeSummary,
  collectPageErrors,
  isolatedContext,
  launchChromium,
  runAxe,
  screenshot,
  serious,
} from './support/browser.ts';
import { type RunningServer, startServer } from './support/server.ts';

// The steps share one browser page and build on each other, like a person would.
describe('account flow in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];
  const blocked: string[] = [];
  const axe: AxeSummary[] = [];

  const email = `e2e-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'quiet-harbour-lantern-47';
  const name = 'Rosa Ferreira';

  async function checkAccessibility(label: string) {
    const summary = await runAxe(page, label);
    axe.push(summary);
    expect(serious(summary), `axe found serious problems on ${label}`).toEqual([]);
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    context = await isolatedContext(browser, server.baseUrl, blocked);
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    const minor = axe.flatMap((s) => s.violations.map((v) => `${s.page}: ${v.id} (${v.impact})`));
    if (minor.length > 0) console.log(`axe, below serious:\n  ${minor.join('\n  ')}`);
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('home page says what Coterie is and offers to sign up', async () => {
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('small room');
    expect(await page.getByRole('heading', { name: 'The artist keeps at least 80 %' }).count()).toBe(1);
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, 'home');
    await checkAccessibility('home');
  });

  it('signs up and lands logged in on the private profile', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Sign up' }).click();
    await page.waitForURL('**/signup');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await checkAccessibility('signup');

    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Display name', { exact: true }).fill(name);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 10 characters.').waitFor();
    await screenshot(page, 'signup');

    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/me');
    await page.getByText(`Welcome to Coterie, ${name}.`).waitFor();
    await expect.poll(() => page.getByRole('banner').textContent()).toContain(name);
  });

  it('logs out, then logs back in', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('You are logged out.').waitFor();

    await page.getByRole('banner').getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await checkAccessibility('login');
    await screenshot(page, 'login');

    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL('**/me');
    await page.getByRole('heading', { name: 'Your private profile' }).waitFor();
  });

  it('edits the profile, and the changes survive a reload', async () => {
    await page.getByLabel('Display name', { exact: true }).fill('Rosa F.');
    await page.getByLabel('Location (optional)').fill('Porto, Portugal');
    await page
      .getByLabel('About you (optional)')
      .fill('I write songs about rivers and collect old tape machines.');
    await page.getByLabel('Birthday (optional)').fill('1991-04-12');
    await page.getByRole('button', { name: 'Add a link' }).click();
    await page.getByLabel('Label of link 1').fill('Bandcamp');
    await page.getByLabel('Address of link 1').fill('rosaferreira.bandcamp.com');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Your profile is saved.').waitFor();
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('Rosa F.');

    await page.reload();
    await page.getByRole('heading', { name: 'Your private profile' }).waitFor();
    expect(await page.getByLabel('Display name', { exact: true }).inputValue()).toBe('Rosa F.');
    expect(await page.getByLabel('Location (optional)').inputValue()).toBe('Porto, Portugal');
    expect(await page.getByLabel('About you (optional)').inputValue()).toBe(
      'I write songs about rivers and collect old tape machines.',
    );
    expect(await page.getByLabel('Birthday (optional)').inputValue()).toBe('1991-04-12');
    expect(await page.getByLabel('Label of link 1').inputValue()).toBe('Bandcamp');
    expect(await page.getByLabel('Address of link 1').inputValue()).toBe(
      'https://rosaferreira.bandcamp.com/',
    );
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, 'profile');
    await checkAccessibility('profile');
  });

  it('shows the current session in the security section', async () => {
    await page
      .getByRole('navigation', { name: 'Account sections' })
      .getByRole('link', { name: 'Security' })
      .click();
    await page.waitForURL('**/me/security');
    const sessions = page.getByRole('list', { name: 'Sessions' });
    await sessions.waitFor();
    const current = sessions.getByRole('listitem').filter({ hasText: 'This device' });
    expect(await current.count()).toBe(1);
    expect(await current.textContent()).toContain('Chrome');
    await screenshot(page, 'security');
    await checkAccessibility('security');
  });

  it('works on a 375 px wide phone screen', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    // First while the session is still loading (a slow network), then once the header is settled.
    await page.route('**/api/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    expect(await sideways(), 'the home page scrolls sideways while loading').toBeLessThanOrEqual(0);
    await page.unrouteAll({ behavior: 'wait' });
    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).waitFor();
    expect(await sideways(), 'the home page scrolls sideways on a phone').toBeLessThanOrEqual(0);
    await screenshot(page, 'home-375');
    await page.goto('/me');
    await page.getByRole('heading', { name: 'Your private profile' }).waitFor();
    await screenshot(page, 'profile-375');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('shows a friendly page for unknown addresses', async () => {
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'This page is not here' }).waitFor();
  });

  it('downloads the data, then deletes the account and ends logged out', async () => {
    await page.goto('/me/data');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^coterie-export-\d{4}-\d{2}-\d{2}\.json$/);
    await download.delete();

    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('I understand that my account and my data will be gone for good.').check();
    await screenshot(page, 'data');
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('Your account was deleted').waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Log in' }).waitFor();
  });

  it('raised no console errors and reached nothing but the server under test', () => {
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
