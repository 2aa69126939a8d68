import { GT_MAPS_VERSION, makeGtMaps, truncatePolygon, type GtMapSet, type GtMapParams } from '../gt-maps/gt-maps';
import type { Polygon } from '../geometry/types';
import { ByteLru } from './byte-lru';
import { keyBytes, memoryKey, sameKey } from './cache-key';
import { sha256Hex } from '../numerics/sha256';
import { hitRate, type CacheStats } from './cache-stats';
import type { CacheStore } from './entry-store';
import { LoadCostModel } from './load-cost';
import { CODEC_VERSION, decodeMaps, encodeMaps } from './map-codec';

export type CacheSource = 'memory' | 'disk' | 'computed';

export interface PolygonCacheOptions {
  /** Persistent level; null or absent: memory only. */
  store?: CacheStore | null;
  memoryBytes?: number;
  diskBytes?: number;
  enabled?: boolean;
  /**
   * Pending entries are encoded and written once no miss came for this long (a worker
   * gone idle); null: only on flush().
   */
  autoFlushMs?: number | null;
  /** Persist every entry whatever its cost (tests of persistence across reloads). */
  persistAll?: boolean;
  now?: () => number;
  compute?: (params: GtMapParams, polygons: Int32Array[]) => GtMapSet;
  loadCost?: LoadCostModel;
}

interface MemoryEntry {
  maps: GtMapSet;
  computeMs: number;
  /** The full key, to tell a hash collision of memoryKey from a hit. */
  key: Uint8Array;
}

/** Index record of a persisted entry: [bytes, last use (epoch ms), compute ms, memoryKey]. */
type IndexRecord = [number, number, number, string];

const FORMAT_KEY = '#format';
/** Kept in each store; its `collate-v` prefix predates the GT-maps name and stays, or every user's store would be cleared. */
const FORMAT = `collate-v${GT_MAPS_VERSION}/codec-v${CODEC_VERSION}`;

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string })?.name;
  return name === 'QuotaExceededError' || (e as { code?: number })?.code === 22;
}

/** Released maps kept for reuse: one per disk hit in flight at a time is enough. */
const MAX_SPARE = 2;

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Two-level cache of GT maps: an in-memory LRU of maps, then a persistent store
 * (IndexedDB) of compact entries, both bounded in bytes. Cost-aware: an entry is
 * persisted only when loading it is expected to be faster than computing it again,
 * and `stats().netTimeSavedMs` counts every cost the cache adds. Writes wait for
 * flush(), called when misses pause for `autoFlushMs` (by default at once) and yielding
 * between entries.
 *
 * Maps returned are shared with the memory level: callers that transfer or modify
 * them must copy first (`slice()`). Maps of a disk hit are the caller's, not kept in
 * memory (the disk has them, and a disk hit costs little next to the 3 MB they would
 * hold); a caller done with them may release() them for the next disk hit to reuse.
 */
export class PolygonCache {
  /** Keyed by a fast hash of the key bytes (memoryKey); the persistent level by their SHA-256. */
  private readonly memory: ByteLru<MemoryEntry>;
  private readonly diskBytes: number;
  private readonly now: () => number;
  private readonly compute: (params: GtMapParams, polygons: Int32Array[]) => GtMapSet;
  private readonly loadCost: LoadCostModel;
  private store: CacheStore | null;
  /** What this cache knows is persisted: its snapshot at open and at each flush, plus its own writes. */
  private readonly index = new Map<string, IndexRecord>();
  /** Index records whose last use changed since the last flush. */
  private readonly touched = new Map<string, IndexRecord>();
  /**
   * memoryKeys of persisted entries: a lookup whose memoryKey is not here misses without
   * awaiting crypto.subtle's SHA-256 (measured: first runs in a worker ~3 % slower when
   * every miss awaited one). Entries removed later may linger: a stale key only costs one
   * digest.
   */
  private readonly persistedMemoryKeys = new Set<string>();
  /** Maps of disk hits, not held by the memory level: release() may recycle them. */
  private readonly lent = new WeakSet<GtMapSet>();
  /** Released maps, overwritten by the next disk hits. */
  private readonly spare: GtMapSet[] = [];
  private lastStamp = 0;
  private pending: { memKey: string; params: GtMapParams; entry: MemoryEntry }[] = [];
  private flushing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private counts = { memoryHits: 0, diskHits: 0, misses: 0, diskEvictions: 0, notWorthPersisting: 0, corrupt: 0 };
  private savedMs = 0;
  private message: string | undefined;
  enabled: boolean;

  private constructor(private readonly options: PolygonCacheOptions) {
    this.memory = new ByteLru(options.memoryBytes ?? 256 * 2 ** 20);
    this.diskBytes = options.diskBytes ?? 512 * 2 ** 20;
    this.now = options.now ?? (() => performance.now());
    this.compute = options.compute ?? makeGtMaps;
    this.loadCost = options.loadCost ?? new LoadCostModel();
    this.store = options.store ?? null;
    this.enabled = options.enabled ?? true;
  }

