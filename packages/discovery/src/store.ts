import { type Db, textArray } from '@coterie/platform';
import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Interaction } from './engine/index.ts';
import { curators, picks, trackNeighbours, trustEdges } from './schema.ts';

export type CuratorRow = typeof curators.$inferSelect;
export type PickRow = typeof picks.$inferSelect;

/** One person's signal on one track, aggregated: weeks listened, downloads, purchases, a pick. */
export interface SignalRow {
  userId: string;
  trackId: string;
  kind: 'pick' | 'listen' | 'download' | 'purchase';
  weight: number;
}

/** The trust graph around someone (see `DiscoveryStore.trustWalk`). */
export interface TrustWalk {
  edges: { truster: string; trusted: string }[];
  /** Everyone whose edges were read: the person and all within `maxDepth − 1` hops. */
  walked: string[];
  digest: string;
}

/** A track's precomputed co-listening neighbours and EASE weights, strongest first. */
export interface NeighbourRow {
  trackId: string;
  neighbours: [string, number][];
  ease: [string, number][];
}

/** What ranking needs to know about a track, and what the visibility filter needs. */
export interface TrackFacts {
  id: string;
  communityId: string;
  communityName: string;
  title: string;
  artist: string;
  publishedAt: number;
  ready: boolean;
  isPublic: boolean;
}

interface Rows<T> {
  rows: T[];
}
const rowsOf = <T>(result: unknown): T[] => (result as Rows<T>).rows;

/** Curators, trust edges, picks and the engine's precomputation. The only module here that touches the database. */
export class DiscoveryStore {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  async curatorOfUser(userId: string): Promise<CuratorRow | null> {
    const [row] = await this.#db.select().from(curators).where(eq(curators.userId, userId)).limit(1);
    return row ?? null;
  }

  async curatorById(id: string): Promise<CuratorRow | null> {
    const [row] = await this.#db.select().from(curators).where(eq(curators.id, id)).limit(1);
    return row ?? null;
  }

  async curatorByHandle(handleKey: string): Promise<CuratorRow | null> {
    const [row] = await this.#db.select().from(curators).where(eq(curators.handleKey, handleKey)).limit(1);
    return row ?? null;
  }

  async curatorsOfUsers(userIds: readonly string[]): Promise<CuratorRow[]> {
    if (userIds.length === 0) return [];
    return this.#db
      .select()
      .from(curators)
      .where(sql`${curators.userId} = any(${textArray(userIds)})`);
  }

  async insertCurator(row: typeof curators.$inferInsert): Promise<CuratorRow> {
    const [created] = await this.#db.insert(curators).values(row).returning();
    if (!created) throw new Error('curator insert returned nothing');
    return created;
  }

