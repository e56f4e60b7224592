import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidKey,
  type BlobInfo,
  BlobNotFoundError,
  type BlobStore,
  type ByteRange,
} from './blob-store.ts';
import { assertValidRange, BlobRangeError } from './range.ts';

/** Directory under the root for writes in progress; being on the same filesystem makes `rename` atomic. */
const TEMP_DIR = '.tmp';
/** A temporary file untouched this long belongs to a write that died (a crash, a kill -9). */
const STALE_TEMP_MS = 60 * 60 * 1000;

export interface LocalBlobStoreOptions {
  /** Root directory; created on first write. */
  readonly dir: string;
}

/**
 * Objects are plain files under one directory, at their key's path. Every write goes to a
 * temporary file that is flushed to disk and then renamed over the key's path, so readers see
 * the old object or the new one, and a crash leaves at most a temporary file behind.
 *
 * A stream given to `putStream` is consumed, and destroyed if the write fails. Content types
 * are not kept: nothing in the interface reads them back.
 */
export class LocalBlobStore implements BlobStore {
  readonly kind = 'local' as const;
  readonly #root: string;
  readonly #tempDir: string;
  #prepared: Promise<void> | null = null;

  constructor(options: LocalBlobStoreOptions) {
    this.#root = path.resolve(options.dir);
    this.#tempDir = path.join(this.#root, TEMP_DIR);
  }

  async putFile(key: string, filePath: string, _contentType: string): Promise<void> {
    const target = this.#pathOf(key);
    await this.#prepare();
    const temp = this.#tempPath();
    try {
      await fs.copyFile(filePath, temp, fs.constants.COPYFILE_EXCL);
      const handle = await fs.open(temp, 'r+');
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await this.#commit(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  async putStream(key: string, body: Readable, _contentType: string): Promise<void> {
    let temp: string | null = null;
    try {
      const target = this.#pathOf(key);
      await this.#prepare();
      temp = this.#tempPath();
      // `flush` fsyncs before close, so a power cut after the rename cannot leave an empty file.
      await pipeline(body, createWriteStream(temp, { flags: 'wx', flush: true }));
      await this.#commit(temp, target);
    } catch (error) {
      body.destroy();
      if (temp !== null) await fs.rm(temp, { force: true });
      throw error;
    }
  }

  async stat(key: string): Promise<BlobInfo | null> {
    const file = this.#pathOf(key);
    try {
      const stats = await fs.stat(file);
      return stats.isFile() ? { size: stats.size, modifiedAt: stats.mtime } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.#pathOf(key);
    if (range !== undefined) assertValidRange(range);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
    // Reading through the opened handle keeps this read on one version of the object even if
    // a write renames a new one into place meanwhile.
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw new BlobNotFoundError(key);
      if (range !== undefined && range.start >= stats.size) throw new BlobRangeError(key, range);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle.createReadStream(range === undefined ? {} : { start: range.start, end: range.end });
  }

  async delete(key: string): Promise<void> {
    const file = this.#pathOf(key);
    try {
      await fs.unlink(file);
    } catch (error) {
      // EISDIR: the key names a directory of other keys, which is no object.
      if (!isMissing(error) && (error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
    }
  }

  async localCopy(key: string): Promise<{ path: string; release(): Promise<void> }> {
    if ((await this.stat(key)) === null) throw new BlobNotFoundError(key);
    return { path: this.#pathOf(key), release: async () => {} };
  }

  async close(): Promise<void> {}

  #pathOf(key: string): string {
    assertValidKey(key);
    const parts = key.split('/');
    if (parts[0] === TEMP_DIR) throw new Error(`Invalid storage key "${key}": ${TEMP_DIR}/ is reserved`);
    const file = path.join(this.#root, ...parts);
    // assertValidKey already refuses `..`; this makes escaping the root impossible whatever it lets through.
    const relative = path.relative(this.#root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new Error(`Invalid storage key "${key}"`);
    }
    return file;
  }

  #tempPath(): string {
    return path.join(this.#tempDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
  }

  async #commit(temp: string, target: string): Promise<void> {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(temp, target);
  }

  /** Once per store: makes the temporary directory and removes what crashed writes left there. */
  #prepare(): Promise<void> {
    this.#prepared ??= (async () => {
      await fs.mkdir(this.#tempDir, { recursive: true });
      await this.#removeStaleTemps();
    })().catch((error: unknown) => {
      this.#prepared = null;
      throw error;
    });
    return this.#prepared;
  }

  async #removeStaleTemps(): Promise<void> {
    const cutoff = Date.now() - STALE_TEMP_MS;
    for (const name of await fs.readdir(this.#tempDir)) {
      const file = path.join(this.#tempDir, name);
      try {
        if ((await fs.stat(file)).mtimeMs < cutoff) await fs.rm(file, { force: true });
      } catch (error) {
        // Another process sharing the directory may have finished or removed it first.
        if (!isMissing(error)) throw error;
      }
    }
  }
}

/** ENOTDIR: a parent in the key's path is an object, so nothing can be below it. */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
