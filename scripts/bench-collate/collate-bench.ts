import * as Comlink from 'comlink';
import type { CacheStats } from '../../src/core/cache/cache-stats';
import { NEVER_ABORTED } from '../../src/core/pipeline/worker-apis';
import { WorkerPool } from '../../src/core/pipeline/worker-pool';
import { bridge } from '../../workers/bridge';
import type { CollateBenchApi, PassResult } from './collate-bench.worker';

// `new Worker(new URL(...))` must stay literal for Vite to find the worker.
const spawn = () => new Worker(new URL('./collate-bench.worker.ts', import.meta.url), { type: 'module', name: 'collate-bench' });

async function withWorker<T>(body: (api: Comlink.Remote<CollateBenchApi>) => Promise<T>): Promise<T> {
  const worker = spawn();
  try {
    return await body(Comlink.wrap<CollateBenchApi>(worker));
  } finally {
    worker.terminate();
  }
}

/**
 * Lets the browser finish IndexedDB work (clears, writes: LevelDB and blob files go on in
 * the background after a transaction completes) before a timed pass. 250 ms was too short
 * once a flush wrote 60 entries: the next pass ran ~5 % slower, on or off.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

export interface FirstRunRep {
  /** Whether the cache-on pass ran before the cache-off one. */
  onFirst: boolean;
  on: PassResult;
  off: PassResult;
  /** The flush after the cache-on pass (encode + IndexedDB write), not part of `on.ms`. */
  flushMs: number;
  stats: CacheStats;
}

/**
 * Timing calls for browser-half.ts, which drives them with page.evaluate
 * and reloads the page between them where a fresh worker and memory level are needed.
 */
const collateBench = {
  /**
   * First-run cost of the cache in one worker: passes with the cache on (both levels
   * cleared first, entries kept as the app keeps them: cost-aware, written at a flush after
   * the pass) and off, their order alternating. Both paths are run once untimed first.
   */
  firstRun: (seeds: number[], reps: number): Promise<FirstRunRep[]> =>
    withWorker(async (api) => {
      await api.open(false);
      await api.pass(seeds, false);
      await api.pass(seeds, true);
      const cacheOn = async () => {
        await api.clear();
        await settle();
        const pass = await api.pass(seeds, true);
        return { pass, flushMs: await api.flush(), stats: await api.stats() };
      };
      const cacheOff = async () => {
        await settle();
        return api.pass(seeds, false);
      };
      const results: FirstRunRep[] = [];
      for (let r = 0; r < reps; r++) {
        const onFirst = r % 2 === 0;
        const on = onFirst ? await cacheOn() : null;
        const off = await cacheOff();
        const { pass, flushMs, stats } = on ?? (await cacheOn());
        results.push({ onFirst, on: pass, off, flushMs, stats });
      }
      return results;
    }),

  /** Empties the bench's cache, then computes and persists every image's entry. */
  persistEvery: (seeds: number[]): Promise<{ pass: PassResult; flushMs: number; stats: CacheStats }> =>
    withWorker(async (api) => {
      await api.open(true);
      await api.clear();
      const pass = await api.pass(seeds, true);
      return { pass, flushMs: await api.flush(), stats: await api.stats() };
    }),

  /**
   * In a fresh worker (empty memory level), loads `warmUp` from IndexedDB untimed, so the
   * decode path is compiled, then times loading `seeds`.
   */
  diskPass: (warmUp: number[], seeds: number[]): Promise<PassResult> =>
    withWorker(async (api) => {
      await api.open(false);
      await api.pass(warmUp, true);
      await settle();
      return api.pass(seeds, true);
    }),

  /** diskPass split in its two parts, IndexedDB reads and decoding, measured apart. */
  loadParts: (warmUp: number[], seeds: number[]) => withWorker((api) => api.loadParts(warmUp, seeds)),

  /** Wall time of collating `seeds` (cache off) on a pool of `size` workers, after one untimed pass. */
  async poolPass(size: number, seeds: number[]): Promise<number> {
    // Only collateOne runs in the pool; the other passes need one worker each, in order.
    const pool = new WorkerPool({ size, create: () => bridge<Pick<CollateBenchApi, 'collateOne'>>(spawn, { collateOne: true }) });
    const all = () => Promise.all(seeds.map((seed) => pool.run(NEVER_ABORTED, (worker, signal) => worker.collateOne(signal, seed))));
    try {
      await all();
      await settle();
      const t = performance.now();
      const outcomes = await all();
      const ms = performance.now() - t;
      const failed = outcomes.find((o) => !o.ok);
      if (failed && !failed.ok) throw new Error(`pool job failed: ${failed.error}`);
      return ms;
    } finally {
      pool.terminate();
    }
  },
};

export type CollateBench = typeof collateBench;

declare global {
  interface Window {
    collateBench: CollateBench;
  }
}

window.collateBench = collateBench;
