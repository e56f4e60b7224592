import type { StorageConfig } from '@coterie/platform';
import type { BlobStore } from './blob-store.ts';
import { LocalBlobStore } from './local-store.ts';
import { S3BlobStore } from './s3-store.ts';

export {
  assertValidKey,
  type BlobInfo,
  BlobNotFoundError,
  type BlobStore,
  type ByteRange,
} from './blob-store.ts';
export { LocalBlobStore, type LocalBlobStoreOptions } from './local-store.ts';
export { assertValidRange, BlobRangeError } from './range.ts';
export { S3BlobStore, type S3BlobStoreOptions } from './s3-store.ts';

/** The store the configuration names. */
export function createBlobStore(config: StorageConfig): BlobStore {
  if (config.kind === 'local') return new LocalBlobStore({ dir: config.dir });
  const { accessKeyId, secretAccessKey } = config;
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    throw new Error('S3 storage needs both an access key id and a secret access key, or neither');
  }
  return new S3BlobStore({
    bucket: config.bucket,
    region: config.region,
    endpoint: config.endpoint,
    credentials: accessKeyId !== null && secretAccessKey !== null ? { accessKeyId, secretAccessKey } : null,
    forcePathStyle: config.forcePathStyle,
    prefix: config.prefix,
    // A custom endpoint is an S3-compatible service, and many of them predate the checksum
    // headers the SDK now sends by default; AWS itself gets the SDK's defaults.
    checksums: config.endpoint === null ? 'when-supported' : 'when-required',
  });
}