  /** Opens the cache, reading the persistent level's index (cleared if from another version). */
  static async open(options: PolygonCacheOptions = {}): Promise<PolygonCache> {
    const cache = new PolygonCache(options);
    if (cache.store) {
      try {
        await cache.refreshIndex(true);
      } catch (e) {
        cache.goMemoryOnly(`persistent cache unavailable (${(e as Error).message}); using memory only`);
      }
    }
    return cache;
  }

  /** Reads every index record, so entries other workers wrote are known too. */
  private async refreshIndex(opening: boolean): Promise<void> {
    const records = await this.store!.index.entries();
    const format = records.find(([k]) => k === FORMAT_KEY)?.[1];
    if (opening && records.length > 0 && format !== FORMAT) {
      // another GT-maps or codec version: nothing in it can hit
      await Promise.all([this.store!.data.clear(), this.store!.index.clear()]);
      return;
    }
    const own = new Map(this.touched);
    this.index.clear();
    this.persistedMemoryKeys.clear();
    for (const [key, record] of records) {
      if (key === FORMAT_KEY) continue;
      this.index.set(key, record as IndexRecord);
      this.persistedMemoryKeys.add((record as IndexRecord)[3]);
    }
    for (const [key, record] of own) if (this.index.has(key)) this.index.set(key, record);
  }

  private goMemoryOnly(message: string): void {
    this.store = null;
    this.message = message;
  }

