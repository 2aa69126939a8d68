import { now } from '../../../src/core/profiler/span';
import { describe, expect, it } from 'vitest';
import { WorkerPool, defaultPoolSize } from '../../../src/core/pipeline/worker-pool';

interface Job {
  id: number;
  /** Endpoint numbers (in creation order) on which this job fails. */
  failOn?: number[];
  /** Never settles: stands for a busy or hung worker. */
  hang?: boolean;
}

interface FakeWorker {
  work(signal: AbortSignal, job: Job): Promise<string>;
  terminate(): void;
}

/** Fake workers: each call resolves on the next tick unless told to fail or hang. */
function fakeWorkers() {
  const log = { created: 0, terminated: [] as number[], calls: [] as [number, number][], active: 0, maxActive: 0 };
  const create = (): FakeWorker => {
    const me = ++log.created;
    return {
      work(_signal, job) {
        log.calls.push([job.id, me]);
        log.active++;
        log.maxActive = Math.max(log.maxActive, log.active);
        return new Promise((resolve, reject) => {
          if (job.hang) return;
          setTimeout(() => {
            log.active--;
            if (job.failOn?.includes(me)) reject(new Error(`job ${job.id} failed on worker ${me}`));
            else resolve(`job ${job.id} by ${me}`);
          }, 1);
        });
      },
      terminate() {
        log.terminated.push(me);
      },
    };
  };
  return { log, create };
}

/** A job on the pool, as the pipeline's stages run theirs. */
const run = (pool: WorkerPool<FakeWorker>, job: Job, signal = new AbortController().signal) => pool.run(signal, (worker, s) => worker.work(s, job));

describe('WorkerPool', () => {
  it('sizes itself hardwareConcurrency - 1, at least 1', () => {
    expect(defaultPoolSize(8)).toBe(7);
    expect(defaultPoolSize(1)).toBe(1);
    expect(new WorkerPool({ create: fakeWorkers().create, hardwareConcurrency: 4 }).size).toBe(3);
    expect(new WorkerPool({ create: fakeWorkers().create, size: 2 }).size).toBe(2);
  });

  it('starts workers lazily, runs at most size jobs at once, and queues the rest in order', async () => {
    const { log, create } = fakeWorkers();
    const pool = new WorkerPool({ create, size: 2 });
    expect(log.created).toBe(0);
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((id) => run(pool, { id })));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(log.created).toBe(2);
    expect(log.maxActive).toBe(2);
    expect(log.calls.map(([id]) => id)).toEqual([1, 2, 3, 4, 5]);
    expect(outcomes.map((o) => o.ok && o.value.startsWith(`job`))).toEqual([true, true, true, true, true]);
  });

  it('eager: starts every worker at once, and the first jobs run on them', async () => {
    const { log, create } = fakeWorkers();
    const pool = new WorkerPool({ create, size: 2, eager: true });
    expect(log.created).toBe(2);
    await Promise.all([run(pool, { id: 1 }), run(pool, { id: 2 })]);
    expect(log.calls).toEqual([[1, 1], [2, 2]]);
    expect(log.created).toBe(2);
  });

  it('replaces a worker that fails and retries the job once', async () => {
    const { log, create } = fakeWorkers();
    const pool = new WorkerPool({ create, size: 1 });
    const before = now();
    const outcome = await run(pool, { id: 1, failOn: [1] });
    expect(outcome).toEqual({ ok: true, value: 'job 1 by 2', attempts: 2, worker: 0, startedAt: expect.any(Number) });
    // The span starts at the retry, not at the failed first attempt.
    expect(outcome.ok && outcome.startedAt).toBeGreaterThanOrEqual(before);
    expect(log.terminated).toEqual([1]);
    expect(pool.replaced).toBe(1);
  });

  it('records a job that fails twice as failed, and the run goes on', async () => {
    const { log, create } = fakeWorkers();
    const pool = new WorkerPool({ create, size: 1 });
    const [bad, good] = await Promise.all([run(pool, { id: 1, failOn: [1, 2] }), run(pool, { id: 2 })]);
    expect(bad).toEqual({ ok: false, error: 'job 1 failed on worker 2', cause: new Error('job 1 failed on worker 2'), attempts: 2, aborted: false });
    expect(good).toMatchObject({ ok: true, value: 'job 2 by 3', attempts: 1 });
    expect(log.calls).toEqual([[1, 1], [1, 2], [2, 3]]); // the retry goes ahead of the queue
  });

  it('treats a worker whose endpoint cannot even be created as a failed attempt', async () => {
    let n = 0;
    const { create } = fakeWorkers();
    const pool = new WorkerPool<FakeWorker>({
      size: 1,
      create: () => {
        if (n++ === 0) throw new Error('script failed to load');
        return create();
      },
    });
    expect(await run(pool, { id: 1 })).toMatchObject({ ok: true, attempts: 2 });
  });

  it('drops an aborted queued job without running it', async () => {
    const { log, create } = fakeWorkers();
    const pool = new WorkerPool({ create, size: 1 });
    const controller = new AbortController();
    const first = run(pool, { id: 1 });
    const second = run(pool, { id: 2 }, controller.signal);
    controller.abort();
    expect(await second).toEqual({ ok: false, error: 'aborted', attempts: 0, aborted: true });
    expect(await first).toMatchObject({ ok: true });
    expect(log.calls.map(([id]) => id)).toEqual([1]);
  });

  it('aborts a running job by terminating its worker, and the next job gets a fresh one', async () => {
    const { log, create } = fakeWorkers();
    const pool = new WorkerPool({ create, size: 1 });
    const controller = new AbortController();
    const hung = run(pool, { id: 1, hang: true }, controller.signal);
    const next = run(pool, { id: 2 });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(await hung).toMatchObject({ ok: false, aborted: true, attempts: 1 });
    expect(await next).toMatchObject({ ok: true, value: 'job 2 by 2' });
    expect(log.terminated).toEqual([1]);
  });

  it('answers an already aborted signal at once', async () => {
    const { log, create } = fakeWorkers();
    const pool = new WorkerPool({ create, size: 1 });
    expect(await run(pool, { id: 1 }, AbortSignal.abort())).toMatchObject({ ok: false, aborted: true });
    expect(log.created).toBe(0);
  });

  it('terminate() stops every worker and rejects running and queued calls', async () => {
    const { log, create } = fakeWorkers();
    const pool = new WorkerPool({ create, size: 2 });
    const calls = [1, 2, 3].map((id) => run(pool, { id, hang: true }));
    await new Promise((r) => setTimeout(r, 5));
    expect([pool.busy, pool.queued]).toEqual([2, 1]);
    pool.terminate();
    for (const c of calls) await expect(c).rejects.toThrow(/terminated/);
    expect(log.terminated.sort()).toEqual([1, 2]);
    await expect(run(pool, { id: 4 })).rejects.toThrow(/terminated/);
  });
});
