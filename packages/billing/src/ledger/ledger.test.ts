import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accounts,
  artistShareOf,
  balances,
  capture,
  imbalance,
  LedgerRuleError,
  type LedgerTransaction,
  type Payment,
  payout,
  refundSplit,
  reversal,
  splitGross,
} from './index.ts';

describe('the split', () => {
  it('rounds the artist share up and always adds up to the gross', () => {
    expect(splitGross(1000, 8000)).toEqual({ artistMinor: 800, platformMinor: 200 });
    expect(splitGross(1, 8000)).toEqual({ artistMinor: 1, platformMinor: 0 });
    expect(splitGross(999, 8000)).toEqual({ artistMinor: 800, platformMinor: 199 });
    expect(splitGross(0, 8000)).toEqual({ artistMinor: 0, platformMinor: 0 });
    expect(splitGross(1234, 10_000)).toEqual({ artistMinor: 1234, platformMinor: 0 });
  });

  it('is exact where floating point is not', () => {
    // 999 999 999 999 × 8001 passes 2^53; a float product would round it.
    expect(artistShareOf(999_999_999_999, 8001)).toBe(800_099_999_999 + 1);
  });

  it('refuses a share below the promise, fractions of a cent and negative amounts', () => {
    expect(() => splitGross(100, 7999)).toThrow(LedgerRuleError);
    expect(() => splitGross(100, 10_001)).toThrow(LedgerRuleError);
    expect(() => splitGross(10.5, 8000)).toThrow(LedgerRuleError);
    expect(() => splitGross(-1, 8000)).toThrow(LedgerRuleError);
    expect(() => refundSplit(100, 60, 41, 8000)).toThrow(/exceed/);
  });

  it('keeps the artist at 80 % of what is left after a partial refund', () => {
    // 10.00 paid, 1.00 refunded: the artist keeps ceil(9.00 × 80 %) = 7.20, so 0.80 comes back from them.
    expect(refundSplit(1000, 0, 100, 8000)).toEqual({ artistMinor: 80, platformMinor: 20 });
    // A 0.10 gross refunded a cent at a time returns exactly the 0.08 the artist got.
    let artist = 0;
    for (let r = 0; r < 10; r++) artist += refundSplit(10, r, 1, 8000).artistMinor;
    expect(artist).toBe(8);
  });
});

describe('postings', () => {
  const payment: Payment = { communityId: 'cmt_a', currency: 'EUR', grossMinor: 500, artistShareBps: 8000 };

  it('capture: gross to clearing, 80 % payable to the community, the rest platform revenue', () => {
    const tx = capture(payment);
    expect(imbalance(tx)).toBe(0);
    expect(Object.fromEntries(balances([tx]))).toEqual({
      'clearing:EUR': 500,
      'payable:cmt_a:EUR': -400,
      'revenue:EUR': -100,
    });
  });

  it('a full refund is the exact reverse', () => {
    const all = balances([capture(payment), reversal(payment, 0, 500)]);
    for (const value of all.values()) expect(value).toBe(0);
  });

  it('a payout clears what is owed and cannot exceed it', () => {
    const tx = payout('cmt_a', 'EUR', 400, 400);
    expect(imbalance(tx)).toBe(0);
    expect(balances([capture(payment), tx]).get(accounts.payable('cmt_a', 'EUR'))).toBe(0);
    expect(() => payout('cmt_a', 'EUR', 401, 400)).toThrow(LedgerRuleError);
    expect(() => payout('cmt_a', 'EUR', 0, 400)).toThrow(LedgerRuleError);
    expect(() => payout('cmt_a', 'euro', 1, 400)).toThrow(/ISO 4217/);
  });
});

/** A payment and what happens to it later: refunds and disputes, each a share of what is left. */
const history = fc.record({
  community: fc.constantFrom('cmt_a', 'cmt_b', 'cmt_c'),
  currency: fc.constantFrom('EUR', 'USD', 'JPY', 'GBP'),
  grossMinor: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1_000_000_000 })),
  bps: fc.oneof(fc.constant(8000), fc.integer({ min: 8000, max: 10_000 })),
  later: fc.array(
    fc.record({
      kind: fc.constantFrom('refund', 'dispute'),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    {
      maxLength: 6,
    },
  ),
});

describe('any sequence of payments, refunds and disputes', () => {
  it('balances every transaction, keeps every artist at ≥ 80 % of net, and matches an independent total', () => {
    fc.assert(
      fc.property(fc.array(history, { maxLength: 30 }), (histories) => {
        const ledger: LedgerTransaction[] = [];
        const expectedPayable = new Map<string, number>();
        const expectedClearing = new Map<string, number>();
        for (const h of histories) {
          const payment: Payment = {
            communityId: h.community,
            currency: h.currency,
            grossMinor: h.grossMinor,
            artistShareBps: h.bps,
          };
          ledger.push(capture(payment));
          let refunded = 0;
          for (const step of h.later) {
            const amount = Math.floor((h.grossMinor - refunded) * step.share);
            ledger.push(reversal(payment, refunded, amount, step.kind as 'refund' | 'dispute'));
            refunded += amount;
            // The promise on what is left, checked on the running ledger of this one payment.
            const own = balances(ledger.slice(-(h.later.indexOf(step) + 2)));
            const artistKeeps = -(own.get(accounts.payable(h.community, h.currency)) ?? 0);
            expect(artistKeeps * 10_000).toBeGreaterThanOrEqual((h.grossMinor - refunded) * 8000);
            expect(artistKeeps).toBeLessThanOrEqual(h.grossMinor - refunded);
          }
          // Independent expectation: plain arithmetic on the net, no ledger code.
          const net = h.grossMinor - refunded;
          const payableKey = accounts.payable(h.community, h.currency);
          expectedPayable.set(
            payableKey,
            (expectedPayable.get(payableKey) ?? 0) + Math.ceil((net * h.bps) / 10_000),
          );
          const clearingKey = accounts.clearing(h.currency);
          expectedClearing.set(clearingKey, (expectedClearing.get(clearingKey) ?? 0) + net);
        }
        for (const tx of ledger) expect(imbalance(tx)).toBe(0);
        const totals = balances(ledger);
        for (const [account, value] of expectedPayable)
          expect(0 - (totals.get(account) ?? 0) + 0).toBe(value);
        for (const [account, value] of expectedClearing) expect(totals.get(account) ?? 0).toBe(value);
        // Revenue is the rest, per currency: everything sums to zero overall.
        let sum = 0;
        for (const v of totals.values()) sum += v;
        expect(sum).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
