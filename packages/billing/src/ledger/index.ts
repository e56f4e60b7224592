export type { LedgerTransaction, Payment, Posting, StatementDelta, TransactionKind } from './postings.ts';
export { accounts, balances, capture, imbalance, payout, reversal, statementDelta } from './postings.ts';
export type { Split } from './split.ts';
export {
  artistShareOf,
  assertAmount,
  assertShareBps,
  FULL_BPS,
  LedgerRuleError,
  MAX_AMOUNT_MINOR,
  MIN_ARTIST_SHARE_BPS,
  refundSplit,
  splitGross,
} from './split.ts';
