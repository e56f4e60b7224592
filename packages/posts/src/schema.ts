import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { tiers } from '../../billing/src/schema.ts';
import { communities, memberships } from '../../communities/src/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const posts = pgTable(
  'posts',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    /** Null once the author left or was erased with "keep my posts, anonymised". */
    authorId: text('author_id').references(() => memberships.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    /** Rendered once when written, so reading a feed never re-renders markdown. */
    bodyHtml: text('body_html').notNull().default(''),
    visibility: text('visibility').notNull(),
    /** With visibility `tier`: this tier or a higher-priced one reads it. */
    tierId: text('tier_id').references(() => tiers.id, { onDelete: 'set null' }),
    imageId: text('image_id'),
    pinned: boolean('pinned').notNull().default(false),
    hiddenAt: ts('hidden_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    editedAt: ts('edited_at'),
    /** Visible (not hidden) comments, kept by a trigger on comments: the feed never counts them. */
    commentCount: integer('comment_count').notNull().default(0),
  },
  (t) => [index('posts_feed_idx').on(t.communityId, t.id)],
);

export const comments = pgTable(
  'comments',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    postId: text('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    parentId: text('parent_id'),
    authorId: text('author_id').references(() => memberships.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull().default(''),
    hiddenAt: ts('hidden_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    editedAt: ts('edited_at'),
  },
  (t) => [index('comments_post_idx').on(t.postId, t.id)],
);

/** One reaction per person per emoji per post. */
export const reactions = pgTable(
  'reactions',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    postId: text('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.memberId, t.emoji] })],
);

/**
 * Reactions per post and emoji, kept by a trigger on reactions (cascaded deletes included), so a
 * feed page reads a few small rows instead of grouping every reaction of every post.
 */
export const postReactionCounts = pgTable(
  'post_reaction_counts',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    postId: text('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    count: integer('count').notNull(),
    /** The earliest of the reactions still there: emojis are shown in the order they arrived. */
    firstAt: ts('first_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.emoji] })],
);

export const reports = pgTable(
  'reports',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    postId: text('post_id').references(() => posts.id, { onDelete: 'cascade' }),
    commentId: text('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
    reporterId: text('reporter_id').references(() => memberships.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    resolvedAt: ts('resolved_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('reports_community_idx').on(t.communityId, t.resolvedAt)],
);
