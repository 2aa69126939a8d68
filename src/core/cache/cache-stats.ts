/**
 * A cache's hits over its lookups: a fraction in [0, 1], or null when there was no
 * lookup (a rate of nothing is not 0 %: the report and the UI show it as not measured).
 * Every hit rate in detscope is this one.
 */
export function hitRate(hits: number, lookups: number): number | null {
  return lookups > 0 ? hits / lookups : null;
}

/** What a PolygonCache reports (one per GT-maps worker); times in milliseconds. */
export interface CacheStats {
  enabled: boolean;
  memoryHits: number;
  diskHits: number;
  misses: number;
  /** (memoryHits + diskHits) / lookups, or null before any lookup (see hitRate). */
  hitRate: number | null;
  memoryEntries: number;
  memoryBytes: number;
  /** Entries and bytes in the persistent level. */
  entries: number;
  storedBytes: number;
  /** Memory and persistent evictions together. */
  evictions: number;
  /** Entries left in memory only because loading them would cost more than computing them. */
  notWorthPersisting: number;
  /** Entries that failed to decode (deleted, counted as misses). */
  corrupt: number;
  /**
   * Compute time the hits avoided, minus everything the cache cost: hashing and
   * lookups on every call, loading on hits, encoding and writing. Negative when the
   * cache does not pay.
   */
  netTimeSavedMs: number;
  /** False once the persistent level is unavailable or given up (quota); see `message`. */
  persistent: boolean;
  message?: string;
}

/**
 * The caches of all GT-maps workers as one: counts add up, and the persistent level,
 * which all workers share, is as large as the last one saw it. Null for no workers.
 */
export function sumCacheStats(all: readonly CacheStats[]): CacheStats | null {
  if (all.length === 0) return null;
  const total = { ...all[0] };
  for (const s of all.slice(1)) {
    for (const k of ['memoryHits', 'diskHits', 'misses', 'memoryEntries', 'memoryBytes', 'evictions', 'notWorthPersisting', 'corrupt', 'netTimeSavedMs'] as const) total[k] += s[k];
    total.entries = Math.max(total.entries, s.entries);
    total.storedBytes = Math.max(total.storedBytes, s.storedBytes);
    total.persistent &&= s.persistent;
    total.message ??= s.message;
  }
  total.hitRate = hitRate(total.memoryHits + total.diskHits, total.memoryHits + total.diskHits + total.misses);
  return total;
}
