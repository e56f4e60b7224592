import { randomBytes } from 'node:crypto';
import { newId } from '@coterie/platform';
import type { Logger } from 'pino';
import { retryDelaySeconds } from './backoff.ts';
import type { JobState, JobStore } from './store.ts';

/** What a handler knows about the run it is in. */
export interface JobRun {
  readonly id: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Aborted when the worker stops or loses the job's lease: stop work and throw. */
  readonly signal: AbortSignal;
}

export type JobHandler<P> = (payload: P, run: JobRun) => Promise<void>;

/** Thrown by a handler when retrying cannot help (e.g. the input is unreadable). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export interface QueueOptions {
  readonly maxAttempts?: number;
  /** Called once when a job has failed for good, with the last error. */
  readonly onGiveUp?: (payload: never, error: Error) => Promise<void>;
}

interface Registered {
  handler: JobHandler<never>;
  options: QueueOptions;
}

export interface JobQueueSettings {
  readonly concurrency: number;
  readonly leaseSeconds: number;
  readonly pollMilliseconds: number;
  /** True on the embedded database, which only one process can open. */
  readonly singleProcess: boolean;
  /** Seconds before retrying after `attempt` failures (tests shorten it). */
  readonly retryDelay?: (attempt: number) => number;
}

/**
 * A durable job queue on the application database. Workers poll (and are woken at once by
 * enqueues in the same process), renew their lease while a job runs, and retry failures with
 * exponential backoff. See docs/decisions/0005-job-queue.md for why not pg-boss.
 */
export class JobQueue {
  readonly #store: JobStore;
  readonly #logger: Logger;
  readonly #settings: JobQueueSettings;
  readonly #queues = new Map<string, Registered>();
  readonly #workerId = `w_${randomBytes(6).toString('hex')}`;
  readonly #running = new Set<Promise<void>>();
  readonly #stopping = new AbortController();
  #started = false;
  #timer: NodeJS.Timeout | null = null;
  #polling = false;
  #pollAgain = false;

  constructor(store: JobStore, logger: Logger, settings: JobQueueSettings) {
    this.#store = store;
    this.#logger = logger.child({ component: 'jobs' });
    this.#settings = settings;
  }

  register<P>(queue: string, handler: JobHandler<P>, options: QueueOptions = {}): void {
    this.#queues.set(queue, { handler: handler as JobHandler<never>, options });
  }

  /** Adds a job; with a singleton key, an unfinished job with that key is reused instead. */
  async enqueue(
    queue: string,
    payload: unknown,
    options: { delaySeconds?: number; singletonKey?: string; maxAttempts?: number } = {},
  ): Promise<string> {
    const registered = this.#queues.get(queue);
    const id = await this.#store.insert({
      id: newId('job'),
      queue,
      payload,
      maxAttempts: options.maxAttempts ?? registered?.options.maxAttempts ?? 5,
      delaySeconds: options.delaySeconds ?? 0,
      singletonKey: options.singletonKey ?? null,
    });
    if ((options.delaySeconds ?? 0) === 0) this.wake();
    return id;
  }

  state(id: string): Promise<JobState | null> {
    return this.#store.state(id);
  }

  async start(): Promise<void> {
    if (this.#started || this.#settings.concurrency === 0) return;
    this.#started = true;
    if (this.#settings.singleProcess) {
      const released = await this.#store.releaseAllRunning();
      if (released > 0) this.#logger.warn({ released }, 'resuming jobs interrupted by a previous stop');
    }
    await this.#store.pruneFinished(7).catch(() => {});
    this.#schedule(0);
  }

  /** Stops claiming, asks running handlers to stop, and waits for them (they retry later). */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#started = false;
    this.#stopping.abort();
    const all = Promise.allSettled([...this.#running]);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  /** Polls now instead of at the next tick (used after an enqueue in this process). */
  wake(): void {
    if (this.#started) this.#schedule(0);
  }

  /** Resolves once no job is running and none is due (tests and the demo seed use it). */
  async idle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.#running.size === 0 && !this.#polling) {
        await this.#poll();
        if (this.#running.size === 0) return;
      }
      await Promise.race([...this.#running, new Promise((r) => setTimeout(r, 20))]);
    }
    throw new Error('Jobs still running after the timeout');
  }

  #schedule(ms: number): void {
    if (!this.#started) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#poll().finally(() => this.#schedule(this.#settings.pollMilliseconds));
    }, ms);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    this.#polling = true;
    try {
      do {
        this.#pollAgain = false;
        while (
          this.#running.size < Math.max(1, this.#settings.concurrency) &&
          !this.#stopping.signal.aborted
        ) {
          const job = await this.#store.claim(
            [...this.#queues.keys()],
            this.#workerId,
            this.#settings.leaseSeconds,
          );
          if (!job) break;
          const run = this.#run(job).finally(() => {
            this.#running.delete(run);
            this.wake();
          });
          this.#running.add(run);
        }
      } while (this.#pollAgain && !this.#stopping.signal.aborted);
    } catch (error) {
      this.#logger.error({ err: error }, 'could not claim jobs');
    } finally {
      this.#polling = false;
    }
  }

  async #run(job: Awaited<ReturnType<JobStore['claim']>> & {}): Promise<void> {
    const registered = this.#queues.get(job.queue);
    if (!registered) return;
    const abort = new AbortController();
    const onStop = () => abort.abort(new Error('worker stopping'));
    this.#stopping.signal.addEventListener('abort', onStop);
    const leaseMs = this.#settings.leaseSeconds * 1000;
    const heartbeat = setInterval(
      () => {
        this.#store
          .renew(job.id, this.#workerId, this.#settings.leaseSeconds)
          .then((mine) => {
            if (!mine) abort.abort(new Error('lease lost'));
          })
          .catch(() => {});
      },
      Math.max(200, leaseMs / 3),
    );
    heartbeat.unref();
    const started = performance.now();
    try {
      await registered.handler(job.payload as never, {
        id: job.id,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        signal: abort.signal,
      });
      clearInterval(heartbeat);
      await this.#store.complete(job.id, this.#workerId);
      this.#logger.info(
        { job: job.id, queue: job.queue, ms: Math.round(performance.now() - started) },
        'job done',
      );
    } catch (caught) {
      clearInterval(heartbeat);
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (abort.signal.aborted) {
        // Interrupted, not failed: leave the job to be taken again (its lease runs out, or at
        // the next start on the embedded database).
        this.#logger.warn(
          { job: job.id, queue: job.queue, reason: String(abort.signal.reason) },
          'job interrupted',
        );
        if (this.#stopping.signal.aborted) await this.#store.release(job.id, this.#workerId).catch(() => {});
        return;
      }
      const final = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      await this.#store
        .fail(
          job.id,
          this.#workerId,
          error.message,
          final ? null : (this.#settings.retryDelay ?? retryDelaySeconds)(job.attempts),
        )
        .catch((e) => this.#logger.error({ err: e, job: job.id }, 'could not record a job failure'));
      this.#logger.warn(
        { job: job.id, queue: job.queue, attempt: job.attempts, final, err: error },
        'job failed',
      );
      if (final && registered.options.onGiveUp) {
        await registered.options
          .onGiveUp(job.payload as never, error)
          .catch((e) => this.#logger.error({ err: e, job: job.id }, 'job give-up handler failed'));
      }
    } finally {
      this.#stopping.signal.removeEventListener('abort', onStop);
    }
  }
}
