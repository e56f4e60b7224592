import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../../accounts/src/schema.ts';
import { communities } from '../../communities/src/schema.ts';
import { tracks } from '../../music/src/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A public curator profile, opted into. Its handle is chosen here and is never a community persona,
 * so trusting someone's taste does not link the personas they use in communities.
 */
export const curators = pgTable(
  'curators',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    handle: text('handle').notNull(),
    handleKey: text('handle_key').notNull(),
    bio: text('bio').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('curators_user_key').on(t.userId), uniqueIndex('curators_handle_key').on(t.handleKey)],
);

/** "I trust this curator's taste": at most COTERIE_TRUST_LIMIT rows per truster. */
export const trustEdges = pgTable(
  'trust_edges',
  {
    trusterId: text('truster_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    curatorId: text('curator_id')
      .notNull()
      .references(() => curators.id, { onDelete: 'cascade' }),
    /** Denormalised so the graph walk is one index lookup per hop. */
    curatorUserId: text('curator_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.trusterId, t.curatorId] }),
    index('trust_edges_curator_user_idx').on(t.curatorUserId),
  ],
);

/** A track someone recommends, with an optional short note. */
export const picks = pgTable(
  'picks',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    trackId: text('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    note: text('note').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('picks_user_track_key').on(t.userId, t.trackId),
    index('picks_user_created_idx').on(t.userId, t.createdAt),
    index('picks_track_idx').on(t.trackId),
    // Charts read a week's picks.
    index('picks_created_idx').on(t.createdAt),
  ],
);

/**
 * The engine's precomputation per track: its nearest neighbours by co-listening and how many
 * people know it. Rebuilt by a background job; a missing row only means "no collaborative signal yet".
 */
export const trackNeighbours = pgTable('track_neighbours', {
  trackId: text('track_id')
    .primaryKey()
    .references(() => tracks.id, { onDelete: 'cascade' }),
  communityId: text('community_id')
    .notNull()
    .references(() => communities.id, { onDelete: 'cascade' }),
  neighbours: jsonb('neighbours').$type<[string, number][]>().notNull(),
  /** EASE weights from this track to others (only tracks popular enough to be modelled have any). */
  ease: jsonb('ease').$type<[string, number][]>().notNull().default([]),
  popularity: integer('popularity').notNull(),
  computedAt: ts('computed_at').notNull().defaultNow(),
});

/**
 * Each person's most recent signals (picks, listens, downloads), one row per person, so ranking
 * reads the few hundred people of a neighbourhood by primary key instead of aggregating their
 * events, scattered over the whole events table, on every request. Refreshed at once after a pick
 * and after a counted listen or download, and wholesale by the background rebuild; a person
 * without a row is read live.
 */
export const signalSummaries = pgTable('signal_summaries', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** [trackId, kind, weight] triples, most recent first. */
  signals: jsonb('signals').$type<[string, string, number][]>().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
