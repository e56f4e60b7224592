export { CHANGE_CHANNEL, ChangeFeed, type ChangeListener } from './cache/change-feed.ts';
export { ReadCache, type ReadCacheOptions } from './cache/read-cache.ts';
export { cachedReadsAllowed, withCachedReads } from './cache/read-scope.ts';
export {
  type ItemType,
  itemKey,
  type PaidAccess,
  type Price,
  type SellableItem,
  type SellableResolver,
} from './commerce.ts';
export { type Config, ConfigError, loadConfig, type StorageConfig } from './config.ts';
export type { AppContext, ErasureOptions, PersonalDataSection, Viewer } from './context.ts';
export {
  DecryptionError,
  deriveKey,
  newDataKey,
  open,
  openJson,
  seal,
  sealJson,
} from './crypto/envelope.ts';
export { textArray } from './db/arrays.ts';
export { bytea } from './db/columns.ts';
export {
  type Database,
  type Db,
  MIGRATIONS_DIR,
  openDatabase,
  openPglite,
  openPostgres,
  type Subscription,
} from './db/database.ts';
export { uniqueViolation } from './db/errors.ts';
export {
  badRequest,
  conflict,
  DomainError,
  forbidden,
  notFound,
  tooManyRequests,
  unauthorized,
} from './errors.ts';
export { createHttpServer, errorBody, type ServerOptions, securityHeadersFor } from './http/create-server.ts';
export { sharedJson } from './http/shared-json.ts';
export {
  type ReceivedFile,
  type ReceivedUpload,
  receiveUpload,
  tooLarge,
  type UploadOptions,
} from './http/upload.ts';
export { OPTIONAL_BODY } from './http/validation.ts';
export { newId } from './ids.ts';
export { createLogger, loggerOptions } from './logger.ts';
export { loadOrCreateMasterKey } from './master-key.ts';
export {
  assertCurrency,
  CURRENCIES,
  checkPrice,
  checkSalePrice,
  MAX_PRICE_MINOR,
  MIN_PRICE_MINOR,
} from './money-rules.ts';
