import { sumCacheStats } from '../src/core/cache/cache-stats';
import type { WorkerFactories } from '../src/core/pipeline/evaluation';
import type { Bridge, GtMapsApi } from '../src/core/pipeline/worker-apis';
import { gtMapsBridge, postBridge, prepBridge } from './spawn';

/**
 * The run's workers. Maps go to the post and GT-maps workers as copies, not transferables: a
 * job whose worker crashes is retried on a new worker, and a transferred buffer would be gone
 * with the dead one (a 640x640 map copies in well under a millisecond). Results come back as
 * transferables. Each GT-maps worker has its own in-memory cache level, so their stats are summed.
 */
export interface FactoryOptions {
  /** Persist every cache entry and return map digests (the cache's reload test). */
  cacheTest?: boolean;
  /** Fault injection: the GT-maps worker's loss call with this 1-based number crashes its worker. */
  crashLossAt?: number;
}

export function workerFactories(options: FactoryOptions = {}): WorkerFactories {
  let lossCalls = 0;
  const alive = new Set<Bridge<GtMapsApi>>();
  return {
    prep: prepBridge,
    post: postBridge,
    gtMaps: () => {
      const worker = gtMapsBridge();
      alive.add(worker);
      return {
        ...worker,
        loss: (signal, job) => worker.loss(signal, job, { cacheTest: options.cacheTest ?? false, crash: ++lossCalls === options.crashLossAt }),
        terminate: () => {
          alive.delete(worker);
          worker.terminate();
        },
      };
    },
    gtMapsStats: async () => sumCacheStats(await Promise.all([...alive].map((worker) => worker.stats()))),
  };
}

/** One call to a GT-maps worker started for it and stopped after: no run's worker is disturbed, and its memory goes with it. */
async function withGtMapsWorker<T>(call: (worker: Bridge<GtMapsApi>) => Promise<T>): Promise<T> {
  const worker = gtMapsBridge();
  try {
    return await call(worker);
  } finally {
    worker.terminate();
  }
}

/** Empties the persistent cache level (shared by all GT-maps workers). */
export const clearPolygonCache = (): Promise<void> => withGtMapsWorker((worker) => worker.clear());

/** One image's GT maps for the inspector (from the polygon cache when a run put them there). */
export const gtMaps: Bridge<GtMapsApi>['maps'] = (signal, job) => withGtMapsWorker((worker) => worker.maps(signal, job));
