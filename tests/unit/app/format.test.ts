import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatMs, formatPct, formatScore } from '../../../src/app/components/profiler/format';
import { runRate } from '../../../src/app/components/profiler/run-rate';

describe('formats', () => {
  it('says n/a for a missing figure, never a number', () => {
    for (const f of [formatMs, formatBytes, formatPct, formatScore, formatDuration]) {
      expect(f(null)).toBe('n/a');
      expect(f(undefined)).toBe('n/a');
      expect(f(NaN)).toBe('n/a');
    }
  });

  it('formats milliseconds, bytes, percentages and scores', () => {
    expect(formatMs(3.14159)).toBe('3.14 ms');
    expect(formatMs(123.45)).toBe('123.5 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(-40)).toBe('-40.0 ms');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
    expect(formatPct(0.8342)).toBe('83.4 %');
    expect(formatPct(1, 0)).toBe('100 %');
    expect(formatScore(0.912345)).toBe('0.9123');
  });

  it('formats durations for an ETA', () => {
    expect(formatDuration(44.6)).toBe('45 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatDuration(-1)).toBe('n/a');
  });
});

describe('runRate', () => {
  it('gives images/s and the time left at that rate', () => {
    expect(runRate(50, 200, 1_000, 11_000)).toEqual({ fraction: 0.25, imagesPerS: 5, etaS: 30 });
  });

  it('has no rate or ETA before the first image', () => {
    expect(runRate(0, 200, 1_000, 5_000)).toEqual({ fraction: 0, imagesPerS: null, etaS: null });
  });

  it('has no time left once done, and copes with an empty run', () => {
    expect(runRate(10, 10, 0, 2_000)).toEqual({ fraction: 1, imagesPerS: 5, etaS: 0 });
    expect(runRate(0, 0, 0, 0)).toEqual({ fraction: 0, imagesPerS: null, etaS: 0 });
  });
});
