import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, openPglite, openPostgres } from '@coterie/platform';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export interface TestDatabaseInfo {
  kind: 'pglite' | 'postgres';
  /** PGlite: a migrated data dir dump that every suite loads instead of initialising afresh. */
  dumpPath?: string;
  /** PostgreSQL: server URL and the migrated template each suite's database is created from. */
  serverUrl?: string;
  template?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseInfo;
  }
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Builds one migrated database per test run; suites clone it (see test-app.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  if (config.databaseUrl) {
    const template = `coterie_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: config.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = await openPostgres(databaseUrlFor(config.databaseUrl, template), 1);
    await database.migrate();
    await database.close();
    project.provide('testDatabase', { kind: 'postgres', serverUrl: config.databaseUrl, template });
    return async () => {
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`coterie_t_${template.slice('coterie_tpl_'.length)}_%`],
      );
      for (const { datname } of leftovers.rows)
        await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'coterie-template-'));
  const database = await openPglite({ memory: true });
  await database.migrate();
  const dump = await database.client.dumpDataDir('none');
  await database.close();
  const dumpPath = path.join(dir, 'template.tar');
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDatabase', { kind: 'pglite', dumpPath });
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
