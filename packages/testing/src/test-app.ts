import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AppContext, createLogger, loadConfig, loggerOptions, openPostgres } from '@coterie/platform';
import { type App, buildApp } from '@coterie/server/app';
import { createContext } from '@coterie/server/context';
import pino from 'pino';
import { TestClient } from './test-client.ts';
import { createTestDatabase } from './test-database.ts';

/** Time the tests control: throttle windows and session expiry without sleeping. */
export class TestClock {
  #now: number;
  constructor(start: Date = new Date()) {
    this.#now = start.getTime();
  }
  now = (): Date => new Date(this.#now);
  advance(seconds: number): void {
    this.#now += seconds * 1000;
  }
}

export interface TestApp {
  readonly app: App;
  readonly ctx: AppContext;
  readonly clock: TestClock;
  /** On PostgreSQL, the suite's database, for a second process (or pool) to open; null on PGlite. */
  readonly databaseUrl: string | null;
  /** A new browser-like client with its own cookie jar. */
  client(options?: { ip?: string }): TestClient;
  /**
   * Another app on the same database, as a second server process would be: on PostgreSQL its own
   * pool and listening connection; on PGlite the same embedded database. Closed with this one.
   */
  peer(): Promise<{ app: App; ctx: AppContext; client(): TestClient }>;
  close(): Promise<void>;
}

/**
 * The whole app on a fresh database (cloned template: PGlite in-process, or a new PostgreSQL
 * database when DATABASE_URL is set), driven through Fastify's inject: no sockets, no network.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { logTo?: (line: string) => void } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'coterie-test-'));
  const config = loadConfig({
    COTERIE_DATA_DIR: dataDir,
    COTERIE_WEB_DIST: path.join(dataDir, 'no-web-build'),
    LOG_LEVEL: 'silent',
    COTERIE_DEMO: 'false',
    ...env,
  });
  const testDatabase = await createTestDatabase();
  const clock = new TestClock();
  const ctx = await createContext(config, {
    database: testDatabase.database,
    logger: options.logTo
      ? pino(loggerOptions({ logLevel: 'info' }), { write: options.logTo })
      : createLogger(config),
    clock: clock.now,
  });
  const app = await buildApp(ctx, { logRequests: options.logTo !== undefined });
  await app.http.ready();
  const peers: { app: App; ctx: AppContext }[] = [];
  return {
    app,
    ctx,
    clock,
    databaseUrl: testDatabase.url,
    client: (options = {}) => new TestClient(app.http, options.ip ?? '127.0.0.1'),
    peer: async () => {
      const database = testDatabase.url ? await openPostgres(testDatabase.url, 2) : testDatabase.database;
      const peerCtx = await createContext(config, {
        database,
        logger: createLogger(config),
        clock: clock.now,
      });
      const peerApp = await buildApp(peerCtx, { logRequests: false });
      await peerApp.http.ready();
      peers.push({ app: peerApp, ctx: peerCtx });
      return { app: peerApp, ctx: peerCtx, client: () => new TestClient(peerApp.http, '127.0.0.1') };
    },
    close: async () => {
      for (const peer of peers) {
        await peer.app.http.close();
        if (peer.ctx.database !== testDatabase.database) await peer.ctx.database.close();
      }
      await app.http.close();
      await testDatabase.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
