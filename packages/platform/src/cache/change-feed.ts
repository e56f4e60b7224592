import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, Subscription } from '../db/database.ts';

/** The channel the database's change triggers (migration 0016) notify on. */
export const CHANGE_CHANNEL = 'coterie_changes';

/**
 * A change the database announced: a scope such as `c:<community id>` or `u:<user id>`, or `null`
 * when notices may have been missed (the listening connection was lost or is not up yet), so every
 * cached read must go.
 */
export type ChangeListener = (scope: string | null) => void;

const FENCE_PREFIX = 'fence:';
const FENCE_TIMEOUT_MS = 2_000;
const RETRY_MS = [100, 500, 1_000, 5_000] as const;

/**
 * What the database says has changed, as it commits, for every process on it: triggers on the
 * cached tables notify a scope per row, PostgreSQL delivers the notices to every listening
 * process in commit order, and the read caches drop what the scope covers. Nothing in the
 * application has to remember to invalidate, cascaded deletes included.
 */
export class ChangeFeed {
  readonly #database: Database;
  readonly #logger: Logger;
  readonly #listeners: ChangeListener[] = [];
  readonly #fences = new Map<string, () => void>();
  #subscription: Subscription | null = null;
  #live = false;
  #stopped = false;
  #running: Promise<void> | null = null;

  constructor(database: Database, logger: Logger) {
    this.#database = database;
    this.#logger = logger;
  }

  /** True while every committed change reaches this process: caches may serve only then. */
  get live(): boolean {
    return this.#live;
  }

  onChange(listener: ChangeListener): void {
    this.#listeners.push(listener);
  }

  /** Listens, and keeps listening across lost connections, until `stop`. Resolves once listening. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#stopped = false;
    let ready: () => void = () => {};
    const first = new Promise<void>((resolve) => {
      ready = resolve;
    });
    this.#running = this.#keepListening(ready);
    await first;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#setLive(false);
    await this.#subscription?.close();
    this.#subscription = null;
    for (const release of this.#fences.values()) release();
    this.#fences.clear();
    await this.#running;
    this.#running = null;
  }

  /**
   * Resolves once every change committed before the call has reached this process: PostgreSQL
   * delivers notices in commit order, so our own notice coming back proves the earlier ones came.
   * A write request waits for it before answering, so its author's next read is never stale.
   */
  async fence(): Promise<void> {
    // Embedded, a notice is delivered before the query that committed it returns: nothing to wait for.
    if (!this.#live || this.#database.kind === 'pglite') return;
    const token = randomBytes(9).toString('base64url');
    const arrived = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        // A notice that does not come back in time means the feed cannot be trusted.
        this.#logger.warn('change feed fence timed out; dropping every cached read');
        this.#fences.delete(token);
        this.#setLive(false);
        this.#subscription?.close().catch(() => {});
        resolve();
      }, FENCE_TIMEOUT_MS);
      this.#fences.set(token, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    try {
      await this.#database.db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${FENCE_PREFIX + token})`);
    } catch (error) {
      // The database is not answering: the answer being sent says so; no cache may be trusted.
      this.#logger.warn({ err: error }, 'change feed fence failed; dropping every cached read');
      this.#fences.get(token)?.();
      this.#fences.delete(token);
      this.#setLive(false);
      // Listening again (once the database is back) is what turns the caches back on.
      this.#subscription?.close().catch(() => {});
      return;
    }
    await arrived;
  }

  async #keepListening(ready: () => void): Promise<void> {
    let attempt = 0;
    while (!this.#stopped) {
      try {
        this.#subscription = await this.#database.listen(CHANGE_CHANNEL, (payload) => this.#deliver(payload));
        if (this.#stopped) break;
        attempt = 0;
        // Anything cached before this point may have missed a notice.
        this.#setLive(true);
        ready();
        await this.#subscription.lost;
        if (!this.#stopped) this.#logger.warn('change feed connection lost; reconnecting');
      } catch (error) {
        if (this.#stopped) break;
        this.#logger.warn({ err: error }, 'change feed cannot listen; caches stay off');
      }
      this.#setLive(false);
      ready();
      if (this.#stopped) break;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]));
    }
  }

  #deliver(payload: string): void {
    if (payload.startsWith(FENCE_PREFIX)) {
      const release = this.#fences.get(payload.slice(FENCE_PREFIX.length));
      if (release) {
        this.#fences.delete(payload.slice(FENCE_PREFIX.length));
        release();
      }
      return;
    }
    for (const listener of this.#listeners) listener(payload);
  }

  #setLive(live: boolean): void {
    if (this.#live === live && !live) return;
    this.#live = live;
    for (const listener of this.#listeners) listener(null);
  }
}
