import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<true>();

/**
 * Runs a read-only piece of work (a GET handler) where the read caches may answer. Anything else,
 * a write request above all, reads the database itself: a write and the reads after it in the
 * same request must see the write, whether or not its change notice has come back yet.
 */
export function withCachedReads<T>(work: () => T): T {
  return scope.run(true, work);
}

export function cachedReadsAllowed(): boolean {
  return scope.getStore() === true;
}
