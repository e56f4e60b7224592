import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { communities, memberships } from '../../communities/src/schema.ts';
import { bytea } from '../../platform/src/db/columns.ts';

/**
 * Images, re-encoded on upload (so what is stored was decoded and drawn by us, never the
 * uploaded bytes, and carries no metadata such as GPS positions). Kept in the database until
 * object storage arrives with music, so every app process can serve them.
 */
export const media = pgTable(
  'media',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    uploaderId: text('uploader_id').references(() => memberships.id, { onDelete: 'set null' }),
    purpose: text('purpose').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('media_community_idx').on(t.communityId)],
);
