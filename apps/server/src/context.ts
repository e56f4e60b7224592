import {
  type AppContext,
  ChangeFeed,
  type Config,
  createLogger,
  type Database,
  loadOrCreateMasterKey,
  openDatabase,
} from '@coterie/platform';
import type { Logger } from 'pino';

export interface ContextOptions {
  /** An already open database (tests pass a cloned template); otherwise opened from config. */
  database?: Database;
  logger?: Logger;
  clock?: () => Date;
}

/** Opens what the app needs (database, master key), applies migrations, and freezes it into a context. */
export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config);
  const masterKey = await loadOrCreateMasterKey(config.secretKeyFile);
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await database.migrate();
  return {
    config,
    database,
    db: database.db,
    logger,
    masterKey,
    clock: options.clock ?? (() => new Date()),
    personalData: [],
    changes: new ChangeFeed(database, logger),
  };
}
