import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../../accounts/src/schema.ts';
import { communities } from '../../communities/src/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Minor units: bigint in the database (sums of many payments pass 2^31), numbers in TypeScript. */
const minor = (name: string) => bigint(name, { mode: 'number' });

/** A membership tier: a monthly price and what it brings. Archived tiers keep their subscribers. */
export const tiers = pgTable(
  'tiers',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    priceMinor: minor('price_minor').notNull(),
    currency: text('currency').notNull(),
    perks: text('perks').notNull().default(''),
    position: integer('position').notNull(),
    archivedAt: ts('archived_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('tiers_community_idx').on(t.communityId, t.position)],
);

/** One attempt to pay, at the configured provider; completed by the provider's webhook, never by the browser. */
export const checkouts = pgTable(
  'checkouts',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    /** Null once the buyer erased their account. */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    provider: text('provider').notNull(),
    kind: text('kind').$type<'subscription' | 'purchase'>().notNull(),
    tierId: text('tier_id').references(() => tiers.id, { onDelete: 'restrict' }),
    itemType: text('item_type').$type<'track' | 'release' | 'product'>(),
    itemId: text('item_id'),
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    status: text('status').$type<'open' | 'completed' | 'declined' | 'expired'>().notNull().default('open'),
    providerRef: text('provider_ref'),
    /** What the checkout page says is bought ("Night Bus, a track by Ana"), fixed when it opens. */
    title: text('title'),
    /** Where the buyer goes back to in the web client once paid. */
    returnPath: text('return_path'),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [index('checkouts_user_idx').on(t.userId, t.createdAt)],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    tierId: text('tier_id')
      .notNull()
      .references(() => tiers.id, { onDelete: 'restrict' }),
    provider: text('provider').notNull(),
    providerRef: text('provider_ref').notNull(),
    status: text('status').$type<'active' | 'past_due' | 'canceled'>().notNull(),
    currentPeriodEnd: ts('current_period_end').notNull(),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    canceledAt: ts('canceled_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subscriptions_provider_ref_key').on(t.provider, t.providerRef),
    // One live subscription per person per community: upgrades change its tier.
    uniqueIndex('subscriptions_live_key').on(t.communityId, t.userId).where(sql`status <> 'canceled'`),
  ],
);

/** A captured charge. Kept after account erasure (accounting law), without the person. */
export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(),
    // No foreign key on purpose: money records outlive a deleted community (accounting law).
    communityId: text('community_id').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    provider: text('provider').notNull(),
    providerChargeId: text('provider_charge_id').notNull(),
    kind: text('kind').$type<'subscription' | 'purchase'>().notNull(),
    checkoutId: text('checkout_id').references(() => checkouts.id, { onDelete: 'set null' }),
    subscriptionId: text('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    grossMinor: minor('gross_minor').notNull(),
    currency: text('currency').notNull(),
    /** The share promised when it was paid; refunds reuse it whatever the instance says later. */
    artistShareBps: integer('artist_share_bps').notNull(),
    refundedMinor: minor('refunded_minor').notNull().default(0),
    capturedAt: ts('captured_at').notNull(),
  },
  (t) => [
    uniqueIndex('payments_provider_charge_key').on(t.provider, t.providerChargeId),
    index('payments_community_idx').on(t.communityId, t.capturedAt),
    index('payments_user_idx').on(t.userId),
  ],
);

/** The stored file of a digital product. */
export interface ProductFile {
  key: string;
  bytes: number;
  sha256: string;
  contentType: string;
  /** The name buyers' downloads get. */
  name: string;
  kind: 'pdf' | 'epub' | 'video' | 'zip';
}

/** A micro-expert's digital product: a file sold at a fixed price or pay-what-you-want (price = minimum). */
export const products = pgTable(
  'products',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    priceMinor: minor('price_minor').notNull(),
    currency: text('currency').notNull(),
    payWhatYouWant: boolean('pay_what_you_want').notNull().default(false),
    file: jsonb('file').$type<ProductFile>().notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** Archived products are no longer sold; their buyers keep their downloads. */
    archivedAt: ts('archived_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('products_community_idx').on(t.communityId, t.createdAt)],
);

/** What a purchase unlocks: one row per buyer and item. */
export const purchases = pgTable(
  'purchases',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    itemType: text('item_type').$type<'track' | 'release' | 'product'>().notNull(),
    itemId: text('item_id').notNull(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'restrict' }),
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    refunded: boolean('refunded').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('purchases_payment_key').on(t.paymentId),
    index('purchases_user_item_idx').on(t.userId, t.itemType, t.itemId),
    // Charts read a week's purchases per community.
    index('purchases_community_created_idx').on(t.communityId, t.createdAt),
  ],
);

/** Append-only: a transaction and its postings are written once, in one statement batch, balanced. */
export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: text('id').primaryKey(),
    // No foreign key on purpose: money records outlive a deleted community (accounting law).
    communityId: text('community_id').notNull(),
    kind: text('kind').$type<'capture' | 'refund' | 'dispute' | 'payout'>().notNull(),
    currency: text('currency').notNull(),
    paymentId: text('payment_id').references(() => payments.id, { onDelete: 'restrict' }),
    /** The provider event that caused it, so a replay can be recognised. */
    sourceEvent: text('source_event'),
    memo: text('memo').notNull().default(''),
    occurredAt: ts('occurred_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('ledger_transactions_community_idx').on(t.communityId, t.occurredAt),
    uniqueIndex('ledger_transactions_source_key').on(t.sourceEvent),
  ],
);

export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    transactionId: text('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id, { onDelete: 'restrict' }),
    line: integer('line').notNull(),
    // No foreign key on purpose: money records outlive a deleted community (accounting law).
    communityId: text('community_id').notNull(),
    /** The transaction's kind, repeated so a statement is one scan of the postings. */
    kind: text('kind').$type<'capture' | 'refund' | 'dispute' | 'payout'>().notNull(),
    currency: text('currency').notNull(),
    account: text('account').notNull(),
    /** Debits positive, credits negative: each transaction's lines sum to zero. */
    amountMinor: minor('amount_minor').notNull(),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.transactionId, t.line] }),
    index('ledger_postings_account_idx').on(t.communityId, t.account, t.occurredAt),
  ],
);

/** Every provider event received, applied or not: idempotency by id, and nothing lost when it cannot apply yet. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').$type<'pending' | 'applied' | 'ignored' | 'failed'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    appliedAt: ts('applied_at'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] }), index('webhook_events_status_idx').on(t.status)],
);

/**
 * The statement, maintained in the same transaction as each ledger transaction it sums: one row
 * per community, UTC month and currency, so earnings read a few dozen rows however long the ledger.
 * The postings stay the source of truth; a test recomputes this from them.
 */
export const ledgerMonths = pgTable(
  'ledger_months',
  {
    communityId: text('community_id').notNull(),
    month: text('month').notNull(),
    currency: text('currency').notNull(),
    grossMinor: minor('gross_minor').notNull().default(0),
    artistShareMinor: minor('artist_share_minor').notNull().default(0),
    platformShareMinor: minor('platform_share_minor').notNull().default(0),
    refundsMinor: minor('refunds_minor').notNull().default(0),
    netPayableMinor: minor('net_payable_minor').notNull().default(0),
    paidOutMinor: minor('paid_out_minor').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month, t.currency] })],
);
