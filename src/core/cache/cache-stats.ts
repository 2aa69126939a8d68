/** What the PolygonCache reports; times in milliseconds. */
export interface CacheStats {
  enabled: boolean;
  memoryHits: number;
  diskHits: number;
  misses: number;
  /** (memoryHits + diskHits) / lookups; 0 before any lookup. */
  hitRate: number;
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
