export interface RunRate {
  /** Done / total, in [0, 1]; 0 for an empty run. */
  fraction: number;
  /** Null until an image is done: no rate from nothing. */
  imagesPerS: number | null;
  /** Seconds left at the rate so far; null without a rate, 0 once every image is done. */
  etaS: number | null;
}

/** Throughput and time left from the images done since `startedAt` (epoch ms, as `now`). */
export function runRate(done: number, total: number, startedAt: number, now: number): RunRate {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const elapsedS = (now - startedAt) / 1000;
  const imagesPerS = done > 0 && elapsedS > 0 ? done / elapsedS : null;
  const left = Math.max(0, total - done);
  const etaS = left === 0 ? 0 : imagesPerS === null ? null : left / imagesPerS;
  return { fraction, imagesPerS, etaS };
}
