import { hitRate, type CacheStats } from '../cache/cache-stats';
import type { CacheStatsSnapshot } from '../cache/cache-snapshot';
import type { GtLossResult } from './worker-apis';

/**
 * Counts where each image's GT maps came from, by batch, so the hit rate after the
 * warm-up batches (the original project's gate) is exact. Entries, bytes and time saved
 * come from the GT-maps workers' caches at the end.
 */
export class CacheTally {
  memoryHits = 0;
  diskHits = 0;
  misses = 0;
  afterWarmup = { hits: 0, lookups: 0 };
  /** Map digests by image position, when the GT-maps workers give them (cache tests). */
  readonly digests: Record<number, string> = {};

  constructor(
    private readonly batchSize: number,
    readonly warmupBatches: number,
  ) {}

  add(result: GtLossResult, index: number): void {
    const hit = result.source !== 'computed';
    if (result.digest) this.digests[index] = result.digest;
    if (result.source === 'memory') this.memoryHits++;
    else if (result.source === 'disk') this.diskHits++;
    else this.misses++;
    if (Math.floor(index / this.batchSize) >= this.warmupBatches) {
      this.afterWarmup.lookups++;
      if (hit) this.afterWarmup.hits++;
    }
  }
}

export function cacheSnapshot(t: CacheTally, workers: CacheStats | null, enabled: boolean): CacheStatsSnapshot {
  const lookups = t.memoryHits + t.diskHits + t.misses;
  const snapshot: CacheStatsSnapshot = {
    memoryHits: t.memoryHits,
    diskHits: t.diskHits,
    misses: t.misses,
    hitRate: hitRate(t.memoryHits + t.diskHits, lookups),
    hitRateAfterWarmup: hitRate(t.afterWarmup.hits, t.afterWarmup.lookups),
    warmupBatches: t.warmupBatches,
    lookupsAfterWarmup: t.afterWarmup.lookups,
    entries: workers?.entries ?? 0,
    storedBytes: workers?.storedBytes ?? 0,
    evictions: workers?.evictions ?? 0,
    netTimeSavedMs: workers?.netTimeSavedMs ?? 0,
    persistence: workers && !workers.persistent ? 'memory-only' : 'indexeddb',
  };
  if (!enabled) snapshot.note = 'cache switched off for this run: every map was computed';
  else if (workers?.message) snapshot.note = workers.message;
  return snapshot;
}
