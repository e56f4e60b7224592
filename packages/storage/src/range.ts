import type { ByteRange } from './blob-store.ts';

/** A range that starts at or past the end of the object (HTTP 416). */
export class BlobRangeError extends RangeError {
  readonly key: string;
  constructor(key: string, range: ByteRange) {
    super(`Range ${range.start}-${range.end} is outside the object under "${key}"`);
    this.name = 'BlobRangeError';
    this.key = key;
  }
}

/**
 * Refuses ranges that no object could satisfy. An `end` past the object's last byte is allowed
 * and reads to the end, as HTTP does.
 */
export function assertValidRange(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Invalid byte range ${start}-${end}`);
  }
}
