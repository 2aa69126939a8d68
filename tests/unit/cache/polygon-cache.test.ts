import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { PolygonCache, type PolygonCacheOptions } from '../../../src/core/cache/polygon-cache';
import { idbEntryStore, type CacheStore } from '../../../src/core/cache/entry-store';
import { cacheKey } from '../../../src/core/cache/cache-key';
import { makeGtMaps, gtMapParams, type GtMapParams } from '../../../src/core/gt-maps/gt-maps';
import { syntheticReceipt } from '../../../scripts/lib/synthetic/receipt-polygons';
import type { Polygon } from '../../../src/core/geometry/types';
import { sha256 } from '../gt-maps/fixtures';

const params: GtMapParams = gtMapParams(96, 128);
/** One entry in memory: two float32 maps and the byte mask. */
const MAP_BYTES = 2 * 96 * 128 * 4 + 96 * 128;
const FLOAT_MAPS_BYTES = 2 * 96 * 128 * 4;
const quad = (x: number, y: number): Polygon => [[x, y], [x + 40, y], [x + 40, y + 14], [x, y + 14]];
const sets = [0, 1, 2, 3, 4, 5].map((i) => [quad(5 + 10 * i, 10), quad(20, 50 + 5 * i)]);
let dbCount = 0;

/**
 * A cache with a manual clock: computing costs `computeMs`, everything else 0 unless a
 * test moves the clock, so the time figures are exact.
 */
async function setup(options: Partial<PolygonCacheOptions> & { computeMs?: number } = {}) {
  const clock = { t: 0 };
  let computed = 0;
  const store = options.store === undefined ? idbEntryStore(`test-${dbCount++}`) : options.store;
  const make = (more: Partial<PolygonCacheOptions> = {}) =>
    PolygonCache.open({
      autoFlushMs: null,
      now: () => clock.t,
      compute: (p, polys) => {
        computed++;
        clock.t += options.computeMs ?? 10;
        return makeGtMaps(p, polys);
      },
      ...options,
      store,
      ...more,
    });
  const cache = await make();
  return { cache, clock, store, make, computedCount: () => computed };
}

