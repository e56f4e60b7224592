import type { Db } from '@coterie/platform';
import { and, eq } from 'drizzle-orm';
import { media } from './schema.ts';

export type MediaRow = typeof media.$inferSelect;

export class MediaStore {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  async insert(row: typeof media.$inferInsert): Promise<MediaRow> {
    const [inserted] = await this.#db.insert(media).values(row).returning();
    return inserted!;
  }

  async find(id: string): Promise<MediaRow | null> {
    const [row] = await this.#db.select().from(media).where(eq(media.id, id)).limit(1);
    return row ?? null;
  }

  async delete(communityId: string, id: string): Promise<void> {
    await this.#db.delete(media).where(and(eq(media.communityId, communityId), eq(media.id, id)));
  }
}
