import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from './backoff.ts';

describe('retry backoff', () => {
  it('doubles from 5 s and stops growing at an hour', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((a) => retryDelaySeconds(a, mid))).toEqual([5, 10, 20, 40]);
    expect(retryDelaySeconds(30, mid)).toBe(3600);
  });

  it('spreads retries by ±20 %', () => {
    expect(retryDelaySeconds(2, () => 0)).toBe(8);
    expect(retryDelaySeconds(2, () => 0.999999)).toBeCloseTo(12, 0);
  });
});
