import type { Db } from '@coterie/platform';
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { imbalance, type LedgerTransaction, statementDelta } from './ledger/index.ts';
import {
  checkouts,
  ledgerMonths,
  ledgerPostings,
  ledgerTransactions,
  payments,
  subscriptions,
  tiers,
  webhookEvents,
} from './schema.ts';

export type TierRow = typeof tiers.$inferSelect;
export type CheckoutRow = typeof checkouts.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type WebhookEventRow = typeof webhookEvents.$inferSelect;

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

  /** The statement, newest month first: the rows `post` keeps up to date. */
  async statement(communityId: string): Promise<StatementRow[]> {
    return this.#db
      .select({
        month: ledgerMonths.month,
        currency: ledgerMonths.currency,
        grossMinor: ledgerMonths.grossMinor,
        artistShareMinor: ledgerMonths.artistShareMinor,
        platformShareMinor: ledgerMonths.platformShareMinor,
        refundsMinor: ledgerMonths.refundsMinor,
        netPayableMinor: ledgerMonths.netPayableMinor,
        paidOutMinor: ledgerMonths.paidOutMinor,
      })
      .from(ledgerMonths)
      .where(eq(ledgerMonths.communityId, communityId))
      .orderBy(desc(ledgerMonths.month), asc(ledgerMonths.currency));
  }

  /** The same statement recomputed from the postings themselves: the check on `statement`. */
  async statementFromPostings(communityId: string): Promise<StatementRow[]> {
    return rowsOf<StatementRow>(
      await this.#db.execute(sql`
        select to_char(date_trunc('month', occurred_at at time zone 'UTC'), 'YYYY-MM') as month,
               currency,
               coalesce(sum(amount_minor) filter (where kind = 'capture' and account like 'clearing:%'), 0)::bigint as "grossMinor",
               coalesce(-sum(amount_minor) filter (where kind = 'capture' and account like 'payable:%'), 0)::bigint as "artistShareMinor",
               coalesce(-sum(amount_minor) filter (where kind = 'capture' and account like 'revenue:%'), 0)::bigint as "platformShareMinor",
               coalesce(-sum(amount_minor) filter (where kind in ('refund', 'dispute') and account like 'clearing:%'), 0)::bigint as "refundsMinor",
               coalesce(-sum(amount_minor) filter (where kind <> 'payout' and account like 'payable:%'), 0)::bigint as "netPayableMinor",
               coalesce(sum(amount_minor) filter (where kind = 'payout' and account like 'payable:%'), 0)::bigint as "paidOutMinor"
        from ledger_postings
        where community_id = ${communityId}
        group by 1, 2
        order by 1 desc, 2`),
    ).map((r) => ({
      ...r,
      grossMinor: Number(r.grossMinor),
      artistShareMinor: Number(r.artistShareMinor),
      platformShareMinor: Number(r.platformShareMinor),
      refundsMinor: Number(r.refundsMinor),
      netPayableMinor: Number(r.netPayableMinor),
      paidOutMinor: Number(r.paidOutMinor),
    }));
  }

  /** People with a paid subscription invoice in each month and currency. */
  async subscribersByMonth(communityId: string): Promise<{ month: string; currency: string; n: number }[]> {
    return rowsOf<{ month: string; currency: string; n: number }>(
      await this.#db.execute(sql`
        select to_char(date_trunc('month', captured_at at time zone 'UTC'), 'YYYY-MM') as month, currency,
               count(distinct subscription_id)::int as n
        from payments
        where community_id = ${communityId} and kind = 'subscription' and gross_minor > refunded_minor
        group by 1, 2`),
    );
  }

  async payableBalance(communityId: string, currency: string): Promise<number> {
    const rows = rowsOf<{ owed: string | number | null }>(
      await this.#db.execute(sql`
        select -sum(amount_minor) as owed from ledger_postings
        where community_id = ${communityId} and account = ${`payable:${communityId}:${currency}`}`),
    );
    return Number(rows[0]?.owed ?? 0);
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

  // Webhook events

  /** Inserts the event, or returns the row already there (locked until this transaction ends). */
  async claimEvent(
    row: Pick<WebhookEventRow, 'provider' | 'eventId' | 'type' | 'payload'>,
  ): Promise<{ fresh: boolean; row: WebhookEventRow }> {
    const inserted = await this.#db
      .insert(webhookEvents)
      .values({ ...row, status: 'pending', attempts: 1 })
      .onConflictDoNothing()
      .returning();
    if (inserted[0]) return { fresh: true, row: inserted[0] };
    const [existing] = await this.#db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.provider, row.provider), eq(webhookEvents.eventId, row.eventId)))
      .for('update');
    if (!existing) throw new Error('webhook event vanished');
    return { fresh: false, row: existing };
  }

  async markEvent(
    provider: string,
    eventId: string,
    status: WebhookEventRow['status'],
    at: Date,
    error: string | null = null,
  ): Promise<void> {
    await this.#db
      .update(webhookEvents)
      .set({
        status,
        lastError: error,
        appliedAt: status === 'applied' ? at : null,
        attempts: sql`${webhookEvents.attempts} + 1`,
      })
      .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.eventId, eventId)));
  }

  /** Events that arrived before what they refer to (a refund before its capture), oldest first. */
  async pendingEvents(provider: string, limit: number): Promise<WebhookEventRow[]> {
    return this.#db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.status, 'pending')))
      .orderBy(asc(webhookEvents.receivedAt))
      .limit(limit);
  }
}
