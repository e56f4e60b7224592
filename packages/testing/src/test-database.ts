import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Database, openPglite, openPostgres } from '@coterie/platform';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrlFor } from './global-setup.ts';

export interface TestDatabase {
  readonly database: Database;
  /** Set when the suite runs on PostgreSQL: a URL other processes (a spawned server) can use. */
  readonly url: string | null;
  drop(): Promise<void>;
}

/** A fresh database for one suite, cloned from the migrated template of this run. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const info = inject('testDatabase');
  if (info.kind === 'pglite') {
    const dump = await readFile(info.dumpPath!);
    const database = await openPglite({ loadDataDir: new Blob([dump]) });
    return { database, url: null, drop: () => database.close() };
  }
  const name = `coterie_t_${info.template!.slice('coterie_tpl_'.length)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: info.serverUrl! });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${info.template!}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrlFor(info.serverUrl!, name);
  const database = await openPostgres(url, 4);
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: info.serverUrl! });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
