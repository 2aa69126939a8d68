import { batchTimes } from '../../../core/profiler/batch-times';
import type { Span } from '../../../core/profiler/span';
import { summarize } from '../../../core/profiler/stats';
import { wallMs } from '../../../core/profiler/timing';

export interface BatchSeries {
  batch: number[];
  ms: number[];
  mean: number | null;
  p95: number | null;
  /** Sum of the batch times and the run's wall time so far: batches overlap, so the sum is larger. */
  sumMs: number;
  wallMs: number;
}

/**
 * Times of the finished batches (first stage start to last stage end) with their mean and
 * P95, for the live chart. `finished` says which batches have every image done: a batch in
 * progress has only some of its spans, and drawn as a time it would read as a fast batch.
 */
export function batchSeries(spans: readonly Span[], finished: (batch: number) => boolean = () => true): BatchSeries {
  const times = batchTimes(spans).filter((t) => finished(t.batch));
  const ms = times.map((t) => t.ms);
  const stats = summarize(ms);
  return { batch: times.map((t) => t.batch), ms, mean: stats?.mean ?? null, p95: stats?.p95 ?? null, sumMs: ms.reduce((a, b) => a + b, 0), wallMs: wallMs(spans) };
}

/** Batches whose every image is done, from the images done so far and each batch's size. */
export function finishedBatches(doneBatches: readonly number[], batchSize: number, total: number): (batch: number) => boolean {
  const done = new Map<number, number>();
  for (const b of doneBatches) done.set(b, (done.get(b) ?? 0) + 1);
  return (batch) => (done.get(batch) ?? 0) >= Math.min(batchSize, total - batch * batchSize);
}
