import type { Db } from '@coterie/platform';
import { sql } from 'drizzle-orm';

export interface JobRow {
  readonly id: string;
  readonly queue: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly maxAttempts: number;
}

export interface JobState {
  readonly status: 'queued' | 'running' | 'done' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
}

interface Rows<T> {
  rows: T[];
}

const rowsOf = <T>(result: unknown): T[] => (result as Rows<T>).rows;

/** The jobs table. Times come from the database clock, the one clock every worker shares. */
export class JobStore {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  async insert(job: {
    id: string;
    queue: string;
    payload: unknown;
    maxAttempts: number;
    delaySeconds: number;
    singletonKey: string | null;
  }): Promise<string> {
    const inserted = rowsOf<{ id: string }>(
      await this.#db.execute(sql`
        insert into jobs (id, queue, payload, max_attempts, run_at, singleton_key)
        values (${job.id}, ${job.queue}, ${JSON.stringify(job.payload)}::jsonb, ${job.maxAttempts},
                now() + make_interval(secs => ${job.delaySeconds}), ${job.singletonKey})
        on conflict (singleton_key) where status in ('queued', 'running') do nothing
        returning id`),
    );
    if (inserted[0]) return inserted[0].id;
    const existing = rowsOf<{ id: string }>(
      await this.#db.execute(
        sql`select id from jobs where singleton_key = ${job.singletonKey} and status in ('queued', 'running')`,
      ),
    );
    return existing[0]?.id ?? job.id;
  }

  /**
   * Takes the next due job of these queues, or one whose worker stopped renewing its lease.
   * SKIP LOCKED lets workers claim side by side without ever taking the same row.
   */
  async claim(queues: readonly string[], workerId: string, leaseSeconds: number): Promise<JobRow | null> {
    const queueList = sql.join(
      queues.map((q) => sql`${q}`),
      sql`, `,
    );
    const rows = rowsOf<{
      id: string;
      queue: string;
      payload: unknown;
      attempts: number;
      max_attempts: number;
    }>(
      await this.#db.execute(sql`
        update jobs set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
               locked_until = now() + make_interval(secs => ${leaseSeconds})
        where id = (
          select id from jobs
          where queue in (${queueList})
            and ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
          order by run_at
          limit 1
          for update skip locked)
        returning id, queue, payload, attempts, max_attempts`),
    );
    const row = rows[0];
    if (!row) return null;
    const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
    return { id: row.id, queue: row.queue, payload, attempts: row.attempts, maxAttempts: row.max_attempts };
  }

  /** Extends the lease; false when the job is no longer this worker's (its lease lapsed and was taken). */
  async renew(id: string, workerId: string, leaseSeconds: number): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await this.#db.execute(sql`
        update jobs set locked_until = now() + make_interval(secs => ${leaseSeconds})
        where id = ${id} and locked_by = ${workerId} and status = 'running'
        returning id`),
    );
    return rows.length === 1;
  }

  async complete(id: string, workerId: string): Promise<void> {
    await this.#db.execute(sql`
      update jobs set status = 'done', finished_at = now(), locked_by = null, locked_until = null,
             last_error = null
      where id = ${id} and locked_by = ${workerId}`);
  }

  /** Hands a job back untouched (its worker is shutting down): the attempt does not count. */
  async release(id: string, workerId: string): Promise<void> {
    await this.#db.execute(sql`
      update jobs set status = 'queued', attempts = greatest(attempts - 1, 0), locked_by = null,
             locked_until = null, run_at = now()
      where id = ${id} and locked_by = ${workerId} and status = 'running'`);
  }

  /** Records a failed attempt: back to the queue after `retryInSeconds`, or failed for good. */
  async fail(id: string, workerId: string, error: string, retryInSeconds: number | null): Promise<void> {
    if (retryInSeconds === null) {
      await this.#db.execute(sql`
        update jobs set status = 'failed', finished_at = now(), last_error = ${error},
               locked_by = null, locked_until = null
        where id = ${id} and locked_by = ${workerId}`);
      return;
    }
    await this.#db.execute(sql`
      update jobs set status = 'queued', last_error = ${error}, locked_by = null, locked_until = null,
             run_at = now() + make_interval(secs => ${retryInSeconds})
      where id = ${id} and locked_by = ${workerId}`);
  }

  /**
   * The embedded database belongs to one process, so at start any job marked running was
   * orphaned by a crash of this very process: hand it back at once instead of waiting out its lease.
   */
  async releaseAllRunning(): Promise<number> {
    const rows = rowsOf<{ id: string }>(
      await this.#db.execute(sql`
        update jobs set status = 'queued', locked_by = null, locked_until = null, run_at = now()
        where status = 'running' returning id`),
    );
    return rows.length;
  }

  async state(id: string): Promise<JobState | null> {
    const rows = rowsOf<{ status: JobState['status']; attempts: number; last_error: string | null }>(
      await this.#db.execute(sql`select status, attempts, last_error from jobs where id = ${id}`),
    );
    const row = rows[0];
    return row ? { status: row.status, attempts: row.attempts, lastError: row.last_error } : null;
  }

  /** Finished jobs are history; keep a week of it for support. */
  async pruneFinished(olderThanDays: number): Promise<void> {
    await this.#db.execute(sql`
      delete from jobs where status in ('done', 'failed')
        and finished_at < now() - make_interval(days => ${olderThanDays})`);
  }
}
