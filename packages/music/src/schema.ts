import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../../accounts/src/schema.ts';
import { tiers } from '../../billing/src/schema.ts';
import { communities, memberships } from '../../communities/src/schema.ts';
import { media } from '../../media/src/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** A price to buy (and download): null is not for sale. Pay-what-you-want makes it the minimum. */
const price = {
  priceMinor: bigint('price_minor', { mode: 'number' }),
  priceCurrency: text('price_currency'),
  payWhatYouWant: boolean('pay_what_you_want').notNull().default(false),
};

/** Albums, EPs and singles: an ordered set of a community's tracks with artwork and credits. */
export const releases = pgTable(
  'releases',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    releaseDate: date('release_date', { mode: 'string' }),
    description: text('description').notNull().default(''),
    credits: text('credits').notNull().default(''),
    artworkId: text('artwork_id').references(() => media.id, { onDelete: 'set null' }),
    ...price,
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('releases_community_idx').on(t.communityId, t.releaseDate)],
);

/** One stored file: where it is, how big, its SHA-256 (the ETag) and content type. */
export interface StoredFile {
  key: string;
  bytes: number;
  sha256: string;
  contentType: string;
}

export interface Renditions {
  opus: StoredFile;
  mp3: StoredFile;
}

export const tracks = pgTable(
  'tracks',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    releaseId: text('release_id').references(() => releases.id, { onDelete: 'set null' }),
    position: integer('position'),
    title: text('title').notNull(),
    artist: text('artist').notNull(),
    visibility: text('visibility').notNull(),
    /** With visibility `tier`: this tier or a higher-priced one hears it. */
    tierId: text('tier_id').references(() => tiers.id, { onDelete: 'set null' }),
    downloadable: boolean('downloadable').notNull().default(false),
    ...price,
    /** processing → ready | failed. Renditions are referenced only once all of them are stored. */
    status: text('status').notNull(),
    progress: integer('progress').notNull().default(0),
    failureReason: text('failure_reason'),
    durationMs: integer('duration_ms'),
    /** Waveform: 1,000 peaks scaled to 0..255. */
    peaks: jsonb('peaks').$type<number[]>(),
    loudnessLufs: real('loudness_lufs'),
    truePeakDb: real('true_peak_db'),
    /** The upload as received, content-addressed (`originals/<sha256>`). */
    original: jsonb('original').$type<StoredFile & { format: string; extension: string }>().notNull(),
    renditions: jsonb('renditions').$type<Renditions>(),
    /** Tags read from the file (album, year, genre…), shown as suggestions, never trusted for access. */
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    uploaderId: text('uploader_id').references(() => memberships.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    readyAt: ts('ready_at'),
  },
  (t) => [
    index('tracks_community_idx').on(t.communityId, t.createdAt),
    index('tracks_release_idx').on(t.releaseId, t.position),
    index('tracks_original_idx').on(sql`(${t.original}->>'sha256')`),
  ],
);

/**
 * Listens and downloads, for charts. One row per account, track, kind and ISO week (what counts);
 * `repeats` keeps how many more there were, which charts may use to spot gaming.
 */
export const trackEvents = pgTable(
  'track_events',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    trackId: text('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** ISO 8601 week in UTC, e.g. 2026-W47. */
    week: text('week').notNull(),
    repeats: integer('repeats').notNull().default(0),
    firstAt: ts('first_at').notNull(),
    lastAt: ts('last_at').notNull(),
  },
  (t) => [
    uniqueIndex('track_events_once_key').on(t.trackId, t.userId, t.kind, t.week),
    index('track_events_community_week_idx').on(t.communityId, t.week),
    index('track_events_user_idx').on(t.userId),
    // Charts read a whole week at once, across communities.
    index('track_events_week_idx').on(t.week, t.trackId),
    // Rising: each community's lifetime unique listeners, in one ordered pass without a sort.
    index('track_events_listeners_idx').on(t.communityId, t.userId, t.week).where(sql`${t.kind} = 'listen'`),
  ],
);
