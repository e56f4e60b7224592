import { type ChangeFeed, type Db, ReadCache } from '@coterie/platform';
import { and, asc, desc, eq, getTableColumns, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { communities, memberships } from '../../communities/src/schema.ts';
import { releases, trackEvents, tracks } from './schema.ts';

export type TrackRow = typeof tracks.$inferSelect;
export type ReleaseRow = typeof releases.$inferSelect;
export type TrackWithArtwork = TrackRow & { artworkId: string | null };
export type EventKind = 'listen' | 'download';

const trackColumns = { ...getTableColumns(tracks), artworkId: releases.artworkId };

/** Tracks, releases and listen/download events. The only module of music that touches the database. */
export class MusicStore {
  readonly #db: Db;
  // Track and release pages, the player and streams read these on every request.
  readonly #tracks: ReadCache<TrackWithArtwork | null>;
  readonly #releases: ReadCache<ReleaseRow | null>;
  readonly #releaseTracks: ReadCache<TrackWithArtwork[]>;
  constructor(db: Db, changes: ChangeFeed) {
    this.#db = db;
    this.#tracks = new ReadCache(changes, { max: 20_000, ttlMs: 5 * 60_000 });
    this.#releases = new ReadCache(changes, { max: 5_000, ttlMs: 5 * 60_000 });
    this.#releaseTracks = new ReadCache(changes, { max: 5_000, ttlMs: 5 * 60_000 });
  }

  async insertTrack(row: typeof tracks.$inferInsert): Promise<void> {
    await this.#db.insert(tracks).values(row);
  }

  async findTrack(id: string): Promise<TrackWithArtwork | null> {
    return this.#tracks.get(
      id,
      async () => {
        const [row] = await this.#db
          .select(trackColumns)
          .from(tracks)
          .leftJoin(releases, eq(releases.id, tracks.releaseId))
          .where(eq(tracks.id, id))
          .limit(1);
        return (row as TrackWithArtwork | undefined) ?? null;
      },
      (row) => (row ? [`c:${row.communityId}`] : []),
    );
  }

  /** Newest first, keyset-paged by (created_at, id); `includeUnready` for the community's team. */
  async listTracks(
    communityId: string,
    options: {
      includeUnready: boolean;
      membersOnly: boolean;
      before: { at: Date; id: string } | null;
      limit: number;
    },
  ): Promise<TrackWithArtwork[]> {
    const conditions: (SQL | undefined)[] = [eq(tracks.communityId, communityId)];
    if (!options.includeUnready) conditions.push(eq(tracks.status, 'ready'));
    if (!options.membersOnly) conditions.push(eq(tracks.visibility, 'public'));
    if (options.before) {
      conditions.push(
        or(
          lt(tracks.createdAt, options.before.at),
          and(eq(tracks.createdAt, options.before.at), lt(tracks.id, options.before.id)),
        ),
      );
    }
    return (await this.#db
      .select(trackColumns)
      .from(tracks)
      .leftJoin(releases, eq(releases.id, tracks.releaseId))
      .where(and(...conditions))
      .orderBy(desc(tracks.createdAt), desc(tracks.id))
      .limit(options.limit)) as TrackWithArtwork[];
  }

  async releaseTracks(releaseId: string): Promise<TrackWithArtwork[]> {
    return this.#releaseTracks.get(
      releaseId,
      async () =>
        (await this.#db
          .select(trackColumns)
          .from(tracks)
          .leftJoin(releases, eq(releases.id, tracks.releaseId))
          .where(eq(tracks.releaseId, releaseId))
          .orderBy(asc(tracks.position), asc(tracks.createdAt))) as TrackWithArtwork[],
      // A release's tracks are its community's; an empty one names no community and is not kept.
      (rows) => (rows[0] ? [`c:${rows[0].communityId}`] : []),
    );
  }

  async updateTrack(id: string, patch: Partial<typeof tracks.$inferInsert>): Promise<boolean> {
    const updated = await this.#db
      .update(tracks)
      .set(patch)
      .where(eq(tracks.id, id))
      .returning({ id: tracks.id });
    return updated.length === 1;
  }

  /** Marks a still-processing track ready with its renditions; false if it was deleted meanwhile. */
  async completeTrack(id: string, patch: Partial<typeof tracks.$inferInsert>): Promise<boolean> {
    const updated = await this.#db
      .update(tracks)
      .set(patch)
      .where(and(eq(tracks.id, id), eq(tracks.status, 'processing')))
      .returning({ id: tracks.id });
    return updated.length === 1;
  }

  async deleteTrack(id: string): Promise<TrackRow | null> {
    const [row] = await this.#db.delete(tracks).where(eq(tracks.id, id)).returning();
    return row ?? null;
  }

  /** Whether any track still uses this original (originals are shared by content). */
  async originalInUse(sha256: string): Promise<boolean> {
    const rows = await this.#db.execute(
      sql`select 1 from tracks where original->>'sha256' = ${sha256} limit 1`,
    );
    return (rows as unknown as { rows: unknown[] }).rows.length > 0;
  }

  async nextPosition(releaseId: string): Promise<number> {
    const [row] = await this.#db
      .select({ max: sql<number | null>`max(${tracks.position})` })
      .from(tracks)
      .where(eq(tracks.releaseId, releaseId));
    return (row?.max ?? 0) + 1;
  }

  async setOrder(releaseId: string, trackIds: readonly string[]): Promise<void> {
    await this.#db.transaction(async (tx) => {
      for (const [index, id] of trackIds.entries()) {
        await tx
          .update(tracks)
          .set({ position: index + 1 })
          .where(and(eq(tracks.id, id), eq(tracks.releaseId, releaseId)));
      }
    });
  }

  async insertRelease(row: typeof releases.$inferInsert): Promise<ReleaseRow> {
    const [inserted] = await this.#db.insert(releases).values(row).returning();
    return inserted as ReleaseRow;
  }

  async findRelease(id: string): Promise<ReleaseRow | null> {
    return this.#releases.get(
      id,
      async () => {
        const [row] = await this.#db.select().from(releases).where(eq(releases.id, id)).limit(1);
        return row ?? null;
      },
      (row) => (row ? [`c:${row.communityId}`] : []),
    );
  }

  async listReleases(communityId: string): Promise<ReleaseRow[]> {
    return this.#db
      .select()
      .from(releases)
      .where(eq(releases.communityId, communityId))
      .orderBy(sql`${releases.releaseDate} desc nulls first`, desc(releases.createdAt))
      .limit(200);
  }

  async updateRelease(id: string, patch: Partial<typeof releases.$inferInsert>): Promise<ReleaseRow | null> {
    const [row] = await this.#db.update(releases).set(patch).where(eq(releases.id, id)).returning();
    return row ?? null;
  }

  async deleteRelease(id: string): Promise<ReleaseRow | null> {
    return this.#db.transaction(async (tx) => {
      await tx.update(tracks).set({ releaseId: null, position: null }).where(eq(tracks.releaseId, id));
      const [row] = await tx.delete(releases).where(eq(releases.id, id)).returning();
      return row ?? null;
    });
  }

  /** Counts an event once per account, track, kind and week; later ones only add to `repeats`. */
  async recordEvent(event: {
    communityId: string;
    trackId: string;
    userId: string;
    kind: EventKind;
    week: string;
    at: Date;
  }): Promise<{ counted: boolean }> {
    const rows = await this.#db
      .insert(trackEvents)
      .values({ ...event, firstAt: event.at, lastAt: event.at })
      .onConflictDoUpdate({
        target: [trackEvents.trackId, trackEvents.userId, trackEvents.kind, trackEvents.week],
        set: { repeats: sql`${trackEvents.repeats} + 1`, lastAt: event.at },
      })
      .returning({ repeats: trackEvents.repeats });
    return { counted: rows[0]?.repeats === 0 };
  }

  async eventsOf(userId: string): Promise<(typeof trackEvents.$inferSelect)[]> {
    return this.#db.select().from(trackEvents).where(eq(trackEvents.userId, userId));
  }

  async eraseEventsOf(userId: string): Promise<void> {
    await this.#db.delete(trackEvents).where(eq(trackEvents.userId, userId));
  }

  async countEvents(trackId: string): Promise<{ kind: string; accounts: number }[]> {
    return this.#db
      .select({ kind: trackEvents.kind, accounts: sql<number>`count(*)::int` })
      .from(trackEvents)
      .where(eq(trackEvents.trackId, trackId))
      .groupBy(trackEvents.kind);
  }

  /**
   * Ready tracks by id with what deciding access needs: the community's visibility and kind, and
   * the viewer's role there, in one round trip (discovery shows a page of tracks from many communities).
   */
  async readyTracksFor(
    ids: readonly string[],
    userId: string | null,
  ): Promise<
    {
      track: TrackWithArtwork;
      community: { slug: string; name: string; kind: string; visibility: string };
      role: string | null;
    }[]
  > {
    if (ids.length === 0) return [];
    const rows = await this.#db
      .select({
        track: trackColumns,
        community: {
          slug: communities.slug,
          name: communities.name,
          kind: communities.kind,
          visibility: communities.visibility,
        },
        role: memberships.role,
      })
      .from(tracks)
      .innerJoin(communities, eq(communities.id, tracks.communityId))
      .leftJoin(releases, eq(releases.id, tracks.releaseId))
      .leftJoin(
        memberships,
        and(eq(memberships.communityId, tracks.communityId), eq(memberships.userId, userId ?? '')),
      )
      .where(and(inArray(tracks.id, [...ids]), eq(tracks.status, 'ready')));
    return rows as unknown as {
      track: TrackWithArtwork;
      community: { slug: string; name: string; kind: string; visibility: string };
      role: string | null;
    }[];
  }

  async tracksByIds(ids: readonly string[]): Promise<TrackRow[]> {
    if (ids.length === 0) return [];
    return this.#db
      .select()
      .from(tracks)
      .where(inArray(tracks.id, [...ids]));
  }

  async unassigned(communityId: string): Promise<TrackRow[]> {
    return this.#db
      .select()
      .from(tracks)
      .where(and(eq(tracks.communityId, communityId), isNull(tracks.releaseId)));
  }
}
