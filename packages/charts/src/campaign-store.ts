import type { Db } from '@coterie/platform';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { memberships } from '../../communities/src/schema.ts';
import { campaignBackers, campaigns } from './schema.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Campaigns and their backers; measures progress where support and money are kept. */
export class CampaignStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async insert(row: typeof campaigns.$inferInsert): Promise<CampaignRow> {
    const [created] = await this.#db.insert(campaigns).values(row).returning();
    if (!created) throw new Error('campaign insert returned nothing');
    return created;
  }

  async get(id: string): Promise<CampaignRow | null> {
    return (await this.#db.select().from(campaigns).where(eq(campaigns.id, id)))[0] ?? null;
  }

  async ofCommunity(communityId: string): Promise<CampaignRow[]> {
    return this.#db
      .select()
      .from(campaigns)
      .where(eq(campaigns.communityId, communityId))
      .orderBy(desc(campaigns.endsAt))
      .limit(200);
  }

  /** Ended and not settled yet, across the instance. */
  async due(now: Date): Promise<CampaignRow[]> {
    return this.#db
      .select()
      .from(campaigns)
      .where(and(sql`${campaigns.outcome} is null`, sql`${campaigns.endsAt} <= ${now.toISOString()}`))
      .orderBy(asc(campaigns.endsAt))
      .limit(500);
  }

  /** Settles once: a second settle of the same campaign changes nothing. */
  async settle(id: string, outcome: 'succeeded' | 'failed', value: number | null, at: Date): Promise<void> {
    await this.#db
      .update(campaigns)
      .set({ outcome, finalValue: value, settledAt: at })
      .where(and(eq(campaigns.id, id), sql`${campaigns.outcome} is null`));
  }

  async join(row: typeof campaignBackers.$inferInsert): Promise<void> {
    await this.#db
      .insert(campaignBackers)
      .values(row)
      .onConflictDoUpdate({
        target: [campaignBackers.campaignId, campaignBackers.userId],
        set: { shown: row.shown },
      });
  }

  async backedBy(
    userId: string,
  ): Promise<{ campaignId: string; title: string; shown: boolean; joinedAt: Date }[]> {
    return this.#db
      .select({
        campaignId: campaignBackers.campaignId,
        title: campaigns.title,
        shown: campaignBackers.shown,
        joinedAt: campaignBackers.joinedAt,
      })
      .from(campaignBackers)
      .innerJoin(campaigns, eq(campaigns.id, campaignBackers.campaignId))
      .where(eq(campaignBackers.userId, userId));
  }

  async eraseBackerOf(userId: string): Promise<void> {
    await this.#db.delete(campaignBackers).where(eq(campaignBackers.userId, userId));
  }

  async voidOf(userId: string): Promise<{ reason: string; createdAt: Date } | null> {
    const [row] = rowsOf<{ reason: string; createdAt: string }>(
      await this.#db.execute(
        sql`select reason, created_at as "createdAt" from chart_voids where user_id = ${userId}`,
      ),
    );
    return row ? { reason: row.reason, createdAt: new Date(row.createdAt) } : null;
  }

  async leave(campaignId: string, userId: string): Promise<void> {
    await this.#db
      .delete(campaignBackers)
      .where(and(eq(campaignBackers.campaignId, campaignId), eq(campaignBackers.userId, userId)));
  }

  async backers(
    campaignId: string,
    viewerId: string | null,
  ): Promise<{ count: number; shown: { handle: string }[]; mine: { shown: boolean } | null }> {
    const [counts] = rowsOf<{ n: number; mine: boolean | null }>(
      await this.#db.execute(sql`
        select count(*)::int as n, bool_or(shown) filter (where user_id = ${viewerId ?? ''}) as mine
        from campaign_backers where campaign_id = ${campaignId}`),
    );
    const shown = await this.#db
      .select({ handle: memberships.handle })
      .from(campaignBackers)
      .innerJoin(
        memberships,
        and(
          eq(memberships.communityId, campaignBackers.communityId),
          eq(memberships.userId, campaignBackers.userId),
        ),
      )
      .where(and(eq(campaignBackers.campaignId, campaignId), eq(campaignBackers.shown, true)))
      .orderBy(asc(campaignBackers.joinedAt))
      .limit(60);
    const mine = counts?.mine;
    return {
      count: Number(counts?.n ?? 0),
      shown,
      mine: mine === null || mine === undefined ? null : { shown: mine },
    };
  }

  /**
   * Distinct people who supported the track (or any of the community's tracks) between two moments,
   * by the charts' rules: listens, downloads, purchases and picks; never the team or voided accounts.
   */
  async supporters(communityId: string, trackId: string | null, from: Date, to: Date): Promise<number> {
    const f = from.toISOString();
    const t = to.toISOString();
    const track = (column: string) => (trackId ? sql`and ${sql.raw(column)} = ${trackId}` : sql``);
    const [row] = rowsOf<{ n: number }>(
      await this.#db.execute(sql`
        with ev as (
          select user_id from track_events te
            where te.community_id = ${communityId} and te.last_at >= ${f} and te.first_at < ${t} ${track('te.track_id')}
          union
          select p.user_id from purchases p left join tracks tr on tr.release_id = p.item_id and p.item_type = 'release'
            where p.community_id = ${communityId} and not p.refunded and p.user_id is not null
              and p.item_type in ('track', 'release') and p.created_at >= ${f} and p.created_at < ${t}
              ${trackId ? sql`and (p.item_id = ${trackId} or tr.id = ${trackId})` : sql``}
          union
          select pk.user_id from picks pk
            where pk.community_id = ${communityId} and pk.created_at >= ${f} and pk.created_at < ${t} ${track('pk.track_id')}
        )
        select count(distinct ev.user_id)::int as n from ev
        where not exists (select 1 from chart_voids v where v.user_id = ev.user_id)
          and not exists (select 1 from memberships m where m.community_id = ${communityId}
                          and m.user_id = ev.user_id and m.role in ('owner', 'moderator'))`),
    );
    return Number(row?.n ?? 0);
  }

  /** What reached the community between two moments, in minor units: captures less refunds and disputes, from the ledger. */
  async raised(communityId: string, currency: string, from: Date, to: Date): Promise<number> {
    const [row] = rowsOf<{ n: number | string }>(
      await this.#db.execute(sql`
        select coalesce(sum(amount_minor), 0)::float8 as n from ledger_postings
        where community_id = ${communityId} and account = ${`clearing:${currency}`}
          and occurred_at >= ${from.toISOString()} and occurred_at < ${to.toISOString()}`),
    );
    return Number(row?.n ?? 0);
  }

  /** The best (lowest) rank a track reached on a chart in closed weeks from `fromWeek` to `toWeek`. */
  async bestRank(trackId: string, scope: string, fromWeek: string, toWeek: string): Promise<number | null> {
    const [row] = rowsOf<{ best: number | null }>(
      await this.#db.execute(sql`
        select min(e.rank)::int as best from chart_entries e
        where e.track_id = ${trackId} and e.scope = ${scope} and e.week >= ${fromWeek} and e.week <= ${toWeek}
          and e.revision = (select max(ed.revision) from chart_editions ed where ed.week = e.week and ed.scope = e.scope)`),
    );
    return row?.best ?? null;
  }
}
