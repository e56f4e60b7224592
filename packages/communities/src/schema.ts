import { sql } from 'drizzle-orm';
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
import { bytea } from '../../platform/src/db/columns.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const communities = pgTable('communities', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique('communities_slug_key'),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  visibility: text('visibility').notNull(),
  tagline: text('tagline'),
  accentColor: text('accent_color').notNull(),
  memberCap: integer('member_cap'),
  /** Media ids (see packages/media); the images live with the community and go with it. */
  logoId: text('logo_id'),
  bannerId: text('banner_id'),
  /** Kept in step with memberships inside the join transaction, so the cap holds under races. */
  memberCount: integer('member_count').notNull().default(0),
  /** Pinned posts, kept by a trigger on posts, so a feed with none skips looking for them. */
  pinnedCount: integer('pinned_count').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Each community's data key, wrapped by the instance master key. Deleting the row is crypto-shredding. */
export const communityKeys = pgTable('community_keys', {
  communityId: text('community_id')
    .primaryKey()
    .references(() => communities.id, { onDelete: 'cascade' }),
  wrappedKey: bytea('wrapped_key').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    /** The persona id: the only id a community ever sees for a person. */
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    handle: text('handle').notNull(),
    handleKey: text('handle_key').notNull(),
    role: text('role').notNull(),
    share: jsonb('share').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** The shared profile fields, sealed with the community's data key. */
    sharedData: bytea('shared_data').notNull(),
    joinedAt: ts('joined_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_community_handle_key').on(t.communityId, t.handleKey),
    uniqueIndex('memberships_community_user_key').on(t.communityId, t.userId),
    index('memberships_user_idx').on(t.userId),
  ],
);

export const invites = pgTable(
  'invites',
  {
    code: text('code').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => memberships.id, { onDelete: 'set null' }),
    expiresAt: ts('expires_at').notNull(),
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
    revokedAt: ts('revoked_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('invites_community_idx').on(t.communityId)],
);

/** Bans hold the account, not the persona, so a banned person cannot rejoin under a new handle. */
export const bans = pgTable(
  'bans',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    handle: text('handle').notNull(),
    reason: text('reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    actorId: text('actor_id'),
    actorHandle: text('actor_handle'),
    action: text('action').notNull(),
    targetId: text('target_id'),
    targetHandle: text('target_handle'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_community_idx').on(t.communityId, t.id)],
);
