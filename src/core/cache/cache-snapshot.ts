import type { Count, Fraction } from '../numerics/number-kinds';

/**
 * A run's cache figures as its report keeps them: the run's own lookups, counted per
 * batch (pipeline/cache-tally.ts), with the entries, bytes and time saved of the GT-maps
 * workers' caches (cache-stats.ts). Rates are fractions in [0, 1] (see hitRate).
 */
export interface CacheStatsSnapshot {
  memoryHits: Count;
  diskHits: Count;
  misses: Count;
  /** (memory + disk hits) / lookups, or null before the first lookup. */
  hitRate: Fraction | null;
  /** The same over the batches after `warmupBatches`; null when the run had no more batches. */
  hitRateAfterWarmup: Fraction | null;
  warmupBatches: Count;
  /** Lookups in the batches after warm-up: weights `hitRateAfterWarmup` when shard reports merge. */
  lookupsAfterWarmup: Count;
  entries: Count;
  storedBytes: Count;
  evictions: Count;
  /** GT-map time the hits saved, less what the lookups and stores cost; negative if it cost time. */
  netTimeSavedMs: number;
  persistence: 'indexeddb' | 'memory-only';
  /** Why persistence is off (quota, private mode), or other caveats. */
  note?: string;
}
