import type { Db } from '@coterie/platform';
import { and, asc, eq, sql } from 'drizzle-orm';
import { webhookEvents } from './schema.ts';

export type WebhookEventRow = typeof webhookEvents.$inferSelect;

/** Every provider event received: claimed by id, marked with what became of it. */
export class EventStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Inserts the event, or returns the row already there (locked until this transaction ends). */
  async claimEvent(
    row: Pick<WebhookEventRow, 'provider' | 'eventId' | 'type' | 'payload'>,
  ): Promise<{ fresh: boolean; row: WebhookEventRow }> {
    const inserted = await this.#db
      .insert(webhookEvents)
      .values({ ...row, status: 'pending', attempts: 1 })
      .onConflictDoNothing()
      .returning();
    if (inserted[0]) return { fresh: true, row: inserted[0] };
    const [existing] = await this.#db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.provider, row.provider), eq(webhookEvents.eventId, row.eventId)))
      .for('update');
    if (!existing) throw new Error('webhook event vanished');
    return { fresh: false, row: existing };
  }

  async markEvent(
    provider: string,
    eventId: string,
    status: WebhookEventRow['status'],
    at: Date,
    error: string | null = null,
  ): Promise<void> {
    await this.#db
      .update(webhookEvents)
      .set({
        status,
        lastError: error,
        appliedAt: status === 'applied' ? at : null,
        attempts: sql`${webhookEvents.attempts} + 1`,
      })
      .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.eventId, eventId)));
  }

  /** Events that arrived before what they refer to (a refund before its capture), oldest first. */
  async pendingEvents(provider: string, limit: number): Promise<WebhookEventRow[]> {
    return this.#db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.status, 'pending')))
      .orderBy(asc(webhookEvents.receivedAt))
      .limit(limit);
  }
}
