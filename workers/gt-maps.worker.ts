import * as Comlink from 'comlink';
import './comlink-errors';
import { PolygonCache } from '../src/core/cache/polygon-cache';
import { gtMapParams } from '../src/core/gt-maps/gt-maps';
import { idbEntryStore } from '../src/core/cache/entry-store';
import { dbLoss } from '../src/core/metrics/loss';
import type { GtLossResult, GtMaps, GtMapsApi } from '../src/core/pipeline/worker-apis';
import { now } from '../src/core/profiler/span';
import { FNV1A_SEED, fnv1a, wordsOf } from '../src/core/numerics/fnv1a';

// Entries are encoded and written when the worker has had no miss for IDLE_FLUSH_MS (in a
// run, it waits on inference most of the time) and at the end of a run: encoding costs
// about half a compute (npm run bench:collate), which between two jobs would slow the
// collate stage the cache is meant to speed up, and entries written mid-run survive a
// cancel or a closed tab.
const IDLE_FLUSH_MS = 300;
let opened: Promise<PolygonCache> | null = null;
const cache = (persistAll: boolean) => (opened ??= PolygonCache.open({ store: idbEntryStore(), persistAll, autoFlushMs: IDLE_FLUSH_MS }));

/** FNV-1a over the maps' bytes: lets a test see that maps read back from the cache are identical. */
function digest(...maps: Float32Array[]): string {
  let h = FNV1A_SEED;
  for (const m of maps) h = fnv1a(wordsOf(m), h);
  return (h >>> 0).toString(16);
}

const api: GtMapsApi = {
  async loss(job, faults) {
    if (faults?.crash) {
      setTimeout(() => {
        throw new Error('injected GT-maps worker crash');
      });
      return new Promise<never>(() => {});
    }
    const t0 = now();
    const c = await cache(faults?.cacheTest ?? false);
    c.enabled = job.useCache;
    const params = gtMapParams(job.height, job.width);
    const { maps, source } = await c.gtMaps(params, job.polygons);
    const t1 = now();
    const loss = dbLoss({ prob: job.prob, thresh: job.thresh ?? undefined }, { maps, threshMask: maps.threshMask });
    const result: GtLossResult = {
      loss: { prob: loss.bce, dice: loss.dice, ...(loss.l1 !== null ? { thresh: loss.l1 } : {}), total: loss.total },
      source,
      timing: { collate: [t0, t1], loss: [t1, now()] },
      ...(faults?.cacheTest ? { digest: digest(maps.prob, maps.thresh) } : {}),
    };
    c.release(maps); // the maps never leave this worker
    return result;
  },

  async maps(job) {
    const c = await cache(false);
    c.enabled = true;
    const { maps, source } = await c.gtMaps(gtMapParams(job.height, job.width), job.polygons);
    const result: GtMaps = { shrink: maps.prob.slice(), thresh: maps.thresh.slice(), source };
    c.release(maps);
    await c.flush();
    return Comlink.transfer(result, [result.shrink.buffer, result.thresh.buffer]);
  },

  async stats() {
    const c = await cache(false);
    await c.flush();
    return c.stats();
  },

  async clear() {
    await (await cache(false)).clear();
  },
};

Comlink.expose(api);
