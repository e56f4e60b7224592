import type { Readable } from 'node:stream';

/** What a stored object is, without reading it. */
export interface BlobInfo {
  readonly size: number;
  readonly modifiedAt: Date;
}

/** Inclusive byte range, as in HTTP: `{start: 0, end: 0}` is the first byte. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Where Coterie keeps files (audio originals and renditions). Keys are slash-separated paths
 * such as `originals/ab/ab12…`; callers never see where the bytes really are.
 *
 * The contract every implementation passes (`contract.ts`):
 * - a write is atomic: a reader sees the whole object or no object, never part of one, even if
 *   the process dies mid-write;
 * - writing an existing key replaces it; deleting a missing key is not an error;
 * - `read` of a missing key rejects with `BlobNotFoundError`.
 */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  /** Stores a local file under `key` (the file itself is left in place). */
  putFile(key: string, filePath: string, contentType: string): Promise<void>;
  /** Stores a stream under `key`; nothing is visible under the key until the stream has ended. */
  putStream(key: string, body: Readable, contentType: string): Promise<void>;
  stat(key: string): Promise<BlobInfo | null>;
  /** The object's bytes, or one inclusive range of them. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
  /**
   * A local file with the object's bytes for tools that need a path (ffmpeg, music-metadata).
   * The local store hands its own file; others download to a temporary file, removed by `release`.
   */
  localCopy(key: string): Promise<{ path: string; release(): Promise<void> }>;
  /** Closes connections; the store is unusable afterwards. */
  close(): Promise<void>;
}

export class BlobNotFoundError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`No stored object under "${key}"`);
    this.name = 'BlobNotFoundError';
    this.key = key;
  }
}

/** Keys are plain relative paths: no `..`, no leading slash, no backslashes or control characters. */
export function assertValidKey(key: string): void {
  if (
    key === '' ||
    key.length > 512 ||
    key.startsWith('/') ||
    key.endsWith('/') ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    /[\\\u0000-\u001f]/.test(key) ||
    key.split('/').some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw new Error(`Invalid storage key "${key}"`);
  }
}
