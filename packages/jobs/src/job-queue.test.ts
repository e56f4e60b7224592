import { createTestApp, type TestApp } from '@coterie/testing';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue, PermanentJobError } from './job-queue.ts';
import { JobStore } from './store.ts';

let t: TestApp;
const queues: JobQueue[] = [];

function makeQueue(settings: Partial<ConstructorParameters<typeof JobQueue>[2]> = {}): JobQueue {
  const queue = new JobQueue(new JobStore(t.ctx.db), t.ctx.logger as Logger, {
    concurrency: 2,
    leaseSeconds: 30,
    pollMilliseconds: 25,
    singleProcess: false,
    retryDelay: () => 0.05,
    ...settings,
  });
  queues.push(queue);
  return queue;
}

const until = async (check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  for (const q of queues) await q.stop(1000);
  await t.close();
});

describe('job queue', () => {
  it('runs each job exactly once with two workers competing for 40 jobs', async () => {
    const runs = new Map<number, number>();
    const handler = async (payload: { n: number }) => {
      runs.set(payload.n, (runs.get(payload.n) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 2));
    };
    const a = makeQueue();
    const b = makeQueue();
    a.register('count', handler);
    b.register('count', handler);
    for (let n = 0; n < 40; n++) await a.enqueue('count', { n });
    await Promise.all([a.start(), b.start()]);
    await until(() => runs.size === 40);
    await Promise.all([a.idle(), b.idle()]);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });

  it('retries a failing job with backoff and then succeeds', async () => {
    const q = makeQueue();
    let attempts = 0;
    q.register('flaky', async () => {
      attempts++;
      if (attempts < 3) throw new Error(`boom ${attempts}`);
    });
    await q.start();
    const id = await q.enqueue('flaky', {});
    await until(async () => (await q.state(id))?.status === 'done');
    expect(attempts).toBe(3);
    expect((await q.state(id))?.attempts).toBe(3);
  });

  it('gives up after maxAttempts, and at once on a permanent error, telling the owner', async () => {
    const q = makeQueue();
    const gaveUp: string[] = [];
    q.register(
      'doomed',
      async (p: { permanent: boolean }) => {
        throw p.permanent ? new PermanentJobError('unreadable') : new Error('still broken');
      },
      {
        maxAttempts: 3,
        onGiveUp: async (p: { permanent: boolean }, e) => void gaveUp.push(`${p.permanent}:${e.message}`),
      },
    );
    await q.start();
    const retried = await q.enqueue('doomed', { permanent: false });
    const permanent = await q.enqueue('doomed', { permanent: true });
    await until(
      async () =>
        (await q.state(retried))?.status === 'failed' && (await q.state(permanent))?.status === 'failed',
    );
    expect((await q.state(retried))?.attempts).toBe(3);
    expect((await q.state(permanent))?.attempts).toBe(1);
    expect((await q.state(retried))?.lastError).toBe('still broken');
    expect(gaveUp.sort()).toEqual(['false:still broken', 'true:unreadable']);
  });

  it('takes over the job of a worker that died without finishing once its lease lapses', async () => {
    const store = new JobStore(t.ctx.db);
    const q = makeQueue({ leaseSeconds: 1 });
    const done: string[] = [];
    q.register('orphan', async (p: { tag: string }) => void done.push(p.tag));
    const id = await q.enqueue('orphan', { tag: 'x' });
    // A "dead" worker claims it and never renews.
    const claimed = await store.claim(['orphan'], 'w_dead', 1);
    expect(claimed?.id).toBe(id);
    await q.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toEqual([]);
    await until(() => done.length === 1, 5000);
    // The dead worker coming back cannot complete what is no longer its job.
    await store.complete(id, 'w_dead');
    await until(async () => (await q.state(id))?.status === 'done');
    expect((await q.state(id))?.attempts).toBe(2);
  });

  it('on the embedded database, resumes interrupted jobs at start without waiting for the lease', async () => {
    const store = new JobStore(t.ctx.db);
    const first = makeQueue({ leaseSeconds: 3600 });
    first.register('resume', async () => {});
    const id = await first.enqueue('resume', {});
    await store.claim(['resume'], 'w_crashed', 3600);
    const restarted = makeQueue({ leaseSeconds: 3600, singleProcess: true });
    restarted.register('resume', async () => {});
    await restarted.start();
    await until(async () => (await restarted.state(id))?.status === 'done', 5000);
  });

  it('keeps one unfinished job per singleton key', async () => {
    const q = makeQueue();
    q.register('single', async () => {});
    const first = await q.enqueue('single', {}, { singletonKey: 'k1', delaySeconds: 60 });
    const second = await q.enqueue('single', {}, { singletonKey: 'k1' });
    expect(second).toBe(first);
  });

  it('a graceful stop hands the running job back without using up an attempt', async () => {
    const q = makeQueue();
    let started = false;
    q.register('long', async (_p, run) => {
      started = true;
      await new Promise((_resolve, reject) =>
        run.signal.addEventListener('abort', () => reject(new Error('stopped'))),
      );
    });
    await q.start();
    const id = await q.enqueue('long', {});
    await until(() => started);
    await q.stop();
    expect(await q.state(id)).toMatchObject({ status: 'queued', attempts: 0 });
  });
});
