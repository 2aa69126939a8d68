import { COLLATE_VERSION, collate, truncatePolygon, type CollateMaps, type CollateParams } from '../collate/collate';
import type { Polygon } from '../geometry/types';
import { ByteLru } from './byte-lru';
import { cacheKey } from './cache-key';
import type { CacheStats } from './cache-stats';
import type { EntryStore } from './entry-store';
import { LoadCostModel } from './load-cost';
import { CODEC_VERSION, decodeMaps, encodeMaps } from './map-codec';

export type CacheSource = 'memory' | 'disk' | 'computed';

export interface PolygonCacheOptions {
  /** Persistent level; null or absent: memory only. */
  store?: EntryStore | null;
  memoryBytes?: number;
  diskBytes?: number;
  enabled?: boolean;
  /** Delay before pending entries are encoded and written; null: only on flush(). */
  autoFlushMs?: number | null;
  /** Persist every entry whatever its cost (tests of persistence across reloads). */
  persistAll?: boolean;
  now?: () => number;
  compute?: (params: CollateParams, polygons: Int32Array[]) => CollateMaps;
  loadCost?: LoadCostModel;
}

interface MemoryEntry {
  maps: CollateMaps;
  computeMs: number;
}

/** Index of the persistent level, kept in memory and stored with every write batch. */
interface DiskMeta {
  format: string;
  clock: number;
  /** key -> [bytes, last use (clock), compute ms] */
  entries: Record<string, [number, number, number]>;
}

const META_KEY = '#meta';
const FORMAT = `collate-v${COLLATE_VERSION}/codec-v${CODEC_VERSION}`;

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string })?.name;
  return name === 'QuotaExceededError' || (e as { code?: number })?.code === 22;
}

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Two-level cache of collate maps: an in-memory LRU of maps, then a persistent store
 * (IndexedDB) of compact entries, both bounded in bytes. Cost-aware: an entry is
 * persisted only when loading it is expected to be faster than computing it again,
 * and `stats().netTimeSavedMs` counts every cost the cache adds.
 *
 * Maps returned are shared with the memory level: callers that transfer or modify
 * them must copy first (`slice()`).
 */
