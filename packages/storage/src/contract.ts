import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobNotFoundError, type BlobStore } from './blob-store.ts';
import { BlobRangeError } from './range.ts';

const MiB = 1024 * 1024;
const TYPE = 'application/octet-stream';

/** Feeds `data` in chunks, yielding to the event loop between them like a network source does. */
export function chunked(data: Buffer, chunkSize = 64 * 1024, failAfter = Number.POSITIVE_INFINITY): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let offset = 0; offset < data.length; offset += chunkSize) {
      if (offset >= failAfter) throw new Error('source failed');
      yield data.subarray(offset, offset + chunkSize);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (data.length >= failAfter) throw new Error('source failed');
  }
  return Readable.from(chunks(), { objectMode: false });
}

function digest(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `toEqual` walks a Buffer byte by byte, which takes seconds for a few hundred kilobytes. */
function expectBytes(actual: Buffer, expected: Buffer): void {
  expect(actual.length).toBe(expected.length);
  expect(digest(actual)).toBe(digest(expected));
}

/**
 * The behaviour every `BlobStore` must have. `makeStore` is called once for the suite; tests use
 * distinct keys, so they never see each other's objects.
 */
export function blobStoreContract(
  name: string,
  makeStore: () => Promise<{ store: BlobStore; cleanup(): Promise<void> }>,
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    let cleanup: () => Promise<void>;
    let scratch: string;
    let counter = 0;
    const newKey = (suffix = 'blob.bin'): string => `contract/${++counter}/${suffix}`;
    const readAll = async (key: string, range?: { start: number; end: number }): Promise<Buffer> =>
      buffer(await store.read(key, range));

    beforeAll(async () => {
      ({ store, cleanup } = await makeStore());
      scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'coterie-contract-'));
    });

    afterAll(async () => {
      await store?.close();
      await cleanup?.();
      if (scratch) await fs.rm(scratch, { recursive: true, force: true });
    });

    it('stores a file and reads it back, leaving the file in place', async () => {
      const data = randomBytes(300 * 1024);
      const source = path.join(scratch, 'source.bin');
      await fs.writeFile(source, data);
      const key = newKey('tracks/été 1/a+b (live).flac');
      await store.putFile(key, source, 'audio/flac');
      expectBytes(await readAll(key), data);
      expectBytes(await fs.readFile(source), data);
    });

    it('stores a stream and reads it back', async () => {
      const data = randomBytes(200 * 1024 + 17);
      const key = newKey();
      await store.putStream(key, chunked(data), TYPE);
      expectBytes(await readAll(key), data);
    });

    it('streams a 12 MB object in and out (multipart on S3)', async () => {
      const data = randomBytes(12 * MiB + 5);
      const key = newKey();
      await store.putStream(key, chunked(data, 256 * 1024), TYPE);
      expect((await store.stat(key))?.size).toBe(data.length);
      expect(digest(await readAll(key))).toBe(digest(data));
    });

    it('stores an empty object', async () => {
      const key = newKey();
      await store.putStream(key, chunked(Buffer.alloc(0)), TYPE);
      expect((await store.stat(key))?.size).toBe(0);
      expect((await readAll(key)).length).toBe(0);
    });

    it('replaces an object written again under the same key', async () => {
      const key = newKey();
      await store.putStream(key, chunked(randomBytes(100 * 1024)), TYPE);
      const second = randomBytes(1000);
      await store.putStream(key, chunked(second), TYPE);
      expectBytes(await readAll(key), second);
      expect((await store.stat(key))?.size).toBe(1000);
    });

    it('stats an object: size and modification time, null when missing', async () => {
      const key = newKey();
      await store.putStream(key, chunked(randomBytes(4321)), TYPE);
      const info = await store.stat(key);
      expect(info?.size).toBe(4321);
      expect(Math.abs((info?.modifiedAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
      expect(await store.stat(newKey())).toBeNull();
      // A "directory" of other keys is not an object.
      expect(await store.stat(key.slice(0, key.lastIndexOf('/')))).toBeNull();
    });

    it('reads inclusive byte ranges', async () => {
      const data = randomBytes(100 * 1024);
      const key = newKey();
      await store.putStream(key, chunked(data), TYPE);
      const last = data.length - 1;
      expectBytes(await readAll(key, { start: 0, end: 0 }), data.subarray(0, 1));
      expectBytes(await readAll(key, { start: 1000, end: 60_999 }), data.subarray(1000, 61_000));
      expectBytes(await readAll(key, { start: last, end: last }), data.subarray(last));
      expectBytes(await readAll(key, { start: 0, end: last }), data);
      // Like HTTP, an end past the object reads to its end...
      expectBytes(await readAll(key, { start: last - 9, end: last + 1000 }), data.subarray(last - 9));
      // ...but a start past it is unsatisfiable, and a backwards range is no range at all.
      await expect(store.read(key, { start: data.length, end: data.length + 5 })).rejects.toThrow(
        BlobRangeError,
      );
      await expect(store.read(key, { start: 5, end: 4 })).rejects.toThrow(RangeError);
      await expect(store.read(key, { start: -1, end: 4 })).rejects.toThrow(RangeError);
    });

    it('rejects reads and copies of a missing key with BlobNotFoundError', async () => {
      const key = newKey();
      await expect(store.read(key)).rejects.toThrow(BlobNotFoundError);
      await expect(store.read(key, { start: 0, end: 10 })).rejects.toThrow(BlobNotFoundError);
      await expect(store.localCopy(key)).rejects.toThrow(BlobNotFoundError);
      const error = await store.read(key).catch((e: unknown) => e);
      expect((error as BlobNotFoundError).key).toBe(key);
    });

    it('deletes an object; deleting a missing key is not an error', async () => {
      const key = newKey();
      await store.putStream(key, chunked(randomBytes(10)), TYPE);
      await store.delete(key);
      expect(await store.stat(key)).toBeNull();
      await expect(store.read(key)).rejects.toThrow(BlobNotFoundError);
      await store.delete(key);
      await store.delete(newKey());
    });

    it('refuses invalid keys in every operation', async () => {
      const source = path.join(scratch, 'small.bin');
      await fs.writeFile(source, 'x');
      for (const key of ['../x', '/abs', 'a//b', 'a/../../b', 'a/./b', 'a\\b', '', 'a/']) {
        const invalid = /Invalid storage key/;
        await expect(store.putStream(key, chunked(Buffer.from('x')), TYPE)).rejects.toThrow(invalid);
        await expect(store.putFile(key, source, TYPE)).rejects.toThrow(invalid);
        await expect(store.stat(key)).rejects.toThrow(invalid);
        await expect(store.read(key)).rejects.toThrow(invalid);
        await expect(store.delete(key)).rejects.toThrow(invalid);
        await expect(store.localCopy(key)).rejects.toThrow(invalid);
      }
    });

    it('gives a local copy with the same bytes, removed on release unless it is the object itself', async () => {
      const data = randomBytes(500 * 1024);
      const key = newKey('take.mp3');
      await store.putStream(key, chunked(data), TYPE);
      const copy = await store.localCopy(key);
      expectBytes(await fs.readFile(copy.path), data);
      expect(path.extname(copy.path)).toBe('.mp3');
      await copy.release();
      if (store.kind !== 'local') expect(existsSync(copy.path)).toBe(false);
      expectBytes(await readAll(key), data);
    });

    it('shows nothing under a key until its stream has ended', async () => {
      const data = randomBytes(MiB);
      const key = newKey();
      const body = new PassThrough();
      const put = store.putStream(key, body, TYPE);
      body.write(data.subarray(0, data.length / 2));
      await sleep(100);
      expect(await store.stat(key)).toBeNull();
      await expect(store.read(key)).rejects.toThrow(BlobNotFoundError);
      body.end(data.subarray(data.length / 2));
      await put;
      expectBytes(await readAll(key), data);
    });

    it.each([
      ['small', 256 * 1024, 64 * 1024],
      ['multipart-sized', 12 * MiB, 7 * MiB],
    ])('leaves no object when a %s stream fails halfway', async (_label, size, failAfter) => {
      const key = newKey();
      await expect(
        store.putStream(key, chunked(randomBytes(size), 256 * 1024, failAfter), TYPE),
      ).rejects.toThrow('source failed');
      expect(await store.stat(key)).toBeNull();
      await expect(store.read(key)).rejects.toThrow(BlobNotFoundError);
    });

    it('keeps the previous object when overwriting it fails', async () => {
      const key = newKey();
      const first = randomBytes(50 * 1024);
      await store.putStream(key, chunked(first), TYPE);
      await expect(
        store.putStream(key, chunked(randomBytes(200 * 1024), 32 * 1024, 100 * 1024), TYPE),
      ).rejects.toThrow('source failed');
      expectBytes(await readAll(key), first);
    });

    it('leaves one whole object when several writes of a key race', async () => {
      const key = newKey();
      const versions = [randomBytes(MiB), randomBytes(MiB + 1), randomBytes(MiB + 2)];
      await Promise.all(versions.map((data) => store.putStream(key, chunked(data, 32 * 1024), TYPE)));
      const stored = await readAll(key);
      expect(versions.map(digest)).toContain(digest(stored));
      expect((await store.stat(key))?.size).toBe(stored.length);
    });
  });
}
