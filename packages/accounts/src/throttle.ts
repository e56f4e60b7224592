import { createHmac } from 'node:crypto';
import { tooManyRequests } from '@coterie/platform';
import type { AccountsStore } from './store.ts';
import { checkBucket, type Limit } from './throttle-policy.ts';

/**
 * Login and sign-up throttling over the shared `rate_limits` table. Buckets are keyed by HMACs
 * under a key derived from the master key, so the table never stores an email or an IP address.
 */
export class Throttle {
  readonly #store: AccountsStore;
  readonly #key: Buffer;

  constructor(store: AccountsStore, masterKey: Buffer) {
    this.#store = store;
    this.#key = createHmac('sha256', masterKey).update('coterie/throttle-keys').digest();
  }

  key(kind: string, value: string): string {
    return `${kind}:${createHmac('sha256', this.#key).update(value).digest('base64url')}`;
  }

  /** Throws 429 with Retry-After when any of the buckets is blocked. */
  async assertAllowed(keys: string[], now: Date, message: string): Promise<void> {
    for (const key of keys) {
      const decision = checkBucket(await this.#store.readBucket(key), now);
      if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds, message);
    }
  }

  async hit(key: string, now: Date, limit: Limit): Promise<void> {
    await this.#store.hitBucket(key, now, limit);
  }

  async clear(key: string): Promise<void> {
    await this.#store.clearBucket(key);
  }
}
