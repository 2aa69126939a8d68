import * as Comlink from 'comlink';
import '../../workers/comlink-errors';
import { cacheKey } from '../../src/core/cache/cache-key';
import { idbEntryStore } from '../../src/core/cache/entry-store';
import { decodeMaps } from '../../src/core/cache/map-codec';
import { PolygonCache } from '../../src/core/cache/polygon-cache';
import { gtMapParams, truncatePolygon, type GtMapSet, type GtMapParams } from '../../src/core/gt-maps/gt-maps';
import { CURVED_SEEDS, syntheticCurvedReceipt, syntheticReceipt } from '../lib/synthetic/receipt-polygons';
import type { Polygon } from '../../src/core/geometry/types';

/** The app's collate parameters on 640x640 maps. */
const PARAMS: GtMapParams = gtMapParams(640, 640);
/** Its own databases: the bench never touches (or reads) the app's cache. */
const BENCH_DB = 'detscope-collate-bench';

/** One pass: its time, and where each image's maps came from. */
export interface PassResult {
  ms: number;
  sources: Record<string, number>;
  /** Each image's time, in pass order. */
  perImage: number[];
}

/** Pool workers are never opened: they make GT maps with the cache off, as a memory-only cache. */
let cache: Promise<PolygonCache> | null = null;
const opened = () => (cache ??= PolygonCache.open({ store: null }));
const sets = new Map<number, Polygon[]>();
const make = (seed: number) => (seed >= CURVED_SEEDS ? syntheticCurvedReceipt(seed - CURVED_SEEDS) : syntheticReceipt(seed));
const polygons = (seed: number) => sets.get(seed) ?? sets.set(seed, make(seed)).get(seed)!;

/**
 * A worker that owns a PolygonCache as the app's collate worker does (IndexedDB store,
 * writes deferred to an explicit flush) and times passes over seeded receipt images.
 * Polygons are generated here, outside the timings, so no transfer is measured.
 */
const api = {
  async open(persistAll: boolean): Promise<void> {
    cache = PolygonCache.open({ store: idbEntryStore(BENCH_DB), persistAll, autoFlushMs: null });
    await cache;
  },

  async pass(seeds: number[], useCache: boolean): Promise<PassResult> {
    const c = await opened();
    c.enabled = useCache;
    for (const seed of seeds) polygons(seed);
    const sources: Record<string, number> = {};
    const perImage: number[] = [];
    const t = performance.now();
    for (const seed of seeds) {
      const s = performance.now();
      const { source, maps } = await c.gtMaps(PARAMS, polygons(seed));
      c.release(maps); // as the app's collate worker does once its loss is computed
      perImage.push(performance.now() - s);
      sources[source] = (sources[source] ?? 0) + 1;
    }
    return { ms: performance.now() - t, sources, perImage };
  },

  /** One image with the cache off, as a pool job: the maps stay in the worker. */
  async collateOne(seed: number): Promise<number> {
    const c = await opened();
    c.enabled = false;
    const t = performance.now();
    await c.gtMaps(PARAMS, polygons(seed));
    return performance.now() - t;
  },

  /**
   * What a disk hit is made of, outside the cache: reading the stored entries (one IndexedDB
   * get each), then decoding them. `warmUp` seeds go through both steps untimed first.
   */
  async loadParts(warmUp: number[], seeds: number[]): Promise<{ readMs: number; decodeMs: number }> {
    const { data } = idbEntryStore(BENCH_DB);
    const read = async (list: number[]) => {
      const keys = await Promise.all(list.map((seed) => cacheKey(PARAMS, polygons(seed).map(truncatePolygon))));
      const entries: Uint8Array[] = [];
      const t = performance.now();
      for (const key of keys) entries.push((await data.get(key)) as Uint8Array);
      return { entries, ms: performance.now() - t };
    };
    // into one pair of maps, as the cache's disk hits do once the caller releases them
    let into: GtMapSet | undefined;
    const decode = (entries: Uint8Array[]) => {
      const t = performance.now();
      for (const entry of entries) into = decodeMaps(entry, PARAMS.height, PARAMS.width, into);
      return performance.now() - t;
    };
    decode((await read(warmUp)).entries);
    const { entries, ms } = await read(seeds);
    return { readMs: ms, decodeMs: decode(entries) };
  },

  async flush(): Promise<number> {
    const t = performance.now();
    await (await opened()).flush();
    return performance.now() - t;
  },

  clear: async () => (await opened()).clear(),
  stats: async () => (await opened()).stats(),
};

export type CollateBenchApi = typeof api;
Comlink.expose(api);
