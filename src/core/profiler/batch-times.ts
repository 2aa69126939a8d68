import type { Span } from './span';

export interface BatchTime {
  batch: number;
  start: number;
  end: number;
  /** As the original defined batch time: first stage start to last stage end of the batch. */
  ms: number;
}

/** One entry per batch that has spans, in batch order. */
export function batchTimes(spans: readonly Span[]): BatchTime[] {
  const bounds = new Map<number, { start: number; end: number }>();
  for (const s of spans) {
    const b = bounds.get(s.batch);
    if (!b) bounds.set(s.batch, { start: s.start, end: s.end });
    else {
      b.start = Math.min(b.start, s.start);
      b.end = Math.max(b.end, s.end);
    }
  }
  return [...bounds]
    .sort((x, y) => x[0] - y[0])
    .map(([batch, { start, end }]) => ({ batch, start, end, ms: end - start }));
}
