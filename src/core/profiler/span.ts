import type { Count, Integer } from '../numerics/number-kinds';
/**
 * One timed piece of work. `start` and `end` are epoch milliseconds from {@link now}, so
 * spans recorded in different workers (each with its own `performance.timeOrigin`) line up.
 */
export interface Span {
  stage: string;
  batch: Count;
  /** Index of the image in the dataset order; absent for a span that covers a whole batch. */
  image?: Count;
  /** Who did the work, e.g. `main`, `infer`, `collate-2`: one trace track each. */
  worker: string;
  start: number;
  end: number;
  /** The input tensor's dims, on an inference span: each new shape costs a first run. */
  shape?: Integer[];
}

/**
 * Epoch milliseconds with sub-millisecond resolution. `performance.now()` alone counts from
 * each worker's own origin; adding `timeOrigin` puts every context on one clock.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function duration(span: Span): number {
  return span.end - span.start;
}
