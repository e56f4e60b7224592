import { type Db, type ItemType, itemKey, type ReadCache } from '@coterie/platform';
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { products, purchases } from './schema.ts';

export type ProductRow = typeof products.$inferSelect;
export type PurchaseRow = typeof purchases.$inferSelect;

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

export interface PurchaseListRow {
  id: string;
  itemType: ItemType;
  itemId: string;
  title: string | null;
  returnPath: string | null;
  communitySlug: string | null;
  communityName: string | null;
  amountMinor: number;
  currency: string;
  refunded: boolean;
  createdAt: Date;
  paymentId: string;
}

export interface PaymentListRow {
  id: string;
  kind: 'subscription' | 'purchase';
  checkoutTitle: string | null;
  tierName: string | null;
  communitySlug: string | null;
  communityName: string | null;
  grossMinor: number;
  refundedMinor: number;
  currency: string;
  capturedAt: Date;
  provider: string;
  providerChargeId: string;
  artistShareBps: number;
  buyerName: string | null;
}

/** The tiers a member reaches, and until when (the earliest end of the periods that reach them). */
export interface Reach {
  readonly tiers: ReadonlySet<string>;
  readonly until: number;
}

/** Products, purchases and what a live subscription reaches. Bound to a transaction when given one. */
export class CommerceStore {
  readonly #db: Db;
  readonly #reach: ReadCache<Reach> | null;

  /** `reach` caches tier access for the app's own store; one bound to a transaction reads afresh. */
  constructor(db: Db, reach: ReadCache<Reach> | null = null) {
    this.#db = db;
    this.#reach = reach;
  }

  // Products

  async insertProduct(row: typeof products.$inferInsert): Promise<ProductRow> {
    const [created] = await this.#db.insert(products).values(row).returning();
    if (!created) throw new Error('product insert returned nothing');
    return created;
  }

