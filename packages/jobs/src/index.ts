import type { AppContext } from '@coterie/platform';
import { JobQueue } from './job-queue.ts';
import { JobStore } from './store.ts';

export { retryDelaySeconds } from './backoff.ts';
export { type JobHandler, JobQueue, type JobRun, PermanentJobError, type QueueOptions } from './job-queue.ts';
export * as jobsSchema from './schema.ts';
export type { JobState } from './store.ts';

export function createJobQueue(ctx: AppContext): JobQueue {
  return new JobQueue(new JobStore(ctx.db), ctx.logger, {
    ...ctx.config.jobs,
    singleProcess: ctx.database.kind === 'pglite',
  });
}