  /** A last-use time that is wall-clock (shared by workers and sessions) yet strictly rising here. */
  private stamp(): number {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 0.001);
    return this.lastStamp;
  }

  /** The GT maps for these polygons, from memory, the persistent store, or computed. */
  async gtMaps(params: GtMapParams, polygons: readonly (Polygon | Int32Array)[]): Promise<{ maps: GtMapSet; source: CacheSource }> {
    const ints = polygons.map((p) => (p instanceof Int32Array ? p : truncatePolygon(p)));
    if (!this.enabled) return { maps: this.compute(params, ints), source: 'computed' };
    const start = this.now();
    const bytes = keyBytes(params, ints);
    const memKey = memoryKey(bytes);

    const inMemory = this.memory.get(memKey);
    if (inMemory && sameKey(inMemory.key, bytes)) {
      this.counts.memoryHits++;
      this.savedMs += inMemory.computeMs - (this.now() - start);
      return { maps: inMemory.maps, source: 'memory' };
    }

    // The digest is only needed by the persistent level, and only if it may hold the entry.
    const key = this.store && this.persistedMemoryKeys.has(memKey) ? await sha256Hex(bytes) : null;
    const fromDisk = key ? await this.load(key, params, bytes) : null;
    if (fromDisk) {
      this.counts.diskHits++;
      this.lent.add(fromDisk.maps);
      this.savedMs += fromDisk.computeMs - (this.now() - start);
      return { maps: fromDisk.maps, source: 'disk' };
    }

    const lookupMs = this.now() - start;
    const t = this.now();
    const maps = this.compute(params, ints);
    const entry = { maps, computeMs: this.now() - t, key: bytes };
    this.counts.misses++;
    this.savedMs -= lookupMs;
    this.memory.set(memKey, entry, maps.prob.byteLength + maps.thresh.byteLength + maps.threshMask.byteLength);
    if (this.store) {
      this.pending.push({ memKey, params, entry });
      this.scheduleFlush();
    }
    return { maps, source: 'computed' };
  }

  private async load(key: string, params: GtMapParams, bytes: Uint8Array): Promise<MemoryEntry | null> {
    const known = this.index.get(key);
    if (!this.store || !known) return null;
    const t = this.now();
    let stored: unknown;
    try {
      stored = await this.store.data.get(key);
    } catch {
      return null;
    }
    if (stored === undefined) {
      this.index.delete(key); // evicted by another worker
      return null;
    }
    try {
      const maps = decodeMaps(stored as Uint8Array, params.height, params.width, this.spare.pop());
      this.loadCost.observe((stored as Uint8Array).byteLength, this.now() - t);
      const record: IndexRecord = [known[0], this.stamp(), known[2], known[3]];
      this.index.set(key, record);
      this.touched.set(key, record);
      return { maps, computeMs: known[2], key: bytes };
    } catch {
      this.counts.corrupt++;
      await this.remove([key]).catch(() => undefined);
      return null;
    }
  }

  private async remove(keys: string[]): Promise<void> {
    for (const key of keys) {
      this.index.delete(key);
      this.touched.delete(key);
    }
    await this.store!.data.delMany(keys);
    await this.store!.index.delMany(keys);
  }

  private scheduleFlush(): void {
    const delay = this.options.autoFlushMs === undefined ? 0 : this.options.autoFlushMs;
    if (delay === null) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** Encodes pending entries and writes those worth persisting, in one batch. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.store || (this.pending.length === 0 && this.touched.size === 0)) return;
    this.flushing = this.writePending().finally(() => (this.flushing = null));
    await this.flushing;
  }

  private async writePending(): Promise<void> {
    const batch: [string, Uint8Array][] = [];
    const records: [string, IndexRecord][] = [];
    while (this.pending.length > 0) {
      const { memKey, params, entry } = this.pending.shift()!;
      let t = this.now();
      const bytes = encodeMaps(entry.maps, params.height, params.width, params.threshMin);
      this.savedMs -= this.now() - t;
      if (!bytes || bytes.byteLength > this.diskBytes) continue;
      if (!this.options.persistAll && this.loadCost.estimate(bytes.byteLength) >= entry.computeMs) {
        this.counts.notWorthPersisting++;
        continue;
      }
      t = this.now();
      const key = await sha256Hex(entry.key); // only for entries that are written
      this.savedMs -= this.now() - t;
      batch.push([key, bytes]);
      records.push([key, [bytes.byteLength, this.stamp(), entry.computeMs, memKey]]);
      await yieldToEvents(); // let queued jobs run between encodes
    }
    if (batch.length === 0 && this.touched.size === 0) return;
    const t = this.now();
    try {
      await this.write(batch, records);
    } catch (e) {
      if (!isQuotaError(e)) {
        this.goMemoryOnly(`persistent cache write failed (${(e as Error).message}); using memory only`);
        return;
      }
      try {
        const batchBytes = batch.reduce((s, [, b]) => s + b.byteLength, 0);
        await this.evict(Math.max(batchBytes, this.storedBytes() / 4), batch);
        await this.write(batch, records);
      } catch {
        this.goMemoryOnly('storage quota exceeded twice: the cache goes on in memory only, nothing computed is lost');
      }
    } finally {
      this.savedMs -= this.now() - t;
    }
  }

  private storedBytes(): number {
    let sum = 0;
    for (const [bytes] of this.index.values()) sum += bytes;
    return sum;
  }

  /** Writes data first, then index records: an index record always has its data. */
  private async write(batch: [string, Uint8Array][], records: [string, IndexRecord][]): Promise<void> {
    await this.refreshIndex(false);
    const batchBytes = batch.reduce((s, [, b]) => s + b.byteLength, 0);
    const over = this.storedBytes() + batchBytes - this.diskBytes;
    if (over > 0) await this.evict(over, batch);
    if (batch.length > 0) await this.store!.data.setMany(batch);
    await this.store!.index.setMany([...records, ...this.touched, [FORMAT_KEY, FORMAT]]);
    for (const [key, record] of records) {
      this.index.set(key, record);
      this.persistedMemoryKeys.add(record[3]);
    }
    this.touched.clear();
  }

  /** Deletes least recently used stored entries (not those being written) to free `bytes`. */
  private async evict(bytes: number, keep: [string, Uint8Array][]): Promise<void> {
    const skip = new Set(keep.map(([k]) => k));
    const victims = [...this.index].filter(([k]) => !skip.has(k)).sort((a, b) => a[1][1] - b[1][1]);
    const gone: string[] = [];
    let freed = 0;
    for (const [key, [size]] of victims) {
      if (freed >= bytes) break;
      gone.push(key);
      freed += size;
    }
    if (gone.length === 0) return;
    this.counts.diskEvictions += gone.length;
    await this.remove(gone);
  }

  /** Empties both levels (the "clear cache" control); statistics restart. */
  async clear(): Promise<void> {
    await this.flush();
    this.memory.clear();
    this.memory.evictions = 0;
    this.spare.length = 0;
    this.pending = [];
    this.index.clear();
    this.persistedMemoryKeys.clear();
    this.touched.clear();
    this.counts = { memoryHits: 0, diskHits: 0, misses: 0, diskEvictions: 0, notWorthPersisting: 0, corrupt: 0 };
    this.savedMs = 0;
    if (this.store) await Promise.all([this.store.data.clear(), this.store.index.clear()]);
  }

  /**
   * Hands back maps the caller is done with. Maps of a disk hit (which the memory level
   * does not keep: the disk has them) are then overwritten by a later disk hit, which so
   * allocates nothing; other maps are left alone.
   */
  release(maps: GtMapSet): void {
    if (!this.lent.delete(maps) || this.spare.length >= MAX_SPARE) return;
    this.spare.push(maps);
  }

  stats(): CacheStats {
    const { memoryHits, diskHits, misses } = this.counts;
    const lookups = memoryHits + diskHits + misses;
    return {
      enabled: this.enabled,
      memoryHits,
      diskHits,
      misses,
      hitRate: hitRate(memoryHits + diskHits, lookups),
      memoryEntries: this.memory.size,
      memoryBytes: this.memory.bytes,
      entries: this.index.size,
      storedBytes: this.storedBytes(),
      evictions: this.memory.evictions + this.counts.diskEvictions,
      notWorthPersisting: this.counts.notWorthPersisting,
      corrupt: this.counts.corrupt,
      netTimeSavedMs: this.savedMs,
      persistent: this.store !== null,
      message: this.message,
    };
  }
}