  async updateCurator(
    id: string,
    patch: { handle: string; handleKey: string; bio: string },
  ): Promise<CuratorRow> {
    const [row] = await this.#db
      .update(curators)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(curators.id, id))
      .returning();
    if (!row) throw new Error('curator vanished during update');
    return row;
  }

  async deleteCuratorOfUser(userId: string): Promise<boolean> {
    const rows = await this.#db
      .delete(curators)
      .where(eq(curators.userId, userId))
      .returning({ id: curators.id });
    return rows.length > 0;
  }

  /** The people `trusterId` trusts, oldest first. */
  async trustedBy(trusterId: string): Promise<(CuratorRow & { since: Date })[]> {
    const rows = await this.#db
      .select({ curator: curators, since: trustEdges.createdAt })
      .from(trustEdges)
      .innerJoin(curators, eq(curators.id, trustEdges.curatorId))
      .where(eq(trustEdges.trusterId, trusterId))
      .orderBy(trustEdges.createdAt, curators.id);
    return rows.map((r) => ({ ...r.curator, since: r.since }));
  }

  /**
   * Adds a trust edge unless the limit is reached. The truster's row is locked so two concurrent
   * requests cannot both take the last place.
   */
  async addTrust(
    trusterId: string,
    curator: CuratorRow,
    limit: number,
  ): Promise<'added' | 'exists' | 'limit'> {
    return this.#db.transaction(async (tx) => {
      await tx.execute(sql`select id from users where id = ${trusterId} for update`);
      const existing = await tx
        .select({ id: trustEdges.curatorId })
        .from(trustEdges)
        .where(eq(trustEdges.trusterId, trusterId));
      if (existing.some((e) => e.id === curator.id)) return 'exists';
      if (existing.length >= limit) return 'limit';
      await tx.insert(trustEdges).values({ trusterId, curatorId: curator.id, curatorUserId: curator.userId });
      return 'added';
    });
  }

  async removeTrust(trusterId: string, curatorId: string): Promise<boolean> {
    const rows = await this.#db
      .delete(trustEdges)
      .where(and(eq(trustEdges.trusterId, trusterId), eq(trustEdges.curatorId, curatorId)))
      .returning({ id: trustEdges.curatorId });
    return rows.length > 0;
  }

  /** Outgoing edges of many people at once: one hop of the graph walk. */
  async trustEdgesFrom(userIds: readonly string[]): Promise<{ truster: string; trusted: string }[]> {
    if (userIds.length === 0) return [];
    return this.#db
      .select({ truster: trustEdges.trusterId, trusted: trustEdges.curatorUserId })
      .from(trustEdges)
      .where(sql`${trustEdges.trusterId} = any(${textArray(userIds)})`);
  }

  /**
   * The trust graph around a person in one round trip: the outgoing edges of everyone fewer than
   * `maxDepth` hops away (them included), which is what a walk of `maxDepth` hops follows, with
   * who those people are and a digest of their edges (see `feedStamps`). One hop per query cost a
   * round trip each, the last one waiting on the two before it.
   */
  async trustWalk(userId: string, maxDepth: number): Promise<TrustWalk> {
    if (maxDepth <= 0) return { edges: [], walked: [], digest: EMPTY_DIGEST };
    // `= any(<one array>)` keeps the edges' read an index scan however badly the walk's size is guessed.
    const rows = rowsOf<{ truster: string | null; trusted: string; walked: string[] | null; digest: string }>(
      await this.#db.execute(sql`
        with recursive walk(id, depth) as (
          select ${userId}::text, 0
          union all
          select e.curator_user_id, w.depth + 1
          from walk w join trust_edges e on e.truster_id = w.id
          where w.depth < ${maxDepth - 1}
        ),
        w as (select array(select distinct id from walk) as ids),
        e as (
          select truster_id, curator_user_id from trust_edges where truster_id = any((select ids from w)::text[])
        )
        select truster_id as truster, curator_user_id as trusted, null::text[] as walked, null as digest from e
        union all
        select null, null, (select ids from w), (${EDGE_DIGEST_OF_E})`),
    );
    const edges: { truster: string; trusted: string }[] = [];
    let walked: string[] = [];
    let digest = EMPTY_DIGEST;
    for (const row of rows) {
      if (row.truster !== null) edges.push({ truster: row.truster, trusted: row.trusted });
      else {
        walked = row.walked ?? [];
        digest = row.digest ?? EMPTY_DIGEST;
      }
    }
    return { edges, walked, digest };
  }

  /**
   * What `trustWalk` would digest the edges of these walked people as now, and `interactionsOf`
   * would stamp these people's summaries with, in one statement. The same edges out of the same
   * people mean the same walk: it can only reach someone new through a new edge out of them.
   */
  async feedStamps(
    walked: readonly string[],
    people: readonly string[],
  ): Promise<{ digest: string; stamp: string }> {
    const rows = rowsOf<{ digest: string; stamp: string }>(
      await this.#db.execute(sql`
        with e as (
          select truster_id, curator_user_id from trust_edges where truster_id = any(${textArray(walked)})
        ),
        s as (select user_id, updated_at from signal_summaries where user_id = any(${textArray(people)}))
        select (${EDGE_DIGEST_OF_E}) as digest, (${STAMP_OF_S}) as stamp`),
    );
    return { digest: rows[0]?.digest ?? EMPTY_DIGEST, stamp: rows[0]?.stamp ?? EMPTY_DIGEST };
  }

  async trustersOf(curatorUserId: string): Promise<number> {
    const [row] = await this.#db
      .select({ n: sql<number>`count(*)::int` })
      .from(trustEdges)
      .where(eq(trustEdges.curatorUserId, curatorUserId));
    return row?.n ?? 0;
  }

  async upsertPick(row: typeof picks.$inferInsert): Promise<{ pick: PickRow; created: boolean }> {
    const [existing] = await this.#db
      .select()
      .from(picks)
      .where(and(eq(picks.userId, row.userId), eq(picks.trackId, row.trackId)))
      .limit(1);
    if (existing) {
      const [updated] = await this.#db
        .update(picks)
        .set({ note: row.note ?? '' })
        .where(eq(picks.id, existing.id))
        .returning();
      return { pick: updated ?? existing, created: false };
    }
    const [created] = await this.#db.insert(picks).values(row).onConflictDoNothing().returning();
    if (created) return { pick: created, created: true };
    // Lost a race with the same pick: the other request's row is the pick.
    const [winner] = await this.#db
      .select()
      .from(picks)
      .where(and(eq(picks.userId, row.userId), eq(picks.trackId, row.trackId)));
    if (!winner) throw new Error('pick vanished');
    return { pick: winner, created: false };
  }

  async deletePick(userId: string, pickId: string): Promise<boolean> {
    const rows = await this.#db
      .delete(picks)
      .where(and(eq(picks.id, pickId), eq(picks.userId, userId)))
      .returning({ id: picks.id });
    return rows.length > 0;
  }

  /** Newest first, keyset-paged by (created_at, id). */
  async picksOf(
    userId: string,
    options: { before: { at: Date; id: string } | null; limit: number },
  ): Promise<PickRow[]> {
    const before = options.before;
    return this.#db
      .select()
      .from(picks)
      .where(
        and(
          eq(picks.userId, userId),
          before
            ? or(lt(picks.createdAt, before.at), and(eq(picks.createdAt, before.at), lt(picks.id, before.id)))
            : undefined,
        ),
      )
      .orderBy(desc(picks.createdAt), desc(picks.id))
      .limit(options.limit);
  }

  async pickCount(userId: string): Promise<number> {
    const [row] = await this.#db
      .select({ n: sql<number>`count(*)::int` })
      .from(picks)
      .where(eq(picks.userId, userId));
    return row?.n ?? 0;
  }

  async picksOfUsersForTracks(
    userIds: readonly string[],
    trackIds: readonly string[],
  ): Promise<{ userId: string; trackId: string; note: string }[]> {
    if (userIds.length === 0 || trackIds.length === 0) return [];
    return this.#db
      .select({ userId: picks.userId, trackId: picks.trackId, note: picks.note })
      .from(picks)
      .where(
        and(
          sql`${picks.userId} = any(${textArray(userIds)})`,
          sql`${picks.trackId} = any(${textArray(trackIds)})`,
        ),
      );
  }

  async erasePicksOf(userId: string): Promise<void> {
    await this.#db.delete(picks).where(eq(picks.userId, userId));
  }

  /**
   * What these people did with tracks, one row per (person, track, kind): the engine's input, from
   * their summaries. Only the `perUser` most recent are read, which bounds the cost of a large
   * neighbourhood without losing what they care about now.
   */
  async signalsOf(userIds: readonly string[], perUser: number): Promise<SignalRow[]> {
    if (userIds.length === 0) return [];
    const rows = rowsOf<{ userId: string; signals: [string, SignalRow['kind'], number][] }>(
      await this.#db.execute(sql`
        select user_id as "userId", signals from signal_summaries where user_id = any(${textArray(userIds)})`),
    );
    const out: SignalRow[] = [];
    const summarised = new Set<string>();
    for (const row of rows) {
      summarised.add(row.userId);
      for (const [trackId, kind, weight] of row.signals.slice(0, perUser)) {
        out.push({ userId: row.userId, trackId, kind, weight });
      }
    }
    const missing = userIds.filter((id) => !summarised.has(id));
    if (missing.length > 0) out.push(...(await this.liveSignalsOf(missing, perUser)));
    return out;
  }

  /**
   * `signalsOf`, as the engine reads them: one list per person, built straight from the summaries'
   * triples (a neighbourhood is some 20,000 of them; one object each, not two).
   */
  async interactionsOf(
    userIds: readonly string[],
    perUser: number,
  ): Promise<{ signals: Map<string, Interaction[]>; stamp: string }> {
    const out = new Map<string, Interaction[]>();
    if (userIds.length === 0) return { signals: out, stamp: EMPTY_DIGEST };
    // The stamp is read in the same statement, so it describes exactly the summaries returned.
    const rows = rowsOf<{ userId: string; signals: [string, SignalRow['kind'], number][]; stamp: string }>(
      await this.#db.execute(sql`
        with s as (
          select user_id, signals, updated_at from signal_summaries where user_id = any(${textArray(userIds)})
        )
        select user_id as "userId", signals, (${STAMP_OF_S}) as stamp from s`),
    );
    for (const row of rows) {
      const list: Interaction[] = [];
      const n = Math.min(perUser, row.signals.length);
      for (let i = 0; i < n; i++) {
        const [item, kind, weight] = row.signals[i] as [string, SignalRow['kind'], number];
        list.push({ item, weight, kind });
      }
      if (list.length > 0) out.set(row.userId, list);
    }
    const summarised = new Set(rows.map((r) => r.userId));
    const missing = userIds.filter((id) => !summarised.has(id));
    for (const row of await this.liveSignalsOf(missing, perUser)) {
      let list = out.get(row.userId);
      if (!list) {
        list = [];
        out.set(row.userId, list);
      }
      list.push({ item: row.trackId, weight: row.weight, kind: row.kind });
    }
    return { signals: out, stamp: rows[0]?.stamp ?? EMPTY_DIGEST };
  }

  /** The same signals computed from the events themselves: for people not summarised yet, and for the viewer. */
  async liveSignalsOf(userIds: readonly string[], perUser: number): Promise<SignalRow[]> {
    if (userIds.length === 0) return [];
    return rowsOf<SignalRow>(
      await this.#db.execute(sql`
        select user_id as "userId", track_id as "trackId", kind, weight
        from (${rankedSignals(textArray(userIds))}) ranked where n <= ${perUser}
        order by user_id, n`),
    );
  }

  /** Rewrites these people's summaries from their events (an empty list for people with none). */
  async refreshSignalSummaries(userIds: readonly string[], perUser: number): Promise<void> {
    if (userIds.length === 0) return;
    const ids = textArray(userIds);
    await this.#db.execute(sql`
      with agg as (
        select user_id, jsonb_agg(jsonb_build_array(track_id, kind, weight) order by n) as signals
        from (${rankedSignals(ids)}) ranked where n <= ${perUser}
        group by user_id
      )
      insert into signal_summaries (user_id, signals, updated_at)
      select u.id, coalesce(agg.signals, '[]'::jsonb), now()
      from users u left join agg on agg.user_id = u.id
      where u.id = any(${ids})
      on conflict (user_id) do update set signals = excluded.signals, updated_at = excluded.updated_at`);
  }

  /** Every account id after `after`, in id order (for refreshing summaries in batches). */
  async userIdsAfter(after: string, limit: number): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await this.#db.execute(sql`select id from users where id > ${after} order by id limit ${limit}`),
    );
    return rows.map((r) => r.id);
  }

  /** Every signal on the instance, page by page in a stable order (for the background rebuild). */
  async signalPage(
    after: { userId: string; trackId: string; kind: string } | null,
    limit: number,
  ): Promise<SignalRow[]> {
    const cursor = after
      ? sql`where (user_id, track_id, kind) > (${after.userId}, ${after.trackId}, ${after.kind})`
      : sql``;
    return rowsOf<SignalRow>(
      await this.#db.execute(sql`
        select user_id as "userId", track_id as "trackId", kind, weight from (
          select user_id, track_id, 'pick' as kind, 1 as weight from picks
          union all
          select user_id, track_id, kind, count(*)::int as weight from track_events
            group by user_id, track_id, kind
        ) s ${cursor}
        order by user_id, track_id, kind
        limit ${limit}`),
    );
  }

  async neighboursOf(trackIds: readonly string[]): Promise<NeighbourRow[]> {
    if (trackIds.length === 0) return [];
    return this.#db
      .select({
        trackId: trackNeighbours.trackId,
        neighbours: trackNeighbours.neighbours,
        ease: trackNeighbours.ease,
      })
      .from(trackNeighbours)
      .where(sql`${trackNeighbours.trackId} = any(${textArray(trackIds)})`);
  }

  /** Facts for ranking: artist, publication, whether anyone outside the community may hear it, popularity. */
  async trackFacts(trackIds: readonly string[]): Promise<(TrackFacts & { popularity: number })[]> {
    if (trackIds.length === 0) return [];
    const ids = textArray(trackIds);
    const rows = rowsOf<{
      id: string;
      communityId: string;
      communityName: string;
      title: string;
      artist: string;
      publishedAt: Date | string;
      ready: boolean;
      isPublic: boolean;
      popularity: number | null;
    }>(
      await this.#db.execute(sql`
        select t.id, t.community_id as "communityId", c.name as "communityName", t.title, t.artist,
               coalesce(t.ready_at, t.created_at) as "publishedAt",
               t.status = 'ready' as ready,
               (t.visibility = 'public' and c.visibility = 'public') as "isPublic",
               n.popularity
        from tracks t
        join communities c on c.id = t.community_id
        left join track_neighbours n on n.track_id = t.id
        where t.id = any(${ids})`),
    );
    return rows.map((r) => ({
      ...r,
      publishedAt: new Date(r.publishedAt).getTime(),
      popularity: r.popularity ?? 0,
    }));
  }

  /** Newest ready tracks anyone may hear, or that the person's communities share with members. */
  async freshTracks(communityIds: readonly string[], limit: number): Promise<string[]> {
    const mine = textArray(communityIds);
    const rows = rowsOf<{ id: string }>(
      await this.#db.execute(sql`
        select t.id from tracks t join communities c on c.id = t.community_id
        where t.status = 'ready'
          and ((t.visibility = 'public' and c.visibility = 'public') or t.community_id = any(${mine}))
        order by coalesce(t.ready_at, t.created_at) desc, t.id desc
        limit ${limit}`),
    );
    return rows.map((r) => r.id);
  }

  /** When the precomputation last ran (null: never, or nothing to compute from). */
  async lastRebuildAt(): Promise<Date | null> {
    const rows = rowsOf<{ at: Date | string | null }>(
      await this.#db.execute(sql`select max(computed_at) as at from track_neighbours`),
    );
    const at = rows[0]?.at;
    return at ? new Date(at) : null;
  }

  async userCount(): Promise<number> {
    const rows = rowsOf<{ n: number }>(await this.#db.execute(sql`select count(*)::int as n from users`));
    return rows[0]?.n ?? 0;
  }

  /** Replaces the whole precomputation in one transaction, so readers never see half of it. */
  async replaceNeighbours(
    rows: readonly {
      trackId: string;
      neighbours: [string, number][];
      ease: [string, number][];
      popularity: number;
    }[],
  ): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.execute(sql`delete from track_neighbours`);
      for (let i = 0; i < rows.length; i += 1000) {
        const batch = rows.slice(i, i + 1000);
        const values = sql.join(
          batch.map(
            (r) =>
              sql`(${r.trackId}, (select community_id from tracks where id = ${r.trackId}), ${JSON.stringify(r.neighbours)}::jsonb, ${JSON.stringify(r.ease)}::jsonb, ${r.popularity}::int)`,
          ),
          sql`, `,
        );
        // A track deleted since the read has no community: skip it rather than fail the rebuild.
        await tx.execute(sql`
          insert into track_neighbours (track_id, community_id, neighbours, ease, popularity)
          select * from (values ${values}) v(track_id, community_id, neighbours, ease, popularity)
          where community_id is not null`);
      }
    });
  }

  /**
   * Curator profiles whose picks or plays share tracks with these, by overlap (not by popularity).
   * The sample names only shared tracks the curator picked: picks are public, plays are not.
   */
  async curatorsSharing(
    trackIds: readonly string[],
    excludeUserIds: readonly string[],
    limit: number,
  ): Promise<{ userId: string; shared: number; sample: string[] }[]> {
    if (trackIds.length === 0) return [];
    const ids = textArray(trackIds);
    const exclude = textArray(excludeUserIds);
    return rowsOf<{ userId: string; shared: number; sample: string[] }>(
      await this.#db.execute(sql`
        select s.user_id as "userId", count(distinct s.track_id)::int as shared,
               coalesce((array_agg(distinct s.track_id) filter (where s.picked))[1:3], '{}') as sample
        from (
          select user_id, track_id, true as picked from picks where track_id = any(${ids})
          union all
          select user_id, track_id, false as picked from track_events where track_id = any(${ids})
        ) s
        join curators c on c.user_id = s.user_id
        where s.user_id <> all(${exclude})
        group by s.user_id
        order by shared desc, s.user_id
        limit ${limit}`),
    );
  }

  /** How many distinct tracks each of these people has signals on (for overlap normalisation). */
  async breadthOf(userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const ids = textArray(userIds);
    const rows = rowsOf<{ userId: string; n: number }>(
      await this.#db.execute(sql`
        select user_id as "userId", count(distinct track_id)::int as n from (
          select user_id, track_id from picks where user_id = any(${ids})
          union all
          select user_id, track_id from track_events where user_id = any(${ids})
        ) s group by user_id`),
    );
    return new Map(rows.map((r) => [r.userId, r.n]));
  }

  async recentCurators(excludeUserIds: readonly string[], limit: number): Promise<CuratorRow[]> {
    return this.#db
      .select()
      .from(curators)
      .where(sql`${curators.userId} <> all(${textArray(excludeUserIds)})`)
      .orderBy(desc(curators.updatedAt), curators.id)
      .limit(limit);
  }
}

/**
 * Digests for change detection (one expression for both the read and its check, so the same rows
 * always give the same digest), not security: a count and a sum of 64-bit hashes, so no sort of a
 * thousand edges (the sorted `md5(string_agg(...))` took half of the walk's 6 ms). The same set of
 * rows gives the same digest in any order; a changed row changes it, barring a 2^-64 coincidence.
 */
const digestOf = (row: string, cte: string): SQL =>
  sql.raw(`select count(*) || ':' || coalesce(sum(hashtextextended(${row}, 0)), 0) from ${cte}`);

/** What `digestOf` gives for no rows. */
const EMPTY_DIGEST = '0:0';

/** The trust edges in a CTE named `e`. */
const EDGE_DIGEST_OF_E = digestOf(`truster_id || '>' || curator_user_id`, 'e');

/** The summaries in a CTE named `s`: who, and when each was last written. */
const STAMP_OF_S = digestOf(`user_id || ' ' || updated_at::text`, 's');

/**
 * One row per (person, track, kind) with a recency rank per person. Listens count weeks (each ISO
 * week once), so replaying a song all day is one week's signal.
 */
function rankedSignals(ids: SQL): SQL {
  return sql`
    select user_id, track_id, kind, weight,
           row_number() over (partition by user_id order by last_at desc, track_id, kind) as n
    from (
      select user_id, track_id, 'pick' as kind, 1 as weight, created_at as last_at
        from picks where user_id = any(${ids})
      union all
      select user_id, track_id, kind, count(*)::int as weight, max(last_at) as last_at
        from track_events where user_id = any(${ids})
        group by user_id, track_id, kind
    ) s`;
}
