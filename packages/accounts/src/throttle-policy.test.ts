import { describe, expect, it } from 'vitest';
import { checkBucket, isStale, recordHit } from './throttle-policy.ts';

const limit = { max: 3, windowSeconds: 60, blockSeconds: 120 };
const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('throttle policy', () => {
  it('blocks on the hit that reaches the limit, for blockSeconds', () => {
    let bucket = recordHit(null, t(0), limit);
    bucket = recordHit(bucket, t(1), limit);
    expect(checkBucket(bucket, t(2))).toEqual({ allowed: true });
    bucket = recordHit(bucket, t(2), limit);
    expect(bucket.count).toBe(3);
    expect(checkBucket(bucket, t(3))).toEqual({ allowed: false, retryAfterSeconds: 119 });
    expect(checkBucket(bucket, t(122))).toEqual({ allowed: true });
  });
  it('starts a new window once the old one is over', () => {
    let bucket = recordHit(null, t(0), limit);
    bucket = recordHit(bucket, t(1), limit);
    bucket = recordHit(bucket, t(61), limit);
    expect(bucket).toEqual({ count: 1, windowStartedAt: t(61), blockedUntil: null });
  });
  it('knows when a bucket can be forgotten', () => {
    const blocked = { count: 3, windowStartedAt: t(0), blockedUntil: t(120) };
    expect(isStale(blocked, t(100), limit)).toBe(false);
    expect(isStale(blocked, t(120), limit)).toBe(true);
  });
});
