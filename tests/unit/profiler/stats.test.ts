import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from '../../../src/core/profiler/stats';

describe('summarize', () => {
  it('matches hand-computed figures on four values', () => {
    const s = summarize([4, 1, 3, 2])!;
    expect(s).toMatchObject({ count: 4, total: 10, mean: 2.5, median: 2.5, min: 1, max: 4 });
    // numpy linear: h = 3 * 0.95 = 2.85 -> 3 + 0.85 * (4 - 3)
    expect(s.p95).toBeCloseTo(3.85, 12);
    expect(s.p99).toBeCloseTo(3.97, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(1.25), 12);
  });

  it('matches numpy on batch-time-like data', () => {
    // Expected values printed by numpy 2.4: a.sum(), a.mean(), np.median(a),
    // np.percentile(a, 95), np.percentile(a, 99), a.std()
    const a = [436.2, 617.1, 669.4, 401.5, 388.0, 512.3, 455.5, 420.0, 399.9, 611.0, 380.25, 444.4, 702.0, 391.1, 405.0, 433.3, 418.8];
    const s = summarize(a)!;
    expect(s.count).toBe(17);
    expect(s.total).toBeCloseTo(8085.75, 9);
    expect(s.mean).toBeCloseTo(475.63235294117646, 9);
    expect(s.median).toBe(433.3);
    expect(s.p95).toBe(675.92);
    expect(s.p99).toBe(696.784);
    expect(s.std).toBeCloseTo(102.80354614674545, 9);
    expect(s.min).toBe(380.25);
    expect(s.max).toBe(702);
  });

  it('matches numpy bit for bit on a skewed even-sized set', () => {
    // np.median(b), np.percentile(b, 95), np.percentile(b, 99), b.std(), b.mean()
    const b = [0.1, 0.2, 0.3, 0.7, 1.1, 2.9, 0.3, 13.0];
    const sorted = Float64Array.from(b).sort();
    expect(median(sorted)).toBe(0.5);
    expect(percentile(sorted, 50)).toBe(0.5);
    expect(percentile(sorted, 95)).toBe(9.464999999999995);
    expect(percentile(sorted, 99)).toBe(12.292999999999997);
    const s = summarize(b)!;
    expect(s.std).toBeCloseTo(4.124545429498868, 12);
    expect(s.mean).toBeCloseTo(2.325, 12);
  });

  it('handles one value and no values', () => {
    expect(summarize([7])).toEqual({ count: 1, total: 7, mean: 7, median: 7, p95: 7, p99: 7, std: 0, min: 7, max: 7 });
    expect(summarize([])).toBeNull();
    expect(() => percentile([], 50)).toThrow(RangeError);
  });
});
