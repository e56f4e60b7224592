import type { Db } from '@coterie/platform';
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { CommerceStore } from './commerce-store.ts';
import { EventStore } from './event-store.ts';
import { imbalance, type LedgerTransaction, statementDelta } from './ledger/index.ts';
import {
  checkouts,
  ledgerMonths,
  ledgerPostings,
  ledgerTransactions,
  payments,
  subscriptions,
  tiers,
} from './schema.ts';
import { StatementStore } from './statement-store.ts';

export type TierRow = typeof tiers.$inferSelect;
export type CheckoutRow = typeof checkouts.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type { WebhookEventRow } from './event-store.ts';

export interface StatementRow {
  month: string;
  currency: string;
  grossMinor: number;
  artistShareMinor: number;
  platformShareMinor: number;
  refundsMinor: number;
  netPayableMinor: number;
  paidOutMinor: number;
}

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Everything billing keeps. Webhook handling runs on a store bound to one transaction (`inTransaction`). */
export class BillingStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  inTransaction<T>(work: (store: BillingStore) => Promise<T>): Promise<T> {
    return this.#db.transaction(async (tx) => work(new BillingStore(tx as unknown as Db)));
  }

  /** Products and purchases, on the same connection (and transaction) as this store. */
  commerce(): CommerceStore {
    return new CommerceStore(this.#db);
  }

  /** The earnings statement and balances, on the same connection. */
  statements(): StatementStore {
    return new StatementStore(this.#db);
  }

  /** Received provider events, on the same connection (claims lock inside its transaction). */
  events(): EventStore {
    return new EventStore(this.#db);
  }

  // Tiers

  async tiersOf(communityId: string, includeArchived: boolean): Promise<TierRow[]> {
    const where = includeArchived
      ? eq(tiers.communityId, communityId)
      : and(eq(tiers.communityId, communityId), isNull(tiers.archivedAt));
    return this.#db.select().from(tiers).where(where).orderBy(asc(tiers.position), asc(tiers.createdAt));
  }

  async tier(id: string): Promise<TierRow | null> {
    return (await this.#db.select().from(tiers).where(eq(tiers.id, id)))[0] ?? null;
  }

  async insertTier(row: typeof tiers.$inferInsert): Promise<TierRow> {
    const [created] = await this.#db.insert(tiers).values(row).returning();
    if (!created) throw new Error('tier insert returned nothing');
    return created;
  }

  async updateTier(id: string, patch: Partial<typeof tiers.$inferInsert>): Promise<TierRow | null> {
    return (await this.#db.update(tiers).set(patch).where(eq(tiers.id, id)).returning())[0] ?? null;
  }

  async nextTierPosition(communityId: string): Promise<number> {
    const rows = rowsOf<{ n: number }>(
      await this.#db.execute(
        sql`select coalesce(max(position) + 1, 0)::int as n from tiers where community_id = ${communityId}`,
      ),
    );
    return rows[0]?.n ?? 0;
  }

  async activeSubscriberCounts(communityId: string): Promise<Map<string, number>> {
    const rows = await this.#db
      .select({ tierId: subscriptions.tierId, n: sql<number>`count(*)::int` })
      .from(subscriptions)
      .where(and(eq(subscriptions.communityId, communityId), ne(subscriptions.status, 'canceled')))
      .groupBy(subscriptions.tierId);
    return new Map(rows.map((r) => [r.tierId, r.n]));
  }

  // Checkouts

  async insertCheckout(row: typeof checkouts.$inferInsert): Promise<CheckoutRow> {
    const [created] = await this.#db.insert(checkouts).values(row).returning();
    if (!created) throw new Error('checkout insert returned nothing');
    return created;
  }

  async checkout(id: string): Promise<CheckoutRow | null> {
    return (await this.#db.select().from(checkouts).where(eq(checkouts.id, id)))[0] ?? null;
  }

  /** Open → completed or declined, once: a second completion of the same checkout changes nothing. */
  async closeCheckout(id: string, status: 'completed' | 'declined', at: Date): Promise<boolean> {
    const rows = await this.#db
      .update(checkouts)
      .set({ status, completedAt: at })
      .where(and(eq(checkouts.id, id), eq(checkouts.status, 'open')))
      .returning({ id: checkouts.id });
    return rows.length === 1;
  }

  /** What the checkout page says is being bought, and where the buyer goes back to. */
  async checkoutTitle(row: CheckoutRow): Promise<string> {
    if (row.title) return row.title;
    const rows = rowsOf<{ community: string; tier: string | null }>(
      await this.#db.execute(sql`
        select c.name as community, t.name as tier
        from communities c left join tiers t on t.id = ${row.tierId}
        where c.id = ${row.communityId}`),
    );
    const found = rows[0];
    if (!found) return 'Coterie';
    return row.kind === 'subscription'
      ? `${found.tier ?? 'Membership'} · ${found.community}, monthly`
      : found.community;
  }

  async checkoutReturnUrl(row: CheckoutRow): Promise<string> {
    if (row.returnPath) return row.returnPath;
    const rows = rowsOf<{ slug: string }>(
      await this.#db.execute(sql`select slug from communities where id = ${row.communityId}`),
    );
    return `/c/${encodeURIComponent(rows[0]?.slug ?? '')}/support?checkout=${encodeURIComponent(row.id)}`;
  }

  // Subscriptions

  /** Live subscriptions whose paid period has ended, with their tier's current price. */
  async dueSubscriptions(
    provider: string,
    now: Date,
  ): Promise<{ subscription: SubscriptionRow; priceMinor: number; currency: string }[]> {
    const rows = await this.#db
      .select({ subscription: subscriptions, priceMinor: tiers.priceMinor, currency: tiers.currency })
      .from(subscriptions)
      .innerJoin(tiers, eq(tiers.id, subscriptions.tierId))
      .where(
        and(
          eq(subscriptions.provider, provider),
          ne(subscriptions.status, 'canceled'),
          sql`${subscriptions.currentPeriodEnd} <= ${now}`,
        ),
      )
      .orderBy(asc(subscriptions.currentPeriodEnd));
    return rows;
  }

  async liveSubscription(communityId: string, userId: string): Promise<SubscriptionRow | null> {
    const rows = await this.#db
      .select()
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.communityId, communityId),
          eq(subscriptions.userId, userId),
          ne(subscriptions.status, 'canceled'),
        ),
      );
    return rows[0] ?? null;
  }

  async subscriptionByRef(provider: string, ref: string): Promise<SubscriptionRow | null> {
    const rows = await this.#db
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.provider, provider), eq(subscriptions.providerRef, ref)));
    return rows[0] ?? null;
  }

  async subscriptionsOfUser(userId: string): Promise<SubscriptionRow[]> {
    return this.#db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.userId, userId))
      .orderBy(desc(subscriptions.createdAt));
  }

  async insertSubscription(row: typeof subscriptions.$inferInsert): Promise<SubscriptionRow> {
    const [created] = await this.#db.insert(subscriptions).values(row).returning();
    if (!created) throw new Error('subscription insert returned nothing');
    return created;
  }

  async updateSubscription(
    id: string,
    patch: Partial<typeof subscriptions.$inferInsert>,
  ): Promise<SubscriptionRow> {
    const [row] = await this.#db.update(subscriptions).set(patch).where(eq(subscriptions.id, id)).returning();
    if (!row) throw new Error('subscription vanished');
    return row;
  }

  // Payments and the ledger

  async paymentByCharge(provider: string, chargeId: string): Promise<PaymentRow | null> {
    const rows = await this.#db
      .select()
      .from(payments)
      .where(and(eq(payments.provider, provider), eq(payments.providerChargeId, chargeId)));
    return rows[0] ?? null;
  }

  async payment(id: string): Promise<PaymentRow | null> {
    return (await this.#db.select().from(payments).where(eq(payments.id, id)))[0] ?? null;
  }

  async paymentsOfUser(userId: string): Promise<PaymentRow[]> {
    return this.#db
      .select()
      .from(payments)
      .where(eq(payments.userId, userId))
      .orderBy(desc(payments.capturedAt));
  }

  async insertPayment(row: typeof payments.$inferInsert): Promise<PaymentRow> {
    const [created] = await this.#db.insert(payments).values(row).returning();
    if (!created) throw new Error('payment insert returned nothing');
    return created;
  }

  /** What refunds alone (not disputes) took back of a payment, from its ledger transactions. */
  async refundedOnly(paymentId: string): Promise<number> {
    const rows = rowsOf<{ n: number | string | null }>(
      await this.#db.execute(sql`
        select -coalesce(sum(p.amount_minor), 0)::float8 as n
        from ledger_transactions t join ledger_postings p on p.transaction_id = t.id
        where t.payment_id = ${paymentId} and t.kind = 'refund' and p.account like 'clearing:%'`),
    );
    return Number(rows[0]?.n ?? 0);
  }

  async addRefunded(paymentId: string, amountMinor: number): Promise<void> {
    await this.#db
      .update(payments)
      .set({ refundedMinor: sql`${payments.refundedMinor} + ${amountMinor}` })
      .where(eq(payments.id, paymentId));
  }

  /** Appends one balanced transaction; an unbalanced one is a bug and is refused before any write. */
  async post(
    id: string,
    tx: LedgerTransaction,
    meta: { paymentId: string | null; sourceEvent: string | null; occurredAt: Date; memo?: string },
  ): Promise<void> {
    if (imbalance(tx) !== 0) throw new Error(`unbalanced ledger transaction (${tx.kind})`);
    await this.#db.insert(ledgerTransactions).values({
      id,
      communityId: tx.communityId,
      kind: tx.kind,
      currency: tx.currency,
      paymentId: meta.paymentId,
      sourceEvent: meta.sourceEvent,
      memo: meta.memo ?? '',
      occurredAt: meta.occurredAt,
    });
    await this.#db.insert(ledgerPostings).values(
      tx.postings.map((p, line) => ({
        transactionId: id,
        line,
        communityId: tx.communityId,
        kind: tx.kind,
        currency: tx.currency,
        account: p.account,
        amountMinor: p.amountMinor,
        occurredAt: meta.occurredAt,
      })),
    );
    const d = statementDelta(tx);
    const month = meta.occurredAt.toISOString().slice(0, 7);
    await this.#db
      .insert(ledgerMonths)
      .values({ communityId: tx.communityId, month, currency: tx.currency, ...d })
      .onConflictDoUpdate({
        target: [ledgerMonths.communityId, ledgerMonths.month, ledgerMonths.currency],
        set: {
          grossMinor: sql`${ledgerMonths.grossMinor} + ${d.grossMinor}`,
          artistShareMinor: sql`${ledgerMonths.artistShareMinor} + ${d.artistShareMinor}`,
          platformShareMinor: sql`${ledgerMonths.platformShareMinor} + ${d.platformShareMinor}`,
          refundsMinor: sql`${ledgerMonths.refundsMinor} + ${d.refundsMinor}`,
          netPayableMinor: sql`${ledgerMonths.netPayableMinor} + ${d.netPayableMinor}`,
          paidOutMinor: sql`${ledgerMonths.paidOutMinor} + ${d.paidOutMinor}`,
        },
      });
  }

  // Personal data

  /** Ends billing for someone erasing their account; rows keep the money, user ids go with the account (FK set null). */
  async cancelAllOf(userId: string, at: Date): Promise<void> {
    await this.#db
      .update(subscriptions)
      .set({ status: 'canceled', canceledAt: at, updatedAt: at })
      .where(and(eq(subscriptions.userId, userId), ne(subscriptions.status, 'canceled')));
    await this.#db
      .update(checkouts)
      .set({ status: 'expired' })
      .where(and(eq(checkouts.userId, userId), eq(checkouts.status, 'open')));
  }
}