export class PolygonCache {
  private readonly memory: ByteLru<MemoryEntry>;
  private readonly diskBytes: number;
  private readonly now: () => number;
  private readonly compute: (params: CollateParams, polygons: Int32Array[]) => CollateMaps;
  private readonly loadCost: LoadCostModel;
  private store: EntryStore | null;
  private meta: DiskMeta = { format: FORMAT, clock: 0, entries: {} };
  private metaDirty = false;
  private storedBytes = 0;
  private pending: { key: string; params: CollateParams; entry: MemoryEntry }[] = [];
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
    this.compute = options.compute ?? collate;
    this.loadCost = options.loadCost ?? new LoadCostModel();
    this.store = options.store ?? null;
    this.enabled = options.enabled ?? true;
  }

  /** Opens the cache, reading the persistent level's index (cleared if from another version). */
  static async open(options: PolygonCacheOptions = {}): Promise<PolygonCache> {
    const cache = new PolygonCache(options);
    await cache.loadMeta();
    return cache;
  }

  private async loadMeta(): Promise<void> {
    if (!this.store) return;
    try {
      const meta = (await this.store.get(META_KEY)) as DiskMeta | undefined;
      if (meta && meta.format === FORMAT && meta.entries) {
        this.meta = meta;
        this.storedBytes = Object.values(meta.entries).reduce((s, [b]) => s + b, 0);
      } else if (meta) {
        await this.store.clear(); // another collate or codec version: nothing in it can hit
      }
    } catch (e) {
      this.goMemoryOnly(`persistent cache unavailable (${(e as Error).message}); using memory only`);
    }
  }

  private goMemoryOnly(message: string): void {
    this.store = null;
    this.message = message;
  }

  /** The collate maps for these polygons, from memory, the persistent store, or computed. */
  async collate(params: CollateParams, polygons: readonly (Polygon | Int32Array)[]): Promise<{ maps: CollateMaps; source: CacheSource }> {
    const ints = polygons.map((p) => (p instanceof Int32Array ? p : truncatePolygon(p)));
    if (!this.enabled) return { maps: this.compute(params, ints), source: 'computed' };
    const start = this.now();
    const key = await cacheKey(params, ints);

    const inMemory = this.memory.get(key);
    if (inMemory) {
      this.counts.memoryHits++;
      this.savedMs += inMemory.computeMs - (this.now() - start);
      return { maps: inMemory.maps, source: 'memory' };
    }

    const fromDisk = await this.load(key, params);
    if (fromDisk) {
      this.counts.diskHits++;
      this.memory.set(key, fromDisk, fromDisk.maps.prob.byteLength * 2);
      this.savedMs += fromDisk.computeMs - (this.now() - start);
      return { maps: fromDisk.maps, source: 'disk' };
    }

    const lookupMs = this.now() - start;
    const t = this.now();
    const maps = this.compute(params, ints);
    const entry = { maps, computeMs: this.now() - t };
    this.counts.misses++;
    this.savedMs -= lookupMs;
    this.memory.set(key, entry, maps.prob.byteLength * 2);
    if (this.store) {
      this.pending.push({ key, params, entry });
      this.scheduleFlush();
    }
    return { maps, source: 'computed' };
  }

  private async load(key: string, params: CollateParams): Promise<MemoryEntry | null> {
    const known = this.meta.entries[key];
    if (!this.store || !known) return null;
    const t = this.now();
    let stored: unknown;
    try {
      stored = await this.store.get(key);
    } catch {
      return null;
    }
    if (stored === undefined) {
      this.forget(key);
      return null;
    }
    try {
      const maps = decodeMaps(stored as Uint8Array, params.height, params.width);
      this.loadCost.observe((stored as Uint8Array).byteLength, this.now() - t);
      known[1] = ++this.meta.clock;
      this.metaDirty = true;
      return { maps, computeMs: known[2] };
    } catch {
      this.counts.corrupt++;
      this.forget(key);
      await this.store.delMany([key]).catch(() => undefined);
      return null;
    }
  }

  private forget(key: string): void {
    const known = this.meta.entries[key];
    if (!known) return;
    this.storedBytes -= known[0];
    delete this.meta.entries[key];
    this.metaDirty = true;
  }

  private scheduleFlush(): void {
    const delay = this.options.autoFlushMs === undefined ? 0 : this.options.autoFlushMs;
    if (delay === null || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** Encodes pending entries and writes those worth persisting, in one batch. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.store || (this.pending.length === 0 && !this.metaDirty)) return;
    this.flushing = this.writePending().finally(() => (this.flushing = null));
    await this.flushing;
  }

  private async writePending(): Promise<void> {
    const batch: [string, Uint8Array][] = [];
    let batchBytes = 0;
    while (this.pending.length > 0) {
      const { key, params, entry } = this.pending.shift()!;
      const t = this.now();
      const bytes = encodeMaps(entry.maps, params.height, params.width, params.threshMin);
      this.savedMs -= this.now() - t;
      if (!bytes || bytes.byteLength > this.diskBytes) continue;
      if (!this.options.persistAll && this.loadCost.estimate(bytes.byteLength) >= entry.computeMs) {
        this.counts.notWorthPersisting++;
        continue;
      }
      batch.push([key, bytes]);
      batchBytes += bytes.byteLength;
      this.meta.entries[key] = [bytes.byteLength, ++this.meta.clock, entry.computeMs];
      await yieldToEvents(); // let queued jobs run between encodes
    }
    if (batch.length === 0 && !this.metaDirty) return;
    const t = this.now();
    try {
      await this.write(batch, batchBytes);
    } catch (e) {
      if (!isQuotaError(e)) {
        this.dropFromMeta(batch);
        this.goMemoryOnly(`persistent cache write failed (${(e as Error).message}); using memory only`);
        return;
      }
      try {
        await this.evictUntil(Math.max(batchBytes, this.storedBytes / 4), batch);
        await this.write(batch, batchBytes);
      } catch {
        this.dropFromMeta(batch);
        this.goMemoryOnly('storage quota exceeded twice: the cache goes on in memory only, nothing computed is lost');
      }
    } finally {
      this.savedMs -= this.now() - t;
    }
  }

  private dropFromMeta(batch: [string, Uint8Array][]): void {
    for (const [key] of batch) delete this.meta.entries[key];
  }

  private async write(batch: [string, Uint8Array][], batchBytes: number): Promise<void> {
    const limit = this.diskBytes - batchBytes;
    if (this.storedBytes > limit) await this.evictUntil(this.storedBytes - limit, batch);
    await this.store!.setMany([...batch, [META_KEY, this.meta]]);
    this.storedBytes += batchBytes;
    this.metaDirty = false;
    batch.length = 0; // written: a retry after a later failure must not count them again
  }

  /** Deletes least recently used stored entries (not those being written) to free `bytes`. */
  private async evictUntil(bytes: number, keep: [string, Uint8Array][]): Promise<void> {
    const skip = new Set(keep.map(([k]) => k));
    const victims = Object.entries(this.meta.entries)
      .filter(([k]) => !skip.has(k))
      .sort((a, b) => a[1][1] - b[1][1]);
    const gone: string[] = [];
    let freed = 0;
    for (const [key, [size]] of victims) {
      if (freed >= bytes) break;
      gone.push(key);
      freed += size;
    }
    if (gone.length === 0) return;
    for (const key of gone) this.forget(key);
    this.counts.diskEvictions += gone.length;
    await this.store!.delMany(gone);
  }

  /** Empties both levels (the "clear cache" control); statistics restart. */
  async clear(): Promise<void> {
    await this.flush();
    this.memory.clear();
    this.pending = [];
    this.meta = { format: FORMAT, clock: 0, entries: {} };
    this.storedBytes = 0;
    this.counts = { memoryHits: 0, diskHits: 0, misses: 0, diskEvictions: 0, notWorthPersisting: 0, corrupt: 0 };
    this.memory.evictions = 0;
    this.savedMs = 0;
    if (this.store) await this.store.clear();
  }

  stats(): CacheStats {
    const { memoryHits, diskHits, misses } = this.counts;
    const lookups = memoryHits + diskHits + misses;
    return {
      enabled: this.enabled,
      memoryHits,
      diskHits,
      misses,
      hitRate: lookups === 0 ? 0 : (memoryHits + diskHits) / lookups,
      memoryEntries: this.memory.size,
      memoryBytes: this.memory.bytes,
      entries: Object.keys(this.meta.entries).length,
      storedBytes: this.storedBytes,
      evictions: this.memory.evictions + this.counts.diskEvictions,
      notWorthPersisting: this.counts.notWorthPersisting,
      corrupt: this.counts.corrupt,
      netTimeSavedMs: this.savedMs,
      persistent: this.store !== null,
      message: this.message,
    };
  }
}
