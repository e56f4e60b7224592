import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  type AxeSummary,
  collectPageErrors,
  isolatedContext,
  launchChromium,
  runAxe,
  serious,
} from './browser.ts';
import { signUp, uniqueEmail } from './people.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * One browser test's world: a server, Chromium, and people who each sign up in a context of their
 * own that can reach nothing but the server. It collects what the checks at the end look at: console
 * errors, blocked requests and axe results.
 */
export class BrowserSession {
  readonly pageErrors: string[] = [];
  readonly blocked: string[] = [];
  readonly axe: AxeSummary[] = [];
  readonly #contexts: BrowserContext[] = [];
  #server: RunningServer | null = null;
  #browser: Browser | null = null;

  get server(): RunningServer {
    if (!this.#server) throw new Error('BrowserSession.start() first');
    return this.#server;
  }

  async start(options?: Parameters<typeof startServer>[0]): Promise<void> {
    this.#server = await startServer(options);
    this.#browser = await launchChromium();
  }

  /** A new person, signed up through the form, on a page of their own. */
  async newPerson(name: string): Promise<Page> {
    if (!this.#browser) throw new Error('BrowserSession.start() first');
    const context = await isolatedContext(this.#browser, this.server.baseUrl, this.blocked);
    this.#contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors = collectPageErrors(page);
    page.on('close', () => this.pageErrors.push(...errors));
    await signUp(page, name, uniqueEmail(name.split(' ')[0]?.toLowerCase() ?? 'someone'));
    return page;
  }

  /** Axe on the page as it is: no serious or critical violations; the rest is reported at the end. */
  async checkAccessibility(page: Page, label: string): Promise<void> {
    const summary = await runAxe(page, label);
    this.axe.push(summary);
    expect(serious(summary), `axe found serious problems on ${label}`).toEqual([]);
  }

  /** Console errors other than the refusals the app expects and explains on the page. */
  unexpectedErrors(expected: readonly RegExp[] = []): string[] {
    return this.pageErrors.filter((e) => !expected.some((pattern) => pattern.test(e)));
  }

  async stop(): Promise<void> {
    const minor = this.axe.flatMap((s) => s.violations.map((v) => `${s.page}: ${v.id} (${v.impact})`));
    console.log(
      minor.length > 0
        ? `axe, below serious:\n  ${minor.join('\n  ')}`
        : `axe: no violations on ${this.axe.length} pages`,
    );
    for (const context of this.#contexts) await context.close();
    await this.#browser?.close();
    await this.#server?.stop();
  }
}