describe('PolygonCache', () => {
  it('computes on a miss and hits memory the second time, with exact stats', async () => {
    const { cache, computedCount } = await setup({ store: null });
    const first = await cache.gtMaps(params, sets[0]);
    const second = await cache.gtMaps(params, sets[0]);
    expect([first.source, second.source]).toEqual(['computed', 'memory']);
    expect(second.maps).toBe(first.maps);
    expect(computedCount()).toBe(1);
    const s = cache.stats();
    expect([s.memoryHits, s.diskHits, s.misses]).toEqual([1, 0, 1]);
    expect(s.hitRate).toBe(0.5);
    expect(s.memoryEntries).toBe(1);
    expect(s.memoryBytes).toBe(MAP_BYTES);
    expect(s.netTimeSavedMs).toBe(10); // one avoided 10 ms compute, no other cost on this clock
    expect(s.persistent).toBe(false);
  });

  it('returns the same maps as makeGtMaps itself', async () => {
    const { cache } = await setup();
    const { maps } = await cache.gtMaps(params, sets[1]);
    const direct = makeGtMaps(params, sets[1]);
    expect(sha256(maps.prob)).toBe(sha256(direct.prob));
    expect(sha256(maps.thresh)).toBe(sha256(direct.thresh));
  });

  it('bounds the memory level in bytes, evicting the least recently used', async () => {
    const { cache } = await setup({ store: null, memoryBytes: 2 * MAP_BYTES });
    await cache.gtMaps(params, sets[0]);
    await cache.gtMaps(params, sets[1]);
    await cache.gtMaps(params, sets[0]); // 0 becomes the most recent
    await cache.gtMaps(params, sets[2]); // evicts 1
    expect((await cache.gtMaps(params, sets[0])).source).toBe('memory');
    expect((await cache.gtMaps(params, sets[1])).source).toBe('computed');
    const s = cache.stats();
    expect(s.memoryBytes).toBeLessThanOrEqual(2 * MAP_BYTES);
    expect(s.evictions).toBe(2);
  });

  it('persists, and a fresh cache on the same store (a reload) hits it bit-identically', async () => {
    const { cache, make, computedCount } = await setup();
    const first = await cache.gtMaps(params, sets[0]);
    await cache.flush();
    expect(cache.stats().entries).toBe(1);
    const reloaded = await make();
    const again = await reloaded.gtMaps(params, sets[0]);
    expect(again.source).toBe('disk');
    expect(computedCount()).toBe(1);
    expect(sha256(again.maps.prob)).toBe(sha256(first.maps.prob));
    expect(sha256(again.maps.thresh)).toBe(sha256(first.maps.thresh));
    // the loss's mask comes back with the maps: a hit computes nothing
    expect(again.maps.threshMask).toEqual(first.maps.threshMask);
    expect(again.maps.threshMask.some((v) => v === 1)).toBe(true);
    // the disk has it: the memory level does not hold a second copy
    expect((await reloaded.gtMaps(params, sets[0])).source).toBe('disk');
    const s = reloaded.stats();
    expect([s.memoryHits, s.diskHits, s.misses]).toEqual([0, 2, 0]);
    expect(s.memoryEntries).toBe(0);
    expect(s.storedBytes).toBeGreaterThan(0);
    expect(s.storedBytes).toBeLessThan(0.15 * FLOAT_MAPS_BYTES);
  });

  it('a disk hit reuses the maps of a released disk hit, and only those', async () => {
    const { cache, make } = await setup({ persistAll: true });
    const computed = await Promise.all(sets.slice(0, 3).map(async (set) => (await cache.gtMaps(params, set)).maps));
    const reference = computed.map((m) => [sha256(m.prob), sha256(m.thresh)]);
    await cache.flush();
    cache.release(computed[0]); // held by the memory level: not recycled
    expect((await cache.gtMaps(params, sets[0])).maps).toBe(computed[0]);

    const reloaded = await make();
    const a = await reloaded.gtMaps(params, sets[0]);
    expect([sha256(a.maps.prob), sha256(a.maps.thresh)]).toEqual(reference[0]);
    reloaded.release(a.maps);
    const b = await reloaded.gtMaps(params, sets[1]);
    expect(b.source).toBe('disk');
    expect(b.maps).toBe(a.maps); // overwritten in place
    expect([sha256(b.maps.prob), sha256(b.maps.thresh)]).toEqual(reference[1]);
    const c = await reloaded.gtMaps(params, sets[2]); // b not released: new maps
    expect(c.maps).not.toBe(b.maps);
    expect([sha256(c.maps.prob), sha256(c.maps.thresh)]).toEqual(reference[2]);
    expect([sha256(b.maps.prob), sha256(b.maps.thresh)]).toEqual(reference[1]);
  });

  it('is cost-aware: what loads slower than it computes stays in memory only', async () => {
    const cheap = await setup({ computeMs: 0.5 }); // below the 1 ms fixed load cost prior
    await cheap.cache.gtMaps(params, sets[0]);
    await cheap.cache.flush();
    expect(cheap.cache.stats().entries).toBe(0);
    expect(cheap.cache.stats().notWorthPersisting).toBe(1);

    const dear = await setup({ computeMs: 50 });
    await dear.cache.gtMaps(params, sets[0]);
    await dear.cache.flush();
    expect(dear.cache.stats().entries).toBe(1);

    const forced = await setup({ computeMs: 0.5, persistAll: true });
    await forced.cache.gtMaps(params, sets[0]);
    await forced.cache.flush();
    expect(forced.cache.stats().entries).toBe(1);
  });

  it('counts encoding and writing against the time saved', async () => {
    const store = idbEntryStore(`test-${dbCount++}`);
    const clock = { t: 0 };
    const slowStore: CacheStore = {
      ...store,
      data: {
        ...store.data,
        setMany: async (entries) => {
          clock.t += 3; // a 3 ms write
          await store.data.setMany(entries);
        },
      },
    };
    const cache = await PolygonCache.open({
      store: slowStore,
      autoFlushMs: null,
      now: () => clock.t,
      compute: (p, polys) => ((clock.t += 10), makeGtMaps(p, polys)),
    });
    await cache.gtMaps(params, sets[0]);
    await cache.flush();
    expect(cache.stats().netTimeSavedMs).toBe(-3);
    await cache.gtMaps(params, sets[0]);
    expect(cache.stats().netTimeSavedMs).toBe(7);
  });

  it('bounds the persistent level in bytes, evicting the least recently used', async () => {
    const probe = await setup();
    await probe.cache.gtMaps(params, sets[0]);
    await probe.cache.flush();
    const entryBytes = probe.cache.stats().storedBytes;

    const { cache, make } = await setup({ diskBytes: Math.floor(entryBytes * 2.5) });
    for (const set of sets.slice(0, 4)) {
      await cache.gtMaps(params, set);
      await cache.flush();
    }
    const s = cache.stats();
    expect(s.entries).toBe(2);
    expect(s.storedBytes).toBeLessThanOrEqual(entryBytes * 2.5);
    expect(s.evictions).toBe(2);
    const reloaded = await make();
    expect((await reloaded.gtMaps(params, sets[3])).source).toBe('disk');
    expect((await reloaded.gtMaps(params, sets[0])).source).toBe('computed');
  });

  it('treats a corrupt or wrong-size entry as a miss and deletes it', async () => {
    const { cache, store, make } = await setup();
    await cache.gtMaps(params, sets[0]);
    await cache.gtMaps(params, sets[1]);
    await cache.flush();
    const ints = (set: Polygon[]) => set.map((p) => new Int32Array(p.flat().map(Math.trunc)));
    const k0 = await cacheKey(params, ints(sets[0]));
    const k1 = await cacheKey(params, ints(sets[1]));
    await store!.data.setMany([[k0, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])]]);
    const other = makeGtMaps({ ...params, height: 48 }, sets[1]);
    const { encodeMaps } = await import('../../../src/core/cache/map-codec');
    await store!.data.setMany([[k1, encodeMaps(other, 48, 128, 0.3)!]]);

    const reloaded = await make();
    expect((await reloaded.gtMaps(params, sets[0])).source).toBe('computed');
    expect((await reloaded.gtMaps(params, sets[1])).source).toBe('computed');
    const s = reloaded.stats();
    expect(s.corrupt).toBe(2);
    expect(s.misses).toBe(2);
    for (const k of [k0, k1]) {
      expect(await store!.data.get(k)).toBeUndefined();
      expect(await store!.index.get(k)).toBeUndefined();
    }
  });

  it('on a quota error evicts and retries once', async () => {
    const store = idbEntryStore(`test-${dbCount++}`);
    let failures = 0;
    const flaky: CacheStore = {
      ...store,
      data: {
        ...store.data,
        setMany: async (entries) => {
          if (failures-- > 0) throw new DOMException('full', 'QuotaExceededError');
          await store.data.setMany(entries);
        },
      },
    };
    const { cache } = await setup({ store: flaky });
    await cache.gtMaps(params, sets[0]);
    await cache.flush();
    failures = 1;
    await cache.gtMaps(params, sets[1]);
    await cache.flush(); // fails once, evicts sets[0]'s entry, retries
    const s = cache.stats();
    expect(s.persistent).toBe(true);
    expect(s.entries).toBe(1);
    expect(s.evictions).toBe(1);
  });

  it('after a second quota error goes on in memory only, says so, and loses nothing', async () => {
    const store = idbEntryStore(`test-${dbCount++}`);
    const full: CacheStore = {
      ...store,
      data: {
        ...store.data,
        setMany: async () => {
          throw new DOMException('full', 'QuotaExceededError');
        },
      },
    };
    const { cache } = await setup({ store: full });
    const first = await cache.gtMaps(params, sets[0]);
    await cache.flush();
    const s = cache.stats();
    expect(s.persistent).toBe(false);
    expect(s.message).toMatch(/quota/i);
    expect(s.entries).toBe(0);
    const again = await cache.gtMaps(params, sets[0]);
    expect(again.source).toBe('memory');
    expect(again.maps).toBe(first.maps);
  });

  it('hashes a key (SHA-256) only for entries the persistent level may hold, and at the flush', async () => {
    const digest = vi.spyOn(crypto.subtle, 'digest');
    try {
      const { cache, make } = await setup({ persistAll: true });
      for (const set of sets.slice(0, 3)) await cache.gtMaps(params, set);
      expect(digest).not.toHaveBeenCalled(); // nothing persisted yet: misses wait for no digest
      await cache.flush();
      expect(digest).toHaveBeenCalledTimes(3);
      const reloaded = await make();
      digest.mockClear();
      expect((await reloaded.gtMaps(params, sets[0])).source).toBe('disk');
      expect(digest).toHaveBeenCalledTimes(1);
      expect((await reloaded.gtMaps(params, sets[4])).source).toBe('computed');
      expect(digest).toHaveBeenCalledTimes(1);
    } finally {
      digest.mockRestore();
    }
  });

  it('writes pending entries once misses pause for autoFlushMs, not between them', async () => {
    const { cache } = await setup({ persistAll: true, autoFlushMs: 250, now: () => performance.now() });
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    for (const set of sets.slice(0, 3)) {
      await cache.gtMaps(params, set);
      await pause(100);
    }
    expect(cache.stats().entries).toBe(0); // each miss restarted the wait
    for (let waited = 0; cache.stats().entries < 3 && waited < 3000; waited += 50) await pause(50);
    expect(cache.stats().entries).toBe(3);
  });

  it('a store from another GT-maps or codec version is cleared on open', async () => {
    const store = idbEntryStore(`test-${dbCount++}`);
    await store.index.setMany([
      ['#format', 'collate-v0/codec-v0'],
      ['old', [10, 1, 5]],
    ]);
    await store.data.setMany([['old', new Uint8Array(10)]]);
    const { cache } = await setup({ store });
    expect(cache.stats().entries).toBe(0);
    expect(await store.data.get('old')).toBeUndefined();
    expect(await store.index.get('old')).toBeUndefined();
  });

  it("what users' stores hold stays readable: the format mark and the persistent key are those written before the GT-maps rename", async () => {
    const { cache, store } = await setup({ persistAll: true });
    await cache.gtMaps(params, sets[0]);
    await cache.flush();
    // Changing either orphans every stored entry: only with a bump of GT_MAPS_VERSION or CODEC_VERSION.
    expect(await store!.index.get('#format')).toBe('collate-v2/codec-v3');
    const key = await cacheKey(params, sets[0].map((p) => new Int32Array(p.flat())));
    expect(key).toBe('e9b427b34998c191e8bfafb9b63fde332ba32b54202ae87e7724175759735ce8');
    expect(await store!.data.get(key)).toBeInstanceOf(Uint8Array);
  });

  it('caches of several workers share the store without erasing each other\'s entries', async () => {
    const store = idbEntryStore(`test-${dbCount++}`);
    const a = await setup({ store });
    const b = await setup({ store });
    await a.cache.gtMaps(params, sets[0]);
    await b.cache.gtMaps(params, sets[1]);
    await a.cache.flush();
    await b.cache.flush();
    expect(b.cache.stats().entries).toBe(2); // b's flush learned of a's entry
    const reloaded = await a.make();
    expect(reloaded.stats().entries).toBe(2);
    expect((await reloaded.gtMaps(params, sets[0])).source).toBe('disk');
    expect((await reloaded.gtMaps(params, sets[1])).source).toBe('disk');
  });

  it('an entry another worker evicted is a miss, not an error', async () => {
    const store = idbEntryStore(`test-${dbCount++}`);
    const a = await setup({ store });
    await a.cache.gtMaps(params, sets[0]);
    await a.cache.flush();
    const b = await a.make();
    await a.cache.clear();
    expect((await b.gtMaps(params, sets[0])).source).toBe('computed');
    expect(b.stats().corrupt).toBe(0);
  });

  it('keys differ with every parameter and polygon, but not below the integer', async () => {
    const ints = (set: Polygon[]) => set.map((p) => new Int32Array(p.flat().map(Math.trunc)));
    const base = await cacheKey(params, ints(sets[0]));
    const variants = [
      { ...params, height: 97 },
      { ...params, width: 129 },
      { ...params, shrinkRatio: 0.5 },
      { ...params, threshMin: 0.2 },
      { ...params, threshMax: 0.8 },
    ];
    for (const v of variants) expect(await cacheKey(v, ints(sets[0]))).not.toBe(base);
    expect(await cacheKey(params, ints(sets[1]))).not.toBe(base);
    expect(await cacheKey(params, ints([...sets[0]].reverse()))).not.toBe(base);
    const jittered = sets[0].map((p) => p.map(([x, y]) => [x + 0.4, y + 0.9] as [number, number]));
    expect(await cacheKey(params, ints(jittered))).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when disabled computes every time and records nothing', async () => {
    const { cache, computedCount } = await setup({ enabled: false });
    await cache.gtMaps(params, sets[0]);
    await cache.gtMaps(params, sets[0]);
    expect(computedCount()).toBe(2);
    expect(cache.stats().misses + cache.stats().memoryHits).toBe(0);
  });

  it('clear() empties both levels', async () => {
    const { cache, make } = await setup();
    await cache.gtMaps(params, sets[0]);
    await cache.flush();
    await cache.clear();
    expect(cache.stats().entries).toBe(0);
    expect((await cache.gtMaps(params, sets[0])).source).toBe('computed');
    expect((await (await make()).gtMaps(params, sets[0])).source).toBe('computed');
  });

  it('works on a real receipt-sized image', async () => {
    const { cache, make } = await setup({ computeMs: 20 });
    const p640 = { ...params, height: 640, width: 640 };
    const first = await cache.gtMaps(p640, syntheticReceipt(3));
    await cache.flush();
    const again = await (await make()).gtMaps(p640, syntheticReceipt(3));
    expect(again.source).toBe('disk');
    expect(sha256(again.maps.thresh)).toBe(sha256(first.maps.thresh));
  });
});

describe('memory keys', () => {
  it('are equal for equal key bytes, differ otherwise, and sameKey checks every byte', async () => {
    const { keyBytes, memoryKey, sameKey } = await import('../../../src/core/cache/cache-key');
    const ints = (set: Polygon[]) => set.map((p) => new Int32Array(p.flat().map(Math.trunc)));
    const a = keyBytes(params, ints(sets[0]));
    const b = keyBytes(params, ints(sets[0]));
    const c = keyBytes(params, ints(sets[1]));
    expect(memoryKey(a)).toBe(memoryKey(b));
    expect(memoryKey(a)).not.toBe(memoryKey(c));
    expect(sameKey(a, b)).toBe(true);
    const d = a.slice();
    d[d.length - 1] ^= 1;
    expect(sameKey(a, d)).toBe(false);
    expect(sameKey(a, a.subarray(0, a.length - 4))).toBe(false);
  });
});
