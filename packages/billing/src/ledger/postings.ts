import { assertAmount, LedgerRuleError, refundSplit, splitGross } from './split.ts';

/**
 * Double entry with signed amounts: debits positive, credits negative, so a transaction balances
 * when its postings sum to zero. Accounts are strings so a store can keep them as plain rows:
 * `clearing:<currency>` (money the processor holds for us, an asset),
 * `payable:<communityId>:<currency>` (what we owe the community's artist, a liability) and
 * `revenue:<currency>` (the platform's share, income). Payouts move payable to `paid:<currency>`.
 */
export interface Posting {
  account: string;
  amountMinor: number;
}

export type TransactionKind = 'capture' | 'refund' | 'dispute' | 'payout';

export interface LedgerTransaction {
  kind: TransactionKind;
  currency: string;
  communityId: string;
  postings: Posting[];
}

export interface Payment {
  communityId: string;
  /** ISO 4217, upper case. */
  currency: string;
  grossMinor: number;
  /** The share promised when the payment was taken; refunds reuse it, whatever the instance says now. */
  artistShareBps: number;
}

const CURRENCY = /^[A-Z]{3}$/;

export const accounts = {
  clearing: (currency: string): string => `clearing:${currency}`,
  payable: (communityId: string, currency: string): string => `payable:${communityId}:${currency}`,
  revenue: (currency: string): string => `revenue:${currency}`,
  paid: (currency: string): string => `paid:${currency}`,
};

function checkCurrency(currency: string): void {
  if (!CURRENCY.test(currency)) throw new LedgerRuleError('currency must be an ISO 4217 code such as EUR');
}

/** Gross to clearing; the artist share to the community's payable; the rest to platform revenue. */
export function capture(payment: Payment): LedgerTransaction {
  checkCurrency(payment.currency);
  const { artistMinor, platformMinor } = splitGross(payment.grossMinor, payment.artistShareBps);
  return {
    kind: 'capture',
    currency: payment.currency,
    communityId: payment.communityId,
    postings: [
      { account: accounts.clearing(payment.currency), amountMinor: payment.grossMinor },
      { account: accounts.payable(payment.communityId, payment.currency), amountMinor: -artistMinor },
      { account: accounts.revenue(payment.currency), amountMinor: -platformMinor },
    ],
  };
}

/** The exact reverse of (part of) a capture: refunds and lost disputes alike. */
export function reversal(
  payment: Payment,
  refundedMinor: number,
  amountMinor: number,
  kind: 'refund' | 'dispute' = 'refund',
): LedgerTransaction {
  checkCurrency(payment.currency);
  const { artistMinor, platformMinor } = refundSplit(
    payment.grossMinor,
    refundedMinor,
    amountMinor,
    payment.artistShareBps,
  );
  return {
    kind,
    currency: payment.currency,
    communityId: payment.communityId,
    postings: [
      { account: accounts.clearing(payment.currency), amountMinor: -amountMinor },
      { account: accounts.payable(payment.communityId, payment.currency), amountMinor: artistMinor },
      { account: accounts.revenue(payment.currency), amountMinor: platformMinor },
    ],
  };
}

/** The operator paid the artist: what is owed goes down by the amount, never below zero. */
export function payout(
  communityId: string,
  currency: string,
  amountMinor: number,
  owedMinor: number,
): LedgerTransaction {
  checkCurrency(currency);
  assertAmount(amountMinor, 'payout');
  if (amountMinor === 0) throw new LedgerRuleError('a payout must be more than zero');
  if (amountMinor > owedMinor) throw new LedgerRuleError('a payout cannot exceed what the community is owed');
  return {
    kind: 'payout',
    currency,
    communityId,
    postings: [
      { account: accounts.payable(communityId, currency), amountMinor },
      { account: accounts.paid(currency), amountMinor: -amountMinor },
    ],
  };
}

/** Zero for every well-formed transaction; a store refuses to write anything else. */
export function imbalance(tx: Pick<LedgerTransaction, 'postings'>): number {
  let sum = 0;
  for (const p of tx.postings) sum += p.amountMinor;
  return sum;
}

/** Account balances over transactions, in posting sign (credits negative). */
export function balances(transactions: Iterable<Pick<LedgerTransaction, 'postings'>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const tx of transactions) {
    for (const p of tx.postings) out.set(p.account, (out.get(p.account) ?? 0) + p.amountMinor);
  }
  return out;
}

/** What one transaction adds to its month's statement line (all figures as the owner reads them). */
export interface StatementDelta {
  grossMinor: number;
  artistShareMinor: number;
  platformShareMinor: number;
  refundsMinor: number;
  netPayableMinor: number;
  paidOutMinor: number;
}

export function statementDelta(tx: LedgerTransaction): StatementDelta {
  const d: StatementDelta = {
    grossMinor: 0,
    artistShareMinor: 0,
    platformShareMinor: 0,
    refundsMinor: 0,
    netPayableMinor: 0,
    paidOutMinor: 0,
  };
  for (const p of tx.postings) {
    const kind = p.account.slice(0, p.account.indexOf(':'));
    if (tx.kind === 'payout') {
      if (kind === 'payable') d.paidOutMinor += p.amountMinor;
      continue;
    }
    if (kind === 'payable') d.netPayableMinor -= p.amountMinor;
    if (tx.kind === 'capture') {
      if (kind === 'clearing') d.grossMinor += p.amountMinor;
      if (kind === 'payable') d.artistShareMinor -= p.amountMinor;
      if (kind === 'revenue') d.platformShareMinor -= p.amountMinor;
    } else if (kind === 'clearing') {
      d.refundsMinor -= p.amountMinor;
    }
  }
  return d;
}
