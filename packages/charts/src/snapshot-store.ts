import type { Db } from '@coterie/platform';
import { sql } from 'drizzle-orm';

export interface OpenSnapshot<V> {
  week: string;
  scope: string;
  epoch: number;
  computedAt: Date;
  tookMs: number;
  view: V;
}

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

const currentEpoch = sql`coalesce((select epoch from chart_cache_epochs where id = 1), 0)`;

/** Open-week chart snapshots in `chart_open_snapshots`, valid only in the current epoch. */
export class SnapshotStore<V> {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async epoch(): Promise<number> {
    const rows = rowsOf<{ epoch: number }>(await this.#db.execute(sql`select ${currentEpoch}::int as epoch`));
    return Number(rows[0]?.epoch ?? 0);
  }

  async get(week: string, scope: string): Promise<OpenSnapshot<V> | null> {
    const rows = rowsOf<{ computedAt: string | Date; tookMs: number; epoch: number; view: V }>(
      await this.#db.execute(sql`
        select s.computed_at as "computedAt", s.took_ms as "tookMs", s.epoch, s.view
        from chart_open_snapshots s
        where s.week = ${week} and s.scope = ${scope} and s.epoch = ${currentEpoch}`),
    );
    const row = rows[0];
    if (!row) return null;
    const view = typeof row.view === 'string' ? (JSON.parse(row.view) as V) : row.view;
    return { week, scope, epoch: row.epoch, computedAt: new Date(row.computedAt), tookMs: row.tookMs, view };
  }

  /**
   * Keeps a tally begun in `epoch`, unless the epoch moved on meanwhile (it would be stale) or a
   * newer tally landed first.
   */
  async put(snapshot: OpenSnapshot<V>, communityId: string | null): Promise<void> {
    await this.#db.execute(sql`
      insert into chart_open_snapshots (week, scope, community_id, epoch, computed_at, took_ms, view)
      select ${snapshot.week}, ${snapshot.scope}, ${communityId}, ${snapshot.epoch}::int,
             ${snapshot.computedAt.toISOString()}, ${Math.round(snapshot.tookMs)}::int,
             ${JSON.stringify(snapshot.view)}::jsonb
      where ${snapshot.epoch}::int = ${currentEpoch}
        and (${communityId}::text is null or exists (select 1 from communities where id = ${communityId}))
      on conflict (week, scope) do update
        set epoch = excluded.epoch, computed_at = excluded.computed_at, took_ms = excluded.took_ms,
            view = excluded.view, community_id = excluded.community_id
        where chart_open_snapshots.epoch < excluded.epoch
           or chart_open_snapshots.computed_at < excluded.computed_at`);
  }

  /** Moves the epoch on (every snapshot so far stops counting) and drops the old rows. */
  async invalidate(): Promise<void> {
    await this.#db.execute(sql`
      insert into chart_cache_epochs (id, epoch) values (1, 1)
      on conflict (id) do update set epoch = chart_cache_epochs.epoch + 1`);
    await this.#db.execute(sql`delete from chart_open_snapshots where epoch < ${currentEpoch}`);
  }
}
