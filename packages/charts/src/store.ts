import { type ChangeFeed, type Db, ReadCache } from '@coterie/platform';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { communities } from '../../communities/src/schema.ts';
import type { Weights } from './chart-rules.ts';
import type { History } from './movement.ts';
import { chartEditions, chartEntries, chartVoids, chartWeeks } from './schema.ts';
import { type TallyRow, type TallyScope, type TallyWindow, tallySql } from './tally-query.ts';

export type EntryRow = typeof chartEntries.$inferSelect;
export type EditionRow = typeof chartEditions.$inferSelect;

export interface TrackInfo {
  id: string;
  communityId: string;
  communitySlug: string;
  title: string;
  artist: string;
}

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

// Any 32-bit number of our own: the namespace of the chart-closing advisory locks.
const LOCK_SPACE = 0x43485254;

/**
 * Charts, their editions and voids. Tallies read the running aggregates the database keeps on
 * every write of music's, billing's and discovery's support (triggers, migration 0018).
 */
export class ChartsStore {
  readonly #db: Db;
  /** Whether a week is closed, asked by every chart request; kept until the week's row changes. */
  readonly #closed: ReadCache<{ at: Date | null }> | null;

  /** With `changes`, the app's own store; one bound to a transaction (or a test's) reads afresh. */
  constructor(db: Db, changes: ChangeFeed | null = null) {
    this.#db = db;
    this.#closed = changes ? new ReadCache(changes, { max: 1_000, ttlMs: 5 * 60_000 }) : null;
  }

  inTransaction<T>(work: (store: ChartsStore) => Promise<T>): Promise<T> {
    return this.#db.transaction(async (tx) => work(new ChartsStore(tx as unknown as Db)));
  }