  async product(id: string): Promise<ProductRow | null> {
    return (await this.#db.select().from(products).where(eq(products.id, id)))[0] ?? null;
  }

  async productsOf(communityId: string, includeArchived: boolean): Promise<ProductRow[]> {
    const where = includeArchived
      ? eq(products.communityId, communityId)
      : and(eq(products.communityId, communityId), isNull(products.archivedAt));
    return this.#db.select().from(products).where(where).orderBy(desc(products.createdAt));
  }

  async updateProduct(id: string, patch: Partial<typeof products.$inferInsert>): Promise<ProductRow | null> {
    return (await this.#db.update(products).set(patch).where(eq(products.id, id)).returning())[0] ?? null;
  }

  /** Paid, unrefunded sales per product of a community. */
  async productSales(communityId: string): Promise<Map<string, number>> {
    const rows = await this.#db
      .select({ itemId: purchases.itemId, n: sql<number>`count(*)::int` })
      .from(purchases)
      .where(
        and(
          eq(purchases.communityId, communityId),
          eq(purchases.itemType, 'product'),
          eq(purchases.refunded, false),
        ),
      )
      .groupBy(purchases.itemId);
    return new Map(rows.map((r) => [r.itemId, Number(r.n)]));
  }

  // Purchases

  async insertPurchase(row: typeof purchases.$inferInsert): Promise<void> {
    await this.#db.insert(purchases).values(row).onConflictDoNothing();
  }

  async owned(userId: string, items: readonly { type: ItemType; id: string }[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const rows = await this.#db
      .select({ itemType: purchases.itemType, itemId: purchases.itemId })
      .from(purchases)
      .where(
        and(
          eq(purchases.userId, userId),
          eq(purchases.refunded, false),
          or(
            ...[...new Set(items.map((i) => i.type))].map((type) =>
              and(
                eq(purchases.itemType, type),
                inArray(
                  purchases.itemId,
                  items.filter((i) => i.type === type).map((i) => i.id),
                ),
              ),
            ),
          ),
        ),
      );
    return new Set(rows.map((r) => itemKey(r.itemType, r.itemId)));
  }

  /** A refund of the whole payment takes back what it bought; a partial one does not. */
  async refundPurchasesOf(paymentId: string): Promise<void> {
    await this.#db.update(purchases).set({ refunded: true }).where(eq(purchases.paymentId, paymentId));
  }

  async purchasesOfUser(userId: string): Promise<PurchaseListRow[]> {
    return rowsOf<PurchaseListRow>(
      await this.#db.execute(sql`
        select p.id, p.item_type as "itemType", p.item_id as "itemId", k.title, k.return_path as "returnPath",
               c.slug as "communitySlug", c.name as "communityName", p.amount_minor::float8 as "amountMinor",
               p.currency, p.refunded, p.created_at as "createdAt", p.payment_id as "paymentId"
        from purchases p
        join payments pay on pay.id = p.payment_id
        left join checkouts k on k.id = pay.checkout_id
        left join communities c on c.id = p.community_id
        where p.user_id = ${userId}
        order by p.created_at desc, p.id desc`),
    ).map((r) => ({ ...r, amountMinor: Number(r.amountMinor), createdAt: new Date(r.createdAt) }));
  }

  /** A person's payments, newest first, with what each was for: their receipts. */
  async paymentsOfUser(userId: string, paymentId?: string): Promise<PaymentListRow[]> {
    const one = paymentId === undefined ? sql`` : sql`and pay.id = ${paymentId}`;
    return rowsOf<PaymentListRow>(
      await this.#db.execute(sql`
        select pay.id, pay.kind, k.title as "checkoutTitle", t.name as "tierName",
               c.slug as "communitySlug", c.name as "communityName",
               pay.gross_minor::float8 as "grossMinor", pay.refunded_minor::float8 as "refundedMinor",
               pay.currency, pay.captured_at as "capturedAt", pay.provider,
               pay.provider_charge_id as "providerChargeId", pay.artist_share_bps as "artistShareBps",
               u.display_name as "buyerName"
        from payments pay
        left join users u on u.id = pay.user_id
        left join checkouts k on k.id = pay.checkout_id
        left join subscriptions s on s.id = pay.subscription_id
        left join tiers t on t.id = s.tier_id
        left join communities c on c.id = pay.community_id
        where pay.user_id = ${userId} ${one}
        order by pay.captured_at desc, pay.id desc
        limit 500`),
    ).map((r) => ({
      ...r,
      grossMinor: Number(r.grossMinor),
      refundedMinor: Number(r.refundedMinor),
      capturedAt: new Date(r.capturedAt),
    }));
  }

  // Tier access

  /**
   * Tiers at or below the live subscription's price, in its currency, while its period lasts. Read
   * by every member's feed: kept until the community's tiers or subscriptions change, or the
   * period ends.
   */
  async reachableTiers(communityId: string, userId: string, now: Date): Promise<ReadonlySet<string>> {
    const load = async (): Promise<Reach> => {
      const rows = rowsOf<{ id: string; until: string | Date }>(
        await this.#db.execute(sql`
            select reach.id, s.current_period_end as until
            from subscriptions s
            join tiers mine on mine.id = s.tier_id
            join tiers reach on reach.community_id = s.community_id
              and reach.currency = mine.currency and reach.price_minor <= mine.price_minor
            where s.community_id = ${communityId} and s.user_id = ${userId}
              and s.status <> 'canceled' and s.current_period_end > ${now.toISOString()}`),
      );
      const ends = rows.map((r) => new Date(r.until).getTime());
      return { tiers: new Set(rows.map((r) => r.id)), until: ends.length ? Math.min(...ends) : Infinity };
    };
    const reach = this.#reach
      ? await this.#reach.get(
          `${communityId} ${userId}`,
          load,
          () => [`c:${communityId}`],
          (kept) => kept.until > now.getTime(),
        )
      : await load();
    return reach.tiers;
  }

  async tierOf(communityId: string, tierId: string): Promise<{ id: string; name: string } | null> {
    const rows = rowsOf<{ id: string; name: string }>(
      await this.#db.execute(
        sql`select id, name from tiers where id = ${tierId} and community_id = ${communityId}`,
      ),
    );
    return rows[0] ?? null;
  }
}
