import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStoreContract, chunked } from './contract.ts';
import { createBlobStore } from './index.ts';
import { S3BlobStore, type S3BlobStoreOptions } from './s3-store.ts';
import { startTestS3Server, TEST_BUCKET, TEST_CREDENTIALS, type TestS3Server } from './s3-test-server.ts';

function options(endpoint: string, extra: Partial<S3BlobStoreOptions> = {}): S3BlobStoreOptions {
  return {
    bucket: TEST_BUCKET,
    region: 'us-east-1',
    endpoint,
    credentials: TEST_CREDENTIALS,
    forcePathStyle: true,
    checksums: 'when-required',
    ...extra,
  };
}

// Both checksum modes: what S3-compatible endpoints get from createBlobStore, and the SDK's default.
for (const checksums of ['when-required', 'when-supported'] as const) {
  blobStoreContract(`S3 (s3rver, checksums ${checksums}, prefixed)`, async () => {
    const s3 = await startTestS3Server();
    return {
      store: new S3BlobStore(options(s3.endpoint, { checksums, prefix: '/coterie/' })),
      cleanup: s3.stop,
    };
  });
}

describe('S3BlobStore specifics', () => {
  let s3: TestS3Server;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startTestS3Server();
    client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
  });

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  it('keeps objects under the prefix with their content type', async () => {
    const store = new S3BlobStore(options(s3.endpoint, { prefix: 'instance-a' }));
    const other = new S3BlobStore(options(s3.endpoint, { prefix: 'instance-b' }));
    try {
      await store.putStream('originals/ab/ab12', chunked(Buffer.from('sound')), 'audio/flac');
      const head = await client.send(
        new HeadObjectCommand({ Bucket: TEST_BUCKET, Key: 'instance-a/originals/ab/ab12' }),
      );
      expect(head.ContentType).toBe('audio/flac');
      expect(head.ContentLength).toBe(5);
      expect(await other.stat('originals/ab/ab12')).toBeNull();
    } finally {
      await store.close();
      await other.close();
    }
  });

  it('is what createBlobStore makes of an S3 configuration', async () => {
    const store = createBlobStore({
      kind: 's3',
      bucket: TEST_BUCKET,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      ...TEST_CREDENTIALS,
      forcePathStyle: true,
      prefix: 'configured',
    });
    try {
      expect(store.kind).toBe('s3');
      await store.putStream('k', chunked(Buffer.from('configured')), 'text/plain');
      const head = await client.send(new HeadObjectCommand({ Bucket: TEST_BUCKET, Key: 'configured/k' }));
      expect(head.ContentLength).toBe(10);
    } finally {
      await store.close();
    }
  });

  it('reports a missing bucket as it is, not as a missing object', async () => {
    const store = new S3BlobStore(options(s3.endpoint, { bucket: 'no-such-bucket' }));
    try {
      const error = await store.read('a/b').catch((e: unknown) => e);
      expect((error as Error).name).toBe('NoSuchBucket');
    } finally {
      await store.close();
    }
  });

  it('uploads a file of known length in several parts', async () => {
    const store = new S3BlobStore(options(s3.endpoint, { partSize: 5 * 1024 * 1024 }));
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'coterie-s3-file-'));
    try {
      const data = Buffer.alloc(11 * 1024 * 1024, 'abc');
      const file = path.join(dir, 'big.bin');
      await fs.writeFile(file, data);
      await store.putFile('big/file', file, 'application/octet-stream');
      expect((await buffer(await store.read('big/file'))).equals(data)).toBe(true);
    } finally {
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
