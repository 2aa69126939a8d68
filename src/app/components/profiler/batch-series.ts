import { batchTimes } from '../../../core/profiler/batch-times';
import type { Span } from '../../../core/profiler/span';
import { summarize } from '../../../core/profiler/stats';

export interface BatchSeries {
  batch: number[];
  ms: number[];
  mean: number | null;
  p95: number | null;
}

/** Batch times (first stage start to last stage end) with their mean and P95, for the live chart. */
export function batchSeries(spans: readonly Span[]): BatchSeries {
  const times = batchTimes(spans);
  const ms = times.map((t) => t.ms);
  const stats = summarize(ms);
  return { batch: times.map((t) => t.batch), ms, mean: stats?.mean ?? null, p95: stats?.p95 ?? null };
}
