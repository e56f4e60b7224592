/**
 * The artist's promise in integer arithmetic: amounts are minor units, shares basis points, and
 * every rounding goes the artist's way. BigInt inside, so a large gross cannot lose a cent to
 * floating point (gross × bps passes 2^53 above ~9 × 10^11 minor units).
 */

/** The floor no instance may go below: the artist keeps at least 80 % of every payment. */
export const MIN_ARTIST_SHARE_BPS = 8000;
export const FULL_BPS = 10_000;
/** The largest single amount accepted anywhere (10 billion major units of a 2-decimal currency). */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

export class LedgerRuleError extends Error {
  override readonly name = 'LedgerRuleError';
}

export function assertAmount(amountMinor: number, what = 'amount'): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0 || amountMinor > MAX_AMOUNT_MINOR) {
    throw new LedgerRuleError(
      `${what} must be a whole number of minor units between 0 and ${MAX_AMOUNT_MINOR}`,
    );
  }
}

export function assertShareBps(bps: number): void {
  if (!Number.isInteger(bps) || bps < MIN_ARTIST_SHARE_BPS || bps > FULL_BPS) {
    throw new LedgerRuleError(
      `the artist share must be between ${MIN_ARTIST_SHARE_BPS} and ${FULL_BPS} basis points`,
    );
  }
}

/** ceil(gross × bps / 10 000): the artist's part of a gross amount. */
export function artistShareOf(grossMinor: number, bps: number): number {
  assertAmount(grossMinor, 'gross');
  assertShareBps(bps);
  const numerator = BigInt(grossMinor) * BigInt(bps);
  const whole = numerator / BigInt(FULL_BPS);
  return Number(numerator % BigInt(FULL_BPS) === 0n ? whole : whole + 1n);
}

export interface Split {
  artistMinor: number;
  platformMinor: number;
}

/** The two parts of a gross; they always add up to it exactly. */
export function splitGross(grossMinor: number, bps: number): Split {
  const artistMinor = artistShareOf(grossMinor, bps);
  return { artistMinor, platformMinor: grossMinor - artistMinor };
}

/**
 * What a refund (or a lost dispute) of `amountMinor` takes back from each side, after
 * `refundedMinor` was already refunded. The artist's share of what is left is always the same
 * rule applied to what is left, ceil(net × bps), so partial refunds never push the artist below
 * the promise and refunding everything returns both sides exactly to zero.
 */
export function refundSplit(
  grossMinor: number,
  refundedMinor: number,
  amountMinor: number,
  bps: number,
): Split {
  assertAmount(amountMinor, 'refund');
  assertAmount(refundedMinor, 'refunded so far');
  if (refundedMinor + amountMinor > grossMinor) {
    throw new LedgerRuleError('a refund cannot exceed what is left of the payment');
  }
  const before = artistShareOf(grossMinor - refundedMinor, bps);
  const after = artistShareOf(grossMinor - refundedMinor - amountMinor, bps);
  const artistMinor = before - after;
  return { artistMinor, platformMinor: amountMinor - artistMinor };
}
