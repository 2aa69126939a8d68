import type { Count } from '../numerics/number-kinds';

/** Summary of a set of durations in milliseconds. */
export interface Stats {
  count: Count;
  total: number;
  mean: number;
  median: number;
  p95: number;
  p99: number;
  /** Population standard deviation (numpy's default, ddof = 0), as the original report used. */
  std: number;
  min: number;
  max: number;
}

/**
 * Percentile of ascending `sorted` values by numpy's default method ('linear', type 7 of
 * Hyndman & Fan): virtual index h = (n - 1) * p / 100, interpolated between the values on
 * either side of h. numpy interpolates from the upper value when the fraction is at least
 * 0.5; doing the same keeps the result bit-identical to `np.percentile`.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('percentile of no values');
  const h = (n - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** As `np.median`: the middle value, or the mean of the two middle values. */
export function median(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('median of no values');
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of values in any order (benchmarks' medians of runs). */
export function medianOf(values: ArrayLike<number>): number {
  return median(Float64Array.from(values).sort());
}

/** Stats of `values` (any order), or null when there are none: an empty stage has no figures. */
export function summarize(values: ArrayLike<number>): Stats | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i];
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (sorted[i] - mean) ** 2;
  return {
    count: n,
    total,
    mean,
    median: median(sorted),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    std: Math.sqrt(squares / n),
    min: sorted[0],
    max: sorted[n - 1],
  };
}
