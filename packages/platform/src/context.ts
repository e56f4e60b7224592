import type { Logger } from 'pino';
import type { ChangeFeed } from './cache/change-feed.ts';
import type { Config } from './config.ts';
import type { Database, Db } from './db/database.ts';

/**
 * One section of "everything Coterie holds about me". Each capability that stores personal data
 * registers one, so `GET /api/me/export` and `DELETE /api/me` grow with the product.
 */
export interface PersonalDataSection {
  readonly name: string;
  export(userId: string): Promise<unknown>;
  /** Erases (or anonymises, where the law says keep) this capability's data about the user. */
  erase(userId: string, options: ErasureOptions): Promise<void>;
}

export interface ErasureOptions {
  /** Keep what the person posted, with no author, instead of deleting it. */
  readonly keepPostsAnonymised: boolean;
}

export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly db: Db;
  readonly logger: Logger;
  readonly masterKey: Buffer;
  /** Injected so tests can move time (throttle windows, session expiry) without sleeping. */
  readonly clock: () => Date;
  readonly personalData: PersonalDataSection[];
  /** What the database says changed, for the read caches; started and stopped with the server. */
  readonly changes: ChangeFeed;
}

/** Who is making a request, once their session cookie has been checked. */
export interface Viewer {
  readonly userId: string;
  readonly sessionId: string;
  readonly email: string;
  readonly isAdmin: boolean;
}
