// s3rver ships no types; this declares the part the tests use.
declare module 's3rver' {
  import type { Readable } from 'node:stream';

  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  /** s3rver's `S3Object`: what its filesystem store reads and writes. */
  interface S3rverObject {
    bucket: string;
    key: string;
    content: Buffer | Readable | null;
    metadata: Record<string, string>;
    range?: { start: number; end: number };
  }

  interface S3rverFilesystemStore {
    getResourcePath(bucket: string, key: string, resource: string): string;
    getObject(
      bucket: string,
      key: string,
      options?: { start?: number; end?: number },
    ): Promise<S3rverObject | null>;
    putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
    putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    store: S3rverFilesystemStore;
    context: { store: S3rverFilesystemStore };
    run(): Promise<{ address: string; port: number; family: string }>;
    close(): Promise<void>;
  }
}