  async tallies(window: TallyWindow, scope: TallyScope, weights: Weights): Promise<TallyRow[]> {
    return rowsOf<TallyRow>(await this.#db.execute(tallySql(window, scope, weights)));
  }

  /** Recounts every aggregate from the sources (a repair; the test that holds the triggers to it). */
  async rebuildAggregates(): Promise<void> {
    await this.#db.execute(sql`select coterie_chart_aggregates_rebuild()`);
  }

  async trackInfo(ids: readonly string[]): Promise<Map<string, TrackInfo>> {
    if (ids.length === 0) return new Map();
    const rows = rowsOf<TrackInfo>(
      await this.#db.execute(sql`
        select t.id, t.community_id as "communityId", c.slug as "communitySlug", t.title, t.artist
        from tracks t join communities c on c.id = t.community_id
        where t.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`),
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  // Weeks

  /** Serialises closers of one week across processes; released when the transaction ends. */
  async lockWeek(week: string): Promise<void> {
    await this.#db.execute(sql`select pg_advisory_xact_lock(${LOCK_SPACE}::int, hashtext(${week}))`);
  }

  /** True for the one caller that closes the week; false if it was closed already. */
  async claimWeek(week: string, at: Date): Promise<boolean> {
    const rows = await this.#db
      .insert(chartWeeks)
      .values({ week, closedAt: at })
      .onConflictDoNothing()
      .returning({ week: chartWeeks.week });
    return rows.length === 1;
  }

  async closedAt(week: string): Promise<Date | null> {
    const load = async (): Promise<{ at: Date | null }> => {
      const [row] = await this.#db.select().from(chartWeeks).where(eq(chartWeeks.week, week));
      return { at: row?.closedAt ?? null };
    };
    const found = this.#closed ? await this.#closed.get(week, load, () => [`w:${week}`]) : await load();
    return found.at;
  }

  async lastClosedWeek(): Promise<string | null> {
    const [row] = await this.#db.select().from(chartWeeks).orderBy(desc(chartWeeks.week)).limit(1);
    return row?.week ?? null;
  }

  /** Closed weeks, newest first: the chart archive. */
  async closedWeeks(limit: number): Promise<{ week: string; closedAt: Date }[]> {
    return this.#db.select().from(chartWeeks).orderBy(desc(chartWeeks.week)).limit(limit);
  }

  async closedWeeksSince(week: string): Promise<string[]> {
    const rows = await this.#db
      .select({ week: chartWeeks.week })
      .from(chartWeeks)
      .where(sql`${chartWeeks.week} >= ${week}`)
      .orderBy(asc(chartWeeks.week));
    return rows.map((r) => r.week);
  }

  /** The first week anything could count in, or null on an instance without support yet. */
  async earliestEventWeek(): Promise<string | null> {
    const rows = rowsOf<{ week: string | null }>(
      await this.#db.execute(sql`select min(week) as week from track_events`),
    );
    return rows[0]?.week ?? null;
  }

  // Editions and entries

  async insertEdition(row: EditionRow, entries: EntryRow[]): Promise<void> {
    await this.#db.insert(chartEditions).values(row);
    for (let i = 0; i < entries.length; i += 500) {
      await this.#db.insert(chartEntries).values(entries.slice(i, i + 500));
    }
  }

  /** The latest edition of a closed chart, or null if nothing was published for it. */
  async latestEdition(week: string, scope: string): Promise<EditionRow | null> {
    const [row] = await this.#db
      .select()
      .from(chartEditions)
      .where(and(eq(chartEditions.week, week), eq(chartEditions.scope, scope)))
      .orderBy(desc(chartEditions.revision))
      .limit(1);
    return row ?? null;
  }

  async editions(week: string, scope: string): Promise<EditionRow[]> {
    return this.#db
      .select()
      .from(chartEditions)
      .where(and(eq(chartEditions.week, week), eq(chartEditions.scope, scope)))
      .orderBy(asc(chartEditions.revision));
  }

  /** A published chart's entries, with each community's current slug for links. */
  async entries(
    week: string,
    scope: string,
    revision: number,
  ): Promise<(EntryRow & { communitySlug: string })[]> {
    const rows = await this.#db
      .select({ entry: chartEntries, slug: communities.slug })
      .from(chartEntries)
      .leftJoin(communities, eq(communities.id, chartEntries.communityId))
      .where(
        and(eq(chartEntries.week, week), eq(chartEntries.scope, scope), eq(chartEntries.revision, revision)),
      )
      .orderBy(asc(chartEntries.rank));
    return rows.map((r) => ({ ...r.entry, communitySlug: r.slug ?? '' }));
  }

  /** Where each track stood before `week` on this chart (latest editions only). */
  async history(
    scope: string,
    week: string,
    previous: string,
    trackIds: readonly string[],
  ): Promise<Map<string, History>> {
    const out = new Map<string, History>();
    if (trackIds.length === 0) return out;
    const rows = rowsOf<{ trackId: string; weeks: number; peak: number; previousRank: number | null }>(
      await this.#db.execute(sql`
        select e.track_id as "trackId", count(*)::int as weeks, min(e.rank)::int as peak,
               min(e.rank) filter (where e.week = ${previous})::int as "previousRank"
        from chart_entries e
        where e.scope = ${scope} and e.week < ${week}
          and e.track_id in (${sql.join(
            trackIds.map((id) => sql`${id}`),
            sql`, `,
          )})
          and e.revision = (select max(ed.revision) from chart_editions ed where ed.week = e.week and ed.scope = e.scope)
        group by e.track_id`),
    );
    for (const r of rows) {
      out.set(r.trackId, { previousRank: r.previousRank, weeksBefore: r.weeks, peakBefore: r.peak });
    }
    return out;
  }

  /** A track's closed weeks on a chart, oldest first: its chart run. */
  async run(trackId: string, scope: string): Promise<{ week: string; rank: number }[]> {
    return rowsOf<{ week: string; rank: number }>(
      await this.#db.execute(sql`
        select e.week, e.rank from chart_entries e
        where e.track_id = ${trackId} and e.scope = ${scope}
          and e.revision = (select max(ed.revision) from chart_editions ed where ed.week = e.week and ed.scope = e.scope)
        order by e.week limit 520`),
    );
  }

  /** Closed weeks and scopes in which an account's support reached a chart, for corrections. */
  async scopesTouchedBy(userId: string): Promise<{ week: string; communityIds: string[] }[]> {
    const rows = rowsOf<{ week: string; communityId: string }>(
      await this.#db.execute(sql`
        with touched as (
          select week, community_id from track_events where user_id = ${userId}
          union
          select to_char(created_at at time zone 'UTC', 'IYYY-"W"IW'), community_id from picks where user_id = ${userId}
          union
          select to_char(created_at at time zone 'UTC', 'IYYY-"W"IW'), community_id from purchases where user_id = ${userId}
        )
        select distinct t.week, t.community_id as "communityId"
        from touched t join chart_weeks w on w.week = t.week`),
    );
    const byWeek = new Map<string, string[]>();
    for (const r of rows) byWeek.set(r.week, [...(byWeek.get(r.week) ?? []), r.communityId]);
    return [...byWeek].map(([week, communityIds]) => ({ week, communityIds }));
  }

  // Voids

  async userExists(userId: string): Promise<boolean> {
    const rows = rowsOf<{ n: number }>(
      await this.#db.execute(sql`select count(*)::int as n from users where id = ${userId}`),
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  async void(userId: string, reason: string, by: string, at: Date): Promise<boolean> {
    const rows = await this.#db
      .insert(chartVoids)
      .values({ userId, reason, voidedBy: by, createdAt: at })
      .onConflictDoNothing()
      .returning({ userId: chartVoids.userId });
    return rows.length === 1;
  }

  async voids(): Promise<(typeof chartVoids.$inferSelect)[]> {
    return this.#db.select().from(chartVoids).orderBy(desc(chartVoids.createdAt)).limit(500);
  }

  /** Supporters of a track in a week whose account was under 48 hours old: what an admin reviews. */
  async freshSupporters(
    window: { start: Date; end: Date; week: string },
    trackId: string,
  ): Promise<{ userId: string; displayName: string; createdAt: Date; voided: boolean }[]> {
    const rows = rowsOf<{ userId: string; displayName: string; createdAt: string; voided: boolean }>(
      await this.#db.execute(sql`
        with ev as (
          select user_id, first_at as at from track_events where week = ${window.week} and track_id = ${trackId}
          union all
          select user_id, created_at from picks
            where track_id = ${trackId} and created_at >= ${window.start.toISOString()} and created_at < ${window.end.toISOString()}
        )
        select u.id as "userId", u.display_name as "displayName", u.created_at as "createdAt",
               exists (select 1 from chart_voids v where v.user_id = u.id) as voided
        from (select user_id, min(at) as at from ev group by user_id) f
        join users u on u.id = f.user_id
        where f.at - u.created_at < interval '48 hours'
        order by u.created_at limit 500`),
    );
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  }

  async entriesOfTrack(trackId: string, weeks: readonly string[]): Promise<EntryRow[]> {
    if (weeks.length === 0) return [];
    return this.#db
      .select()
      .from(chartEntries)
      .where(and(eq(chartEntries.trackId, trackId), inArray(chartEntries.week, [...weeks])))
      .orderBy(desc(chartEntries.week), desc(chartEntries.revision));
  }

  async before(week: string): Promise<string | null> {
    const [row] = await this.#db
      .select({ week: chartWeeks.week })
      .from(chartWeeks)
      .where(lt(chartWeeks.week, week))
      .orderBy(desc(chartWeeks.week))
      .limit(1);
    return row?.week ?? null;
  }
}
