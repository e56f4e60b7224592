import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';

export const PASSWORD = 'quiet-harbour-lantern-47';

export const uniqueEmail = (who: string) => `e2e-${who}-${randomBytes(4).toString('hex')}@example.com`;

/** Signs up through the form, as a person would, and waits for the private profile. */
export async function signUp(page: Page, displayName: string, email: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Display name', { exact: true }).fill(displayName);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/me');
  await page.getByRole('heading', { name: 'Your private profile' }).waitFor();
}

/** Fills in some of the private profile on /me and saves it. */
export async function fillProfile(
  page: Page,
  fields: { realName?: string; location?: string; bio?: string },
): Promise<void> {
  if (fields.realName) await page.getByLabel('Real name (optional)').fill(fields.realName);
  if (fields.location) await page.getByLabel('Location (optional)').fill(fields.location);
  if (fields.bio) await page.getByLabel('About you (optional)').fill(fields.bio);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Your profile is saved.').waitFor();
}

/** Calls the API from inside the page: same origin, same session cookie, as the app itself does. */
export async function apiFromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
      return response.status === 204 ? null : response.json();
    },
    { method, path, body },
  ) as Promise<T>;
}
