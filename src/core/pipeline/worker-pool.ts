/**
 * A pool of workers, each behind a bridge (see worker-apis.ts), so it runs with Comlink
 * workers in the app and with fakes in Node tests (no Worker globals here). A job is a call
 * on a worker's bridge: its result type is that call's.
 *
 * - Workers start lazily, up to `size` (default hardwareConcurrency - 1, at least 1),
 *   one job at a time each; further jobs queue in order.
 * - A job whose call fails (the worker threw, or died) gets its worker terminated and
 *   replaced, and is retried once, ahead of the queue; a second failure resolves a
 *   failure record. The run goes on: `run` never rejects for a job's own failure.
 * - An AbortSignal drops a queued job, or terminates the worker running it (the only
 *   way to stop a busy worker), and resolves an aborted record.
 * - terminate() stops every worker and rejects whatever is still pending: a terminated
 *   worker never answers, so nothing else would settle those calls.
 */

import { now } from '../profiler/span';

/** What the pool needs of a worker beyond the calls its jobs make. */
export interface Stoppable {
  terminate(): void;
}

export interface WorkerPoolOptions<W extends Stoppable> {
  create: () => W;
  size?: number;
  /** Defaults to navigator.hardwareConcurrency where there is one, else 2. */
  hardwareConcurrency?: number;
  /** Start every worker now rather than at its first job, so that no job's time includes a worker's start. */
  eager?: boolean;
}

/** `startedAt`: when the successful attempt reached its worker (profiler clock), queueing excluded. */
type Succeeded = { ok: true; attempts: number; worker: number; startedAt: number };
/** `cause`: the last attempt's error (none when aborted). */
type Failed = { ok: false; error: string; cause?: unknown; attempts: number; aborted: boolean };
type Settled = Succeeded | Failed;

export type JobOutcome<R> = (Succeeded & { value: R }) | Failed;

interface Slot<W> {
  id: number;
  worker: W | null;
  busy: boolean;
}

interface Task<W> {
  /** One attempt of the job on a worker; the job's value stays with its caller's closure. */
  attempt: (worker: W, signal: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  attempts: number;
  startedAt: number;
  settled: boolean;
  running: { slot: Slot<W>; controller: AbortController } | null;
  resolve: (outcome: Settled) => void;
  reject: (error: Error) => void;
  onAbort?: () => void;
}

const MAX_ATTEMPTS = 2;

export function defaultPoolSize(hardwareConcurrency?: number): number {
  const cores = hardwareConcurrency ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, cores - 1);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class WorkerPool<W extends Stoppable> {
  readonly size: number;
  private readonly slots: Slot<W>[];
  private readonly queue: Task<W>[] = [];
  private readonly running = new Set<Task<W>>();
  private terminated = false;
  /** Workers started so far, replacements included. */
  started = 0;
  /** Workers terminated after a failure or an abort. */
  replaced = 0;

  constructor(private readonly options: WorkerPoolOptions<W>) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize(options.hardwareConcurrency)));
    this.slots = Array.from({ length: this.size }, (_, id) => ({ id, worker: null, busy: false }));
    if (options.eager) for (const slot of this.slots) this.spawn(slot);
  }

  get queued(): number {
    return this.queue.length;
  }

  get busy(): number {
    return this.slots.filter((s) => s.busy).length;
  }

  /** Runs `call` on a free worker; `signal` gives it up (see the top of this file). */
  run<R>(signal: AbortSignal, call: (worker: W, signal: AbortSignal) => Promise<R>): Promise<JobOutcome<R>> {
    if (this.terminated) return Promise.reject(new Error('worker pool terminated'));
    return new Promise((resolve, reject) => {
      let value: R;
      const task: Task<W> = {
        attempt: async (worker, attemptSignal) => {
          value = await call(worker, attemptSignal);
        },
        signal,
        attempts: 0,
        startedAt: 0,
        settled: false,
        running: null,
        resolve: (outcome) => resolve(outcome.ok ? { ...outcome, value } : outcome),
        reject,
      };
      if (signal.aborted) return this.finish(task, { ok: false, error: 'aborted', attempts: 0, aborted: true });
      task.onAbort = () => this.abort(task);
      signal.addEventListener('abort', task.onAbort, { once: true });
      this.queue.push(task);
      this.dispatch();
    });
  }

  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    const pending = [...this.queue, ...this.running];
    this.queue.length = 0;
    for (const slot of this.slots) this.stop(slot, false);
    for (const task of pending) {
      if (task.settled) continue;
      task.settled = true;
      task.signal.removeEventListener('abort', task.onAbort!);
      task.reject(new Error('worker pool terminated'));
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.busy) this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot<W>, task: Task<W>): void {
    const controller = new AbortController();
    task.attempts++;
    task.startedAt = now();
    task.running = { slot, controller };
    this.running.add(task);
    slot.busy = true;
    let call: Promise<void>;
    try {
      call = task.attempt(slot.worker ?? this.spawn(slot), controller.signal);
    } catch (e) {
      call = Promise.reject(e);
    }
    call.then(
      () => {
        if (task.settled || task.running?.controller !== controller) return;
        slot.busy = false;
        this.finish(task, { ok: true, attempts: task.attempts, worker: slot.id, startedAt: task.startedAt });
        this.dispatch();
      },
      (error) => {
        if (task.settled || task.running?.controller !== controller) return;
        this.stop(slot, true);
        if (task.attempts < MAX_ATTEMPTS) {
          task.running = null;
          this.running.delete(task);
          this.queue.unshift(task);
        } else {
          this.finish(task, { ok: false, error: message(error), cause: error, attempts: task.attempts, aborted: false });
        }
        this.dispatch();
      },
    );
  }

  private abort(task: Task<W>): void {
    if (task.settled) return;
    const index = this.queue.indexOf(task);
    if (index >= 0) this.queue.splice(index, 1);
    if (task.running) {
      task.running.controller.abort();
      this.stop(task.running.slot, true);
    }
    this.finish(task, { ok: false, error: 'aborted', attempts: task.attempts, aborted: true });
    this.dispatch();
  }

  private spawn(slot: Slot<W>): W {
    slot.worker = this.options.create();
    this.started++;
    return slot.worker;
  }

  /** Terminates a slot's worker; the next job there starts a fresh one. */
  private stop(slot: Slot<W>, replace: boolean): void {
    if (slot.worker) {
      try {
        slot.worker.terminate();
      } catch {
        // already gone: nothing more to stop
      }
      if (replace) this.replaced++;
    }
    slot.worker = null;
    slot.busy = false;
  }

  private finish(task: Task<W>, outcome: Settled): void {
    task.settled = true;
    task.running = null;
    this.running.delete(task);
    if (task.onAbort) task.signal.removeEventListener('abort', task.onAbort);
    task.resolve(outcome);
  }
}
