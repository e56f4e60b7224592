/** Fixed-window throttling, as pure functions over a stored bucket. */
export interface Bucket {
  readonly count: number;
  readonly windowStartedAt: Date;
  readonly blockedUntil: Date | null;
}

export interface Limit {
  /** Hits allowed in one window; the hit that reaches it starts the block. */
  readonly max: number;
  readonly windowSeconds: number;
  readonly blockSeconds: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function checkBucket(bucket: Bucket | null, now: Date): ThrottleDecision {
  if (bucket?.blockedUntil && bucket.blockedUntil > now) {
    return {
      allowed: false,
      retryAfterSeconds: Math.ceil((bucket.blockedUntil.getTime() - now.getTime()) / 1000),
    };
  }
  return { allowed: true };
}

export function recordHit(bucket: Bucket | null, now: Date, limit: Limit): Bucket {
  const windowOver =
    bucket === null || now.getTime() - bucket.windowStartedAt.getTime() >= limit.windowSeconds * 1000;
  const count = windowOver ? 1 : bucket.count + 1;
  const windowStartedAt = windowOver ? now : bucket.windowStartedAt;
  const blockedUntil =
    count >= limit.max
      ? new Date(now.getTime() + limit.blockSeconds * 1000)
      : windowOver
        ? null
        : (bucket?.blockedUntil ?? null);
  return { count, windowStartedAt, blockedUntil };
}

/** A bucket that can be forgotten: its window and any block are over. */
export function isStale(bucket: Bucket, now: Date, limit: Limit): boolean {
  const windowEnd = bucket.windowStartedAt.getTime() + limit.windowSeconds * 1000;
  const blockEnd = bucket.blockedUntil?.getTime() ?? 0;
  return Math.max(windowEnd, blockEnd) <= now.getTime();
}
