import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  assertValidKey,
  type BlobInfo,
  BlobNotFoundError,
  type BlobStore,
  type ByteRange,
} from './blob-store.ts';
import { assertValidRange, BlobRangeError } from './range.ts';

export interface S3BlobStoreOptions {
  readonly bucket: string;
  readonly region: string;
  /** Any S3-compatible service (`https://…`); AWS itself when absent. */
  readonly endpoint?: string | null;
  /** The SDK's default chain (environment, profile, instance role) when absent. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | null;
  readonly forcePathStyle?: boolean;
  /** Folder in the bucket under which every key lives, e.g. `coterie`; slashes around it are ignored. */
  readonly prefix?: string;
  /**
   * `when-supported` (the SDK's default) sends and checks CRC32 checksums on every request;
   * `when-required` only where S3 demands them, for S3-compatible services that refuse or
   * mishandle the newer checksum headers.
   */
  readonly checksums?: 'when-supported' | 'when-required';
  /** Multipart part size in bytes (at least 5 MiB); memory per upload is about four parts. */
  readonly partSize?: number;
}

/**
 * Objects in one S3 bucket. Uploads stream through multipart (`Upload` holds a few parts in
 * memory, never the whole object), and S3 only shows an object once its upload completes, which
 * is what makes writes atomic. A stream given to `putStream` is consumed, and destroyed if the
 * upload fails. A stream returned by `read` holds an HTTP connection until it is read or destroyed.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #partSize: number | undefined;

  constructor(options: S3BlobStoreOptions) {
    const checksums = options.checksums === 'when-required' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED';
    this.#client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      requestChecksumCalculation: checksums,
      responseChecksumValidation: checksums,
    });
    this.#bucket = options.bucket;
    const prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.#prefix = prefix === '' ? '' : `${prefix}/`;
    this.#partSize = options.partSize;
  }

  async putFile(key: string, filePath: string, contentType: string): Promise<void> {
    const objectKey = this.#objectKey(key);
    // The known length lets Upload check that it sent every byte of the file.
    const { size } = await fs.stat(filePath);
    await this.#upload(objectKey, createReadStream(filePath), contentType, size);
  }

  async putStream(key: string, body: Readable, contentType: string): Promise<void> {
    let objectKey: string;
    try {
      objectKey = this.#objectKey(key);
    } catch (error) {
      body.destroy();
      throw error;
    }
    await this.#upload(objectKey, body, contentType, undefined);
  }

  async stat(key: string): Promise<BlobInfo | null> {
    const objectKey = this.#objectKey(key);
    try {
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: objectKey }));
      return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const objectKey = this.#objectKey(key);
    if (range !== undefined) assertValidRange(range);
    try {
      const object = await this.#client.send(
        new GetObjectCommand({
          Bucket: this.#bucket,
          Key: objectKey,
          ...(range === undefined ? {} : { Range: `bytes=${range.start}-${range.end}` }),
        }),
      );
      if (!(object.Body instanceof Readable)) throw new Error(`S3 returned no body for "${key}"`);
      return object.Body;
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(key);
      if (range !== undefined && isStatus(error, 416, 'InvalidRange')) throw new BlobRangeError(key, range);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const objectKey = this.#objectKey(key);
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: objectKey }));
    } catch (error) {
      // S3 answers 204 for a missing key; some compatible services answer 404.
      if (!isNotFound(error)) throw error;
    }
  }

  async localCopy(key: string): Promise<{ path: string; release(): Promise<void> }> {
    this.#objectKey(key);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'coterie-blob-'));
    // The key's last segment keeps any file extension, which some tools use to pick a format.
    const file = path.join(dir, path.basename(key));
    const release = (): Promise<void> => fs.rm(dir, { recursive: true, force: true });
    try {
      await pipeline(await this.read(key), createWriteStream(file, { flags: 'wx' }));
    } catch (error) {
      await release();
      throw error;
    }
    return { path: file, release };
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }

  #objectKey(key: string): string {
    assertValidKey(key);
    return this.#prefix + key;
  }

  async #upload(
    objectKey: string,
    body: Readable,
    contentType: string,
    contentLength: number | undefined,
  ): Promise<void> {
    // When the source fails, Upload aborts the multipart upload and may report the abort's own
    // failure instead; the source's error is the one that explains what happened.
    let sourceError: unknown = null;
    const onSourceError = (error: unknown): void => {
      sourceError ??= error;
    };
    body.on('error', onSourceError);
    try {
      await new Upload({
        client: this.#client,
        params: {
          Bucket: this.#bucket,
          Key: objectKey,
          Body: body,
          ContentType: contentType,
          ...(contentLength === undefined ? {} : { ContentLength: contentLength }),
        },
        ...(this.#partSize === undefined ? {} : { partSize: this.#partSize }),
      }).done();
    } catch (error) {
      body.destroy();
      throw sourceError ?? error;
    } finally {
      body.off('error', onSourceError);
    }
  }
}

function isStatus(error: unknown, status: number, name: string): boolean {
  return (
    error instanceof S3ServiceException && (error.name === name || error.$metadata.httpStatusCode === status)
  );
}

/** A missing key, but not a missing bucket: that is a configuration error to report as is. */
function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    error.name !== 'NoSuchBucket' &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}
