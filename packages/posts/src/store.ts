import { type Db, textArray } from '@coterie/platform';
import { and, asc, desc, eq, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { memberships } from '../../communities/src/schema.ts';
import { media } from '../../media/src/schema.ts';
import { comments, postReactionCounts, posts, reactions, reports } from './schema.ts';

export type PostRow = typeof posts.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;
export type ReportRow = typeof reports.$inferSelect;

export interface ReactionCount {
  emoji: string;
  count: number;
  mine: boolean;
}

/** What the feed needs of an author: the persona, still sealed. */
export interface AuthorRow {
  id: string;
  handle: string;
  role: string;
  sharedData: Buffer;
}

export interface ReactionTally {
  emoji: string;
  count: number;
}

export interface FeedRow {
  post: PostRow;
  image: { id: string; width: number; height: number } | null;
  author: AuthorRow | null;
  commentCount: number;
  reactions: ReactionTally[];
}

export interface FeedFilter {
  communityId: string;
  includeMembersOnly: boolean;
  includeHidden: boolean;
  viewerMemberId: string | null;
  /** Tier posts the viewer reads: null for all of them (the team). */
  tierIds: ReadonlySet<string> | null;
}

/** The only code that touches posts, comments, reactions and reports. */
export class PostsStore {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * One query per feed page: posts with their author persona and the counters kept on write
   * (visible comments, reactions per emoji), never counted per request. Whether the viewer
   * reacted is `reactedBy`'s business, so the page itself is the same for every viewer.
   */
  async feed(
    filter: FeedFilter,
    options: { cursor?: string; pinned: boolean; limit: number },
  ): Promise<FeedRow[]> {
    const conditions: SQL[] = [eq(posts.communityId, filter.communityId), eq(posts.pinned, options.pinned)];
    if (!filter.includeMembersOnly) conditions.push(eq(posts.visibility, 'public'));
    else if (filter.tierIds !== null) {
      const reach = [...filter.tierIds];
      conditions.push(
        reach.length === 0
          ? ne(posts.visibility, 'tier')
          : (or(ne(posts.visibility, 'tier'), inArray(posts.tierId, reach)) as SQL),
      );
    }
    if (!filter.includeHidden) conditions.push(isNull(posts.hiddenAt));
    if (options.cursor) conditions.push(lt(posts.id, options.cursor));
    return this.#feedQuery(conditions, options.limit);
  }

  /** One post with the same counts as in the feed. */
  async onePost(postId: string): Promise<FeedRow | null> {
    const [row] = await this.#feedQuery([eq(posts.id, postId)], 1);
    return row ?? null;
  }

  /** `postId emoji` for each reaction one persona left on these posts. */
  async reactedBy(memberId: string, postIds: readonly string[]): Promise<Set<string>> {
    if (postIds.length === 0) return new Set();
    const rows = await this.#db
      .select({ postId: reactions.postId, emoji: reactions.emoji })
      .from(reactions)
      .where(and(eq(reactions.memberId, memberId), sql`${reactions.postId} = any(${textArray(postIds)})`));
    return new Set(rows.map((r) => `${r.postId} ${r.emoji}`));
  }

  async #feedQuery(conditions: SQL[], limit: number): Promise<FeedRow[]> {
    const rows = await this.#db
      .select({
        post: posts,
        authorId: memberships.id,
        authorHandle: memberships.handle,
        authorRole: memberships.role,
        authorShared: memberships.sharedData,
        imageWidth: media.width,
        imageHeight: media.height,
        reactions: sql<
          ReactionTally[] | string
        >`(select coalesce(json_agg(json_build_object('emoji', r.emoji, 'count', r.count) order by r.first_at, r.emoji), '[]'::json)
          from ${postReactionCounts} r where r.post_id = ${posts.id})`,
      })
      .from(posts)
      .leftJoin(memberships, eq(memberships.id, posts.authorId))
      .leftJoin(media, eq(media.id, posts.imageId))
      .where(and(...conditions))
      .orderBy(desc(posts.id))
      .limit(limit);
    return rows.map((row) => ({
      post: row.post,
      image:
        row.post.imageId && row.imageWidth !== null && row.imageHeight !== null
          ? { id: row.post.imageId, width: row.imageWidth, height: row.imageHeight }
          : null,
      author:
        row.authorId && row.authorHandle && row.authorRole && row.authorShared
          ? {
              id: row.authorId,
              handle: row.authorHandle,
              role: row.authorRole,
              sharedData: Buffer.from(row.authorShared),
            }
          : null,
      commentCount: row.post.commentCount,
      reactions: typeof row.reactions === 'string' ? JSON.parse(row.reactions) : row.reactions,
    }));
  }

  async insertPost(post: typeof posts.$inferInsert): Promise<PostRow> {
    const [row] = await this.#db.insert(posts).values(post).returning();
    return row!;
  }

  async findPost(id: string): Promise<PostRow | null> {
    const [row] = await this.#db.select().from(posts).where(eq(posts.id, id)).limit(1);
    return row ?? null;
  }

  async updatePost(id: string, patch: Partial<typeof posts.$inferInsert>): Promise<PostRow> {
    const [row] = await this.#db.update(posts).set(patch).where(eq(posts.id, id)).returning();
    return row!;
  }

  /** Deletes the post and its picture with it. */
  async deletePost(id: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const [deleted] = await tx.delete(posts).where(eq(posts.id, id)).returning({ imageId: posts.imageId });
      if (deleted?.imageId) await tx.delete(media).where(eq(media.id, deleted.imageId));
    });
  }

  /** The post a picture belongs to, if any. */
  async postWithImage(imageId: string): Promise<PostRow | null> {
    const [row] = await this.#db.select().from(posts).where(eq(posts.imageId, imageId)).limit(1);
    return row ?? null;
  }

  async comments(
    postId: string,
    includeHidden: boolean,
  ): Promise<{ comment: CommentRow; author: AuthorRow | null }[]> {
    const conditions: SQL[] = [eq(comments.postId, postId)];
    if (!includeHidden) conditions.push(isNull(comments.hiddenAt));
    const rows = await this.#db
      .select({ comment: comments, author: memberships })
      .from(comments)
      .leftJoin(memberships, eq(memberships.id, comments.authorId))
      .where(and(...conditions))
      .orderBy(asc(comments.id));
    return rows.map(({ comment, author }) => ({
      comment,
      author: author
        ? { id: author.id, handle: author.handle, role: author.role, sharedData: author.sharedData }
        : null,
    }));
  }

  async insertComment(comment: typeof comments.$inferInsert): Promise<CommentRow> {
    const [row] = await this.#db.insert(comments).values(comment).returning();
    return row!;
  }

  async findComment(id: string): Promise<CommentRow | null> {
    const [row] = await this.#db.select().from(comments).where(eq(comments.id, id)).limit(1);
    return row ?? null;
  }

  async updateComment(id: string, patch: Partial<typeof comments.$inferInsert>): Promise<CommentRow> {
    const [row] = await this.#db.update(comments).set(patch).where(eq(comments.id, id)).returning();
    return row!;
  }

  async deleteComment(id: string): Promise<void> {
    await this.#db.delete(comments).where(eq(comments.id, id));
  }

  async react(row: typeof reactions.$inferInsert): Promise<void> {
    await this.#db.insert(reactions).values(row).onConflictDoNothing();
  }

  async unreact(postId: string, memberId: string, emoji: string): Promise<void> {
    await this.#db
      .delete(reactions)
      .where(and(eq(reactions.postId, postId), eq(reactions.memberId, memberId), eq(reactions.emoji, emoji)));
  }

  async reactionCounts(postId: string, memberId: string): Promise<ReactionCount[]> {
    const rows = await this.#db
      .select({
        emoji: reactions.emoji,
        count: sql<number>`count(*)::int`,
        mine: sql<boolean>`bool_or(${reactions.memberId} = ${memberId})`,
      })
      .from(reactions)
      .where(eq(reactions.postId, postId))
      .groupBy(reactions.emoji)
      .orderBy(sql`min(${reactions.createdAt})`, reactions.emoji);
    return rows;
  }

  async insertReport(report: typeof reports.$inferInsert): Promise<ReportRow> {
    const [row] = await this.#db.insert(reports).values(report).returning();
    return row!;
  }

  async openReports(communityId: string): Promise<ReportRow[]> {
    return this.#db
      .select()
      .from(reports)
      .where(and(eq(reports.communityId, communityId), isNull(reports.resolvedAt)))
      .orderBy(desc(reports.id));
  }

  async resolveReports(target: { postId?: string; commentId?: string }, now: Date): Promise<void> {
    const condition = target.postId
      ? eq(reports.postId, target.postId)
      : eq(reports.commentId, target.commentId!);
    await this.#db
      .update(reports)
      .set({ resolvedAt: now })
      .where(and(condition, isNull(reports.resolvedAt)));
  }

  /** Everything one person wrote or reacted, across their personas. */
  async authoredBy(
    memberIds: string[],
  ): Promise<{ posts: PostRow[]; comments: CommentRow[]; reactions: (typeof reactions.$inferSelect)[] }> {
    if (memberIds.length === 0) return { posts: [], comments: [], reactions: [] };
    const [p, c, r] = await Promise.all([
      this.#db.select().from(posts).where(inArray(posts.authorId, memberIds)).orderBy(asc(posts.id)),
      this.#db.select().from(comments).where(inArray(comments.authorId, memberIds)).orderBy(asc(comments.id)),
      this.#db.select().from(reactions).where(inArray(reactions.memberId, memberIds)),
    ]);
    return { posts: p, comments: c, reactions: r };
  }

  async deleteAuthoredBy(memberIds: string[]): Promise<void> {
    if (memberIds.length === 0) return;
    await this.#db.transaction(async (tx) => {
      await tx.delete(comments).where(inArray(comments.authorId, memberIds));
      const deleted = await tx
        .delete(posts)
        .where(inArray(posts.authorId, memberIds))
        .returning({ imageId: posts.imageId });
      const images = deleted.map((d) => d.imageId).filter((id): id is string => id !== null);
      if (images.length > 0) await tx.delete(media).where(inArray(media.id, images));
    });
  }
}
