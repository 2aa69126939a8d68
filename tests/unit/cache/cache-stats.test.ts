import { describe, expect, it } from 'vitest';
import { hitRate, sumCacheStats, type CacheStats } from '../../../src/core/cache/cache-stats';

const stats = (more: Partial<CacheStats>): CacheStats => ({
  enabled: true, memoryHits: 0, diskHits: 0, misses: 0, hitRate: null, memoryEntries: 0, memoryBytes: 0,
  entries: 0, storedBytes: 0, evictions: 0, notWorthPersisting: 0, corrupt: 0, netTimeSavedMs: 0, persistent: true,
  ...more,
});

describe('hitRate', () => {
  it('is hits over lookups, and null (not 0) without a lookup', () => {
    expect(hitRate(3, 4)).toBe(0.75);
    expect(hitRate(0, 4)).toBe(0);
    expect(hitRate(0, 0)).toBeNull();
  });
});

describe('sumCacheStats', () => {
  it('adds the workers counts, takes the shared persistent level once, and rates the sum', () => {
    const total = sumCacheStats([
      stats({ memoryHits: 2, misses: 2, memoryBytes: 10, entries: 5, storedBytes: 50, netTimeSavedMs: 3 }),
      stats({ diskHits: 4, misses: 0, memoryBytes: 20, entries: 7, storedBytes: 70, netTimeSavedMs: 4, persistent: false, message: 'quota' }),
    ])!;
    expect(total).toMatchObject({ memoryHits: 2, diskHits: 4, misses: 2, memoryBytes: 30, entries: 7, storedBytes: 70, netTimeSavedMs: 7, persistent: false, message: 'quota' });
    expect(total.hitRate).toBe(6 / 8);
  });

  it('has no rate before any lookup, and no stats without workers', () => {
    expect(sumCacheStats([stats({}), stats({})])!.hitRate).toBeNull();
    expect(sumCacheStats([])).toBeNull();
  });
});
