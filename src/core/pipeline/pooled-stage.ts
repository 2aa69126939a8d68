import { now } from '../profiler/span';
import { StageFailure } from './run';
import type { SpanSink, StageName } from './run-types';
import type { Stoppable, WorkerPool } from './worker-pool';

/**
 * Runs a pool job as a stage, a StageFailure when it fails for good. The span covers the
 * attempt that succeeded, from its dispatch to a worker to its result: time queued behind
 * other jobs is the pipeline waiting, not this stage working.
 */
export async function pooled<W extends Stoppable, R>(
  pool: WorkerPool<W>,
  name: StageName,
  label: string,
  call: (worker: W, signal: AbortSignal) => Promise<R>,
  span: SpanSink,
  signal: AbortSignal,
  /** Spans the worker timed itself, for a job that does several stages' work; default: one span. */
  inner?: (value: R) => [StageName, number, number][],
): Promise<R> {
  const outcome = await pool.run(signal, call);
  if (!outcome.ok) throw new StageFailure(name, outcome.cause ?? new Error(outcome.error), ` (after ${outcome.attempts} attempts)`);
  const worker = `${label}-${outcome.worker + 1}`;
  for (const [stage, start, end] of inner?.(outcome.value) ?? [[name, outcome.startedAt, now()]]) span(stage, worker, start, end);
  return outcome.value;
}
