import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** The one query interface every store uses, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Applies the migration set in db/migrations (idempotent, safe with several processes). */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /**
   * Subscribes to a notification channel on a connection of its own. `lost` resolves if that
   * connection ends (notices sent meanwhile are gone); `close` ends it on purpose.
   */
  listen(channel: string, onNotice: (payload: string) => void): Promise<Subscription>;
  close(): Promise<void>;
}

export interface Subscription {
  readonly lost: Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR: string = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../db/migrations',
);

/** Any value that round-trips into a PGlite data dir: a path on disk, or a dump to start from. */
export type PgliteSource = { dataDir: string } | { loadDataDir: Blob } | { memory: true };

export async function openPglite(source: PgliteSource): Promise<Database & { client: PGlite }> {
  const client =
    'dataDir' in source
      ? await PGlite.create(source.dataDir)
      : 'loadDataDir' in source
        ? await PGlite.create({ loadDataDir: source.loadDataDir })
        : await PGlite.create();
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    client,
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    },
    ping: async () => {
      await client.query('select 1');
    },
    // In process: a notice is delivered before the query that committed it returns, never lost.
    listen: async (channel, onNotice) => {
      const unlisten = await client.listen(channel, onNotice);
      let closed = false;
      let ended: () => void = () => {};
      const lost = new Promise<void>((resolve) => {
        ended = resolve;
      });
      return {
        lost,
        close: async () => {
          if (!closed && !client.closed) await unlisten();
          closed = true;
          ended();
        },
      };
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

// Arbitrary constant so that concurrently starting processes apply migrations one at a time.
const MIGRATION_LOCK = 7_244_310_118;

export async function openPostgres(
  connectionString: string,
  poolSize = 10,
): Promise<Database & { pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // JIT compiles a large query for seconds before running it (3.1 s of a 5.5 s open-week Rising
    // chart in the charts bench) and never pays back on Coterie's queries. Awaited before first use.
    onConnect: async (client) => {
      await client.query('set jit = off');
    },
  });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzleNodePg(pool) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pool,
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migrateNodePg(drizzleNodePg(client), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
        client.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    listen: async (channel, onNotice) => {
      const client = new pg.Client({ connectionString });
      let markLost: () => void = () => {};
      const lost = new Promise<void>((resolve) => {
        markLost = resolve;
      });
      client.on('error', () => markLost());
      client.on('end', () => markLost());
      client.on('notification', (message) => {
        if (message.channel === channel) onNotice(message.payload ?? '');
      });
      try {
        await client.connect();
        await client.query(`listen "${channel.replaceAll('"', '""')}"`);
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
      return {
        lost,
        close: async () => {
          await client.end().catch(() => {});
        },
      };
    },
    close: async () => {
      if (!pool.ended) await pool.end();
    },
  };
}

export async function openDatabase(options: {
  databaseUrl: string | null;
  dataDir: string;
}): Promise<Database> {
  if (options.databaseUrl !== null) return openPostgres(options.databaseUrl);
  return openPglite({ dataDir: path.join(options.dataDir, 'pglite') });
}
