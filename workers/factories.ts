import * as Comlink from 'comlink';
import { sumCacheStats } from '../src/core/cache/cache-stats';
import type { WorkerFactories } from '../src/core/pipeline/evaluation';
import type { CollateJob, CollateResult, PostJob, PrepJob } from '../src/core/pipeline/model-stages';
import type { GtMapsPort, PostPort, Prepared, PrepPort } from '../src/core/pipeline/ports';
import type { CollateApi } from './collate.worker';
import { poolEndpoint } from './pool-endpoint';
import { collateWorker, postWorker, prepWorker } from './spawn';


/**
 * The run's worker pools. Maps go to the post and collate workers as copies, not
 * transferables: a job whose worker crashes is retried on a new worker, and a transferred
 * buffer would be gone with the dead one (a 640x640 map copies in well under a millisecond).
 * Results come back as transferables. Each collate worker has its own in-memory cache level, so their
 * stats are summed.
 */
export interface FactoryOptions {
  /** Persist every cache entry and return map digests (the cache's reload test). */
  cacheTest?: boolean;
  /** Fault injection: the collate call with this 1-based number crashes its worker. */
  crashCollateAt?: number;
}

export function workerFactories(options: FactoryOptions = {}): WorkerFactories {
  let collateCalls = 0;
  const collateApis = new Set<Comlink.Remote<CollateApi>>();
  return {
    prep: () => poolEndpoint<PrepPort, PrepJob, Prepared>(prepWorker, (api, job) => api.prepare(job.image, job.profile, job.applyExifOrientation)),
    post: () =>
      poolEndpoint<PostPort, PostJob, never>(postWorker, (api, job) =>
        (job.kind === 'evaluate'
          ? api.evaluate(job.gt, job.detections, job.mode)
          : api.postprocess(job.prob, job.height, job.width, job.profile.post, job.toImage, job.imageWidth, job.imageHeight, job.sweep)) as Promise<never>,
      ),
    collate: () => {
      const endpoint = poolEndpoint<CollateApi, CollateJob, CollateResult>(collateWorker, (api, job) =>
        api.collate(job, {
          persistAll: options.cacheTest ?? false,
          withDigest: options.cacheTest ?? false,
          crash: ++collateCalls === options.crashCollateAt,
        }),
      );
      collateApis.add(endpoint.api);
      const terminate = endpoint.terminate;
      return {
        ...endpoint,
        terminate: () => {
          collateApis.delete(endpoint.api);
          terminate();
        },
      };
    },
    collateStats: async () => sumCacheStats(await Promise.all([...collateApis].map((api) => api.stats()))),
  };
}

/** One call to a collate worker started for it and stopped after: no run's worker is disturbed, and its memory goes with it. */
async function withCollateWorker<T>(call: (api: Comlink.Remote<CollateApi>) => Promise<T>): Promise<T> {
  const worker = collateWorker();
  try {
    return await call(Comlink.wrap<CollateApi>(worker));
  } finally {
    worker.terminate();
  }
}

/** Empties the persistent cache level (shared by all collate workers). */
export const clearPolygonCache = (): Promise<void> => withCollateWorker((api) => api.clear());

/** One image's GT maps for the inspector (from the polygon cache when a run put them there). */
export const gtMaps: GtMapsPort = (job) => withCollateWorker((api) => api.gtMaps(job));
