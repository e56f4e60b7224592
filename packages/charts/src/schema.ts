import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from '../../accounts/src/schema.ts';
import { communities } from '../../communities/src/schema.ts';
import { tracks } from '../../music/src/schema.ts';
import type { ChartEventKind } from './chart-rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A closed ISO week. Its row is claimed once, inside the closing transaction. */
export const chartWeeks = pgTable('chart_weeks', {
  week: text('week').primaryKey(),
  closedAt: ts('closed_at').notNull(),
});

/**
 * One published chart: the close is revision 0; a correction (after an admin voided an account)
 * publishes the next revision beside it, never over it.
 */
export const chartEditions = pgTable(
  'chart_editions',
  {
    week: text('week').notNull(),
    /** `rising`, or `community:<id>`. */
    scope: text('scope').notNull(),
    revision: integer('revision').notNull(),
    reason: text('reason').notNull(),
    publishedAt: ts('published_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.scope, t.revision] })],
);

export interface EntryBreakdown {
  byKind: Record<ChartEventKind, number>;
  discounted: number;
  fresh: number;
  voided: number;
  team: number;
}

/** Kept forever, with a snapshot of the title and artist: a chart outlives a deleted track. */
export const chartEntries = pgTable(
  'chart_entries',
  {
    week: text('week').notNull(),
    scope: text('scope').notNull(),
    revision: integer('revision').notNull(),
    rank: integer('rank').notNull(),
    // No foreign keys on purpose: published charts stay as published.
    trackId: text('track_id').notNull(),
    communityId: text('community_id').notNull(),
    title: text('title').notNull(),
    artist: text('artist').notNull(),
    points2: integer('points2').notNull(),
    supporters: integer('supporters').notNull(),
    movement: text('movement').notNull(),
    moveBy: integer('move_by').notNull(),
    weeksOnChart: integer('weeks_on_chart').notNull(),
    peak: integer('peak').notNull(),
    flagged: boolean('flagged').notNull(),
    breakdown: jsonb('breakdown').$type<EntryBreakdown>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.week, t.scope, t.revision, t.rank] }),
    index('chart_entries_track_idx').on(t.trackId, t.scope, t.week),
  ],
);

/** Accounts an instance admin voided: none of their events count, in any week. */
export const chartVoids = pgTable('chart_voids', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
  voidedBy: text('voided_by'),
  createdAt: ts('created_at').notNull(),
});

/**
 * The last tally of an open week's chart, shared by every server process and kept over restarts,
 * so a viewer is answered at once while one refresh runs behind (a Rising tally over millions of
 * events takes a minute). Only rows of the current epoch count: a void or a close moves the epoch
 * on, so a tally begun before it can never be served after it.
 */
export const chartOpenSnapshots = pgTable(
  'chart_open_snapshots',
  {
    week: text('week').notNull(),
    scope: text('scope').notNull(),
    /** Null for Rising. */
    communityId: text('community_id').references(() => communities.id, { onDelete: 'cascade' }),
    epoch: integer('epoch').notNull(),
    computedAt: ts('computed_at').notNull(),
    tookMs: integer('took_ms').notNull(),
    /** The chart as served (ranks and movement, no counts). */
    view: jsonb('view').notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.scope] })],
);

/** One row (id 1): the epoch of open-week snapshots; absent means 0. */
export const chartCacheEpochs = pgTable('chart_cache_epochs', {
  id: integer('id').primaryKey(),
  epoch: integer('epoch').notNull(),
});

/**
 * A goal a community rallies behind: a track into the top N of a chart by a week, N distinct
 * supporters by a date, or an amount raised by a date (from the ledger). Settled once, when it ends.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    trackId: text('track_id').references(() => tracks.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'chart' | 'supporters' | 'funding'>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** chart: `community` or `rising`. */
    chart: text('chart').$type<'community' | 'rising'>(),
    /** chart: the rank to reach or beat; supporters: how many; funding: minor units of `currency`. */
    target: bigint('target', { mode: 'number' }).notNull(),
    currency: text('currency'),
    /** chart: the last week that counts. */
    byWeek: text('by_week'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    outcome: text('outcome').$type<'succeeded' | 'failed'>(),
    /** The progress measured when it was settled. */
    finalValue: bigint('final_value', { mode: 'number' }),
    settledAt: ts('settled_at'),
  },
  (t) => [index('campaigns_community_idx').on(t.communityId, t.endsAt)],
);

/** People who joined a campaign; `shown` ones appear with their persona. */
export const campaignBackers = pgTable(
  'campaign_backers',
  {
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    shown: boolean('shown').notNull(),
    joinedAt: ts('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] }), index('campaign_backers_user_idx').on(t.userId)],
);

/*
 * Running aggregates of support, kept on write by database triggers (migration 0018) so cascaded
 * deletes (an erased account, a deleted track) and refunds keep them true too: the open chart and
 * the close read these instead of millions of events. No foreign keys on purpose: the triggers on
 * the sources remove rows, and a foreign key would race them inside one cascade.
 */

/**
 * One account's support of one track in one ISO week: the first time of each kind (null when it
 * has none), the account's creation (for the age rules) and what it is to the track's community.
 */
export const chartSupport = pgTable(
  'chart_support',
  {
    trackId: text('track_id').notNull(),
    week: text('week').notNull(),
    userId: text('user_id').notNull(),
    communityId: text('community_id').notNull(),
    bornAt: ts('born_at').notNull(),
    listenAt: ts('listen_at'),
    downloadAt: ts('download_at'),
    purchaseAt: ts('purchase_at'),
    pickAt: ts('pick_at'),
    member: boolean('member').notNull(),
    team: boolean('team').notNull(),
    voided: boolean('voided').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.trackId, t.week, t.userId] }),
    index('chart_support_user_idx').on(t.userId, t.communityId),
  ],
);

/**
 * A track's week, summed from `chart_support`: audience `all` (Rising) and `members` (the
 * community's own chart counts its members only). Counts are of counted accounts (not team, not
 * voided); `*_half` those whose account was under 7 days old then; `voided` and `team` are events.
 */
export const chartTrackWeeks = pgTable(
  'chart_track_weeks',
  {
    week: text('week').notNull(),
    audience: text('audience').$type<'all' | 'members'>().notNull(),
    communityId: text('community_id').notNull(),
    trackId: text('track_id').notNull(),
    supporters: integer('supporters').notNull().default(0),
    fresh: integer('fresh').notNull().default(0),
    listen: integer('listen').notNull().default(0),
    download: integer('download').notNull().default(0),
    purchase: integer('purchase').notNull().default(0),
    pick: integer('pick').notNull().default(0),
    listenHalf: integer('listen_half').notNull().default(0),
    downloadHalf: integer('download_half').notNull().default(0),
    purchaseHalf: integer('purchase_half').notNull().default(0),
    pickHalf: integer('pick_half').notNull().default(0),
    voided: integer('voided').notNull().default(0),
    team: integer('team').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.week, t.audience, t.communityId, t.trackId] })],
);

/** Each community's listeners, ever, with the week of their first listen: Rising's "emerging" test. */
export const chartListeners = pgTable(
  'chart_listeners',
  {
    communityId: text('community_id').notNull(),
    userId: text('user_id').notNull(),
    firstWeek: text('first_week').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] })],
);

/** New listeners per community and week, summed from `chart_listeners`. */
export const chartListenerWeeks = pgTable(
  'chart_listener_weeks',
  {
    communityId: text('community_id').notNull(),
    week: text('week').notNull(),
    listeners: integer('listeners').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.week] })],
);
