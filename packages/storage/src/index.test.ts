import { describe, expect, it } from 'vitest';
import { createBlobStore, LocalBlobStore, S3BlobStore } from './index.ts';

describe('createBlobStore', () => {
  const s3 = {
    kind: 's3',
    bucket: 'media',
    region: 'eu-west-3',
    endpoint: null,
    accessKeyId: 'id',
    secretAccessKey: 'secret',
    forcePathStyle: false,
    prefix: '',
  } as const;

  it('makes the store the configuration names', async () => {
    const local = createBlobStore({ kind: 'local', dir: '/nonexistent/files' });
    expect(local).toBeInstanceOf(LocalBlobStore);
    expect(local.kind).toBe('local');
    const remote = createBlobStore(s3);
    expect(remote).toBeInstanceOf(S3BlobStore);
    expect(remote.kind).toBe('s3');
    await remote.close();
  });

  it('refuses half a set of S3 credentials', () => {
    expect(() => createBlobStore({ ...s3, secretAccessKey: null })).toThrow(/both/);
    expect(() => createBlobStore({ ...s3, accessKeyId: null })).toThrow(/both/);
  });
});
