import type { OpenSnapshot, SnapshotStore } from './snapshot-store.ts';

/** What the cache needs of the snapshot store (a fake in unit tests). */
export type SnapshotPort<V> = Pick<SnapshotStore<V>, 'epoch' | 'get' | 'put' | 'invalidate'>;

export interface OpenChartKey {
  week: string;
  scope: string;
  /** The community a community chart belongs to; null for Rising. */
  communityId: string | null;
}

interface Held<V> {
  at: number;
  keepMs: number;
  view: V;
}

/** A minute-old open chart is fine: it shows ranks only, and one query per viewer would not be. */
export const OPEN_CACHE_MS = 60_000;
/** A tally that took t is kept for at least 10 t, so refreshing never holds the database over a tenth of the time. */
export const REFRESH_SHARE = 10;
const MAX_HELD = 5000;
/**
 * Warming keeps a tally only if it took this long: a quicker one is best tallied for its first
 * viewer, who then sees the listens of the minute since the start rather than a start-time copy.
 */
export const WARM_WORTH_MS = 500;

const keepFor = (tookMs: number): number => Math.max(OPEN_CACHE_MS, tookMs * REFRESH_SHARE);

/**
 * Open-week charts, computed live but never by every viewer: held in memory, and as snapshots in
 * the database that other processes and the next start read. A stale chart is served at once
 * while one refresh runs behind; only a chart nobody has ever tallied makes its viewer wait.
 */
export class OpenChartCache<V> {
  readonly #clock: () => Date;
  readonly #warn: (error: unknown, key: string) => void;
  readonly #snapshots: SnapshotPort<V>;
  readonly #held = new Map<string, Held<V>>();
  readonly #inFlight = new Map<string, Promise<V>>();
  #generation = 0;

  constructor(clock: () => Date, warn: (error: unknown, key: string) => void, snapshots: SnapshotPort<V>) {
    this.#clock = clock;
    this.#warn = warn;
    this.#snapshots = snapshots;
  }

  async get(key: OpenChartKey, compute: () => Promise<V>): Promise<V> {
    const id = `${key.scope}|${key.week}`;
    let held = this.#held.get(id);
    if (held && this.#fresh(held)) return held.view;
    if (!this.#inFlight.has(id)) {
      // Another process (or this one before a restart) may have tallied it lately.
      const generation = this.#generation;
      const stored = await this.#snapshots.get(key.week, key.scope);
      if (stored && generation === this.#generation && (!held || stored.computedAt.getTime() > held.at)) {
        held = { at: stored.computedAt.getTime(), keepMs: keepFor(stored.tookMs), view: stored.view };
        this.#hold(id, held);
      }
      if (held && this.#fresh(held)) return held.view;
    }
    const refresh = this.#refresh(id, key, compute);
    if (!held) return refresh;
    refresh.catch((error: unknown) => this.#warn(error, id));
    return held.view;
  }

  /** Whether a chart has a snapshot of the current epoch (warming on start skips those). */
  async has(key: OpenChartKey): Promise<boolean> {
    return (
      this.#held.has(`${key.scope}|${key.week}`) || (await this.#snapshots.get(key.week, key.scope)) !== null
    );
  }

  /**
   * Tallies a chart nobody has asked for yet, so its first viewer after a start need not wait;
   * true if it was kept (it had no snapshot and took long enough to be worth keeping).
   */
  async warm(key: OpenChartKey, compute: () => Promise<V>): Promise<boolean> {
    const id = `${key.scope}|${key.week}`;
    if (this.#inFlight.has(id) || (await this.has(key))) return false;
    let kept = false;
    await this.#refresh(id, key, compute, (tookMs) => {
      kept = tookMs >= WARM_WORTH_MS;
      return kept;
    });
    return kept;
  }

  /** Forget every open chart (after a void or a close), here and for every process. */
  async invalidate(): Promise<void> {
    this.#generation++;
    this.#held.clear();
    this.#inFlight.clear();
    await this.#snapshots.invalidate();
  }

  /** Resolves when the refreshes running now have ended (before the database closes). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  #fresh(held: Held<V>): boolean {
    return this.#clock().getTime() - held.at < held.keepMs;
  }

  #hold(id: string, held: Held<V>): void {
    if (this.#held.size >= MAX_HELD) this.#held.clear();
    this.#held.set(id, held);
  }

  /** One live tally per chart at a time, however many viewers ask meanwhile. */
  #refresh(
    id: string,
    key: OpenChartKey,
    compute: () => Promise<V>,
    worthKeeping: (tookMs: number) => boolean = () => true,
  ): Promise<V> {
    const running = this.#inFlight.get(id);
    if (running) return running;
    const generation = this.#generation;
    const started = this.#clock().getTime();
    const work = (async () => {
      const epoch = await this.#snapshots.epoch();
      const view = await compute();
      const at = this.#clock().getTime();
      // A void or a close since it began makes this tally stale before it lands.
      if (generation === this.#generation && worthKeeping(at - started)) {
        this.#hold(id, { at, keepMs: keepFor(at - started), view });
        const snapshot: OpenSnapshot<V> = {
          ...key,
          epoch,
          computedAt: new Date(at),
          tookMs: at - started,
          view,
        };
        await this.#snapshots.put(snapshot, key.communityId).catch((error: unknown) => this.#warn(error, id));
      }
      return view;
    })().finally(() => {
      if (this.#inFlight.get(id) === work) this.#inFlight.delete(id);
    });
    this.#inFlight.set(id, work);
    return work;
  }
}
