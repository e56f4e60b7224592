import type { Db } from '@coterie/platform';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { ledgerMonths } from './schema.ts';
import type { StatementRow } from './store.ts';

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Reads of the ledger for earnings: the statement kept on write, its recomputation, balances. */
export class StatementStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
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
}
