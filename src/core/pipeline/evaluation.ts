import type { Dataset } from '../dataset/load-dataset';
import type { Sample } from '../dataset/sample';
import { defaultClevalMode, type ClevalMode } from '../metrics/cleval';
import type { ModelProfile } from '../model/profiles';
import type { RuntimeInfo } from '../model/session';
import type { SweepGrid } from '../analysis/sweep';
import type { CacheStatsSnapshot } from '../cache/cache-snapshot';
import type { MemorySample } from '../profiler/memory';
import { now, type Span } from '../profiler/span';
import { buildReport, type ReportInputs } from './build-report';
import type { Report } from '../report/schema';
import { Checkpointer, type CheckpointTarget } from '../report/checkpoint';
import type { LoadedThresholds } from '../report/thresholds';
import type { CacheStats } from '../cache/cache-stats';
import { inputName, probOutput, threshOutput, type LoadedModel } from './detector';
import { modelStages } from './model-stages';
import type { Bridge, GtMapsApi, InferApi, PostApi, PrepApi } from './worker-apis';
import { missingPredictions, predictionStages } from './prediction-stages';
import { runEvaluation, type RunResult } from './run';
import type { PageEnvironment } from './build-report';
import { DEFAULT_RUN_SETTINGS, type ImageOutcome, type RunSettings, type StageLoad } from './run-types';
import { WorkerPool } from './worker-pool';
import { inferenceBatchFor } from '../model/inference-batch';
import { cacheSnapshot, CacheTally } from './cache-tally';

/** How the pipeline gets workers; the app passes Comlink workers, tests in-process fakes. */
export interface WorkerFactories {
  prep(): Bridge<PrepApi>;
  post(): Bridge<PostApi>;
  gtMaps(): Bridge<GtMapsApi>;
  /** The cache stats of the GT-maps workers alive now, summed (each has its own memory level). */
  gtMapsStats(): Promise<CacheStats | null>;
}

export interface EvaluationSettings extends RunSettings {
  cache: boolean;
  /** Size of each CPU pool (prep, post, GT maps). */
  workers: number;
  shard: { index: number; count: number } | null;
  clevalMode: ClevalMode | 'auto';
  applyExifOrientation: boolean;
  warmupBatches: number;
  /** `thresh` x `unclip_ratio` values post-processed and scored on every image's map during the run; null: off. */
  sweep: SweepGrid | null;
  /**
   * onnxruntime's per-kernel profile of the run (the session opened again with its profiler on):
   * off by default, it costs a session creation and, on WebGPU, timestamp queries.
   */
  kernelProfile: boolean;
}

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = {
  ...DEFAULT_RUN_SETTINGS,
  cache: true,
  workers: Math.max(1, ((globalThis as { navigator?: Navigator }).navigator?.hardwareConcurrency ?? 2) - 1),
  shard: null,
  clevalMode: 'auto',
  applyExifOrientation: true,
  warmupBatches: 10,
  sweep: null,
  kernelProfile: false,
};

export interface EvaluationModel {
  infer: Bridge<InferApi>;
  loaded: LoadedModel;
  sha256: string;
  profile: ModelProfile;
}

export interface LiveState {
  /** Images whose work has begun; `done` of them finished (or failed for good). */
  started: number;
  done: number;
  total: number;
  failed: number;
  startedAt: number;
  spans: readonly Span[];
  outcomes: readonly ImageOutcome[];
  cache: CacheStatsSnapshot | null;
  memory: MemorySample | null;
  peakMemory: { jsHeapBytes: number | null; gpuBytes: number | null };
  /** What each stage is doing now: finished spans alone showed an idle run while inference ran for minutes. */
  inFlight: StageLoad[];
  /** Digests of each image's GT maps, by position in the run (only in the cache's test mode). */
  mapDigests: Readonly<Record<number, string>>;
  /** The report's run id: a checkpoint of this run in History is the running run, not an interrupted one. */
  runId: string;
}

export interface EvaluationRequest {
  dataset: Dataset;
  datasetName: string;
  datasetHash: string;
  /** Null: evaluate the dataset's prediction files. */
  model: EvaluationModel | null;
  settings: EvaluationSettings;
  workers: WorkerFactories;
  readImage(sample: Sample): Promise<Blob>;
  memory: { sample(): Promise<MemorySample>; readonly jsHeapSource: ReportInputs['memory']['jsHeapSource'] };
  userAgent: string;
  /** The page's own view, for the report's environment when no model runtime reports one (a predictions run). */
  page?: PageEnvironment;
  thresholds: { source: string; loaded: LoadedThresholds } | null;
  baseline: Report | null;
  signal?: AbortSignal;
  onUpdate?: (state: LiveState) => void;
  /** Keeps the partial report while the run goes on, so a reload or crash loses little (see checkpoint.ts). */
  checkpoint?: CheckpointTarget;
}

/** A deterministic 1/N of the images: every N-th, starting at shard I (1-based). */
export function shardIndices(count: number, shard: { index: number; count: number } | null): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  return shard ? all.filter((i) => i % shard.count === shard.index - 1) : all;
}

const UPDATE_MS = 250;
const MEMORY_MS = 1000;

/**
 * One evaluation from start to report: pools started lazily, stages wired, memory sampled
 * once a second, live state pushed at most 4 times a second, and a report built from
 * whatever finished, cancelled or not. Workers are stopped at the end so their memory goes.
 */
export async function evaluate(req: EvaluationRequest): Promise<Report> {
  const s = req.settings;
  const startedAt = new Date();
  const id = `${startedAt.toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
  const mode: ClevalMode = s.clevalMode === 'auto' ? defaultClevalMode(req.dataset.samples.map((x) => x.gt)) : s.clevalMode;
  // With a model, an annotation without its image cannot run (the dataset lists it already).
  const runnable = (i: number) => !req.model || req.dataset.samples[i].image !== undefined;
  const indices = shardIndices(req.dataset.samples.length, s.shard).filter(runnable);
  const samples = indices.map((i) => req.dataset.samples[i]);
  const total = s.limit > 0 ? Math.min(s.limit, samples.length) : samples.length;

  const prep = new WorkerPool({ create: req.workers.prep, size: s.workers });
  const post = new WorkerPool({ create: req.workers.post, size: s.workers });
  const collateOn = s.collate && req.model !== null;
  const gtMaps = collateOn ? new WorkerPool({ create: req.workers.gtMaps, size: s.workers }) : null;
  const tally = new CacheTally(s.batchSize, s.warmupBatches);

  const m = req.model;
  const feed = m && inputName(m.loaded.io, m.profile);
  const inferenceBatch = m && inferenceBatchFor(m.loaded.io, feed!, m.profile.inferenceBatch);
  const stages = m
    ? modelStages({
        readImage: req.readImage,
        prep,
        infer: m.infer,
        post,
        gtMaps,
        profile: m.profile,
        inputName: feed!,
        inferenceBatch: inferenceBatch!.used,
        probOutput: probOutput(m.loaded.io, m.profile),
        threshOutput: threshOutput(m.loaded.io, m.profile),
        clevalMode: mode,
        applyExifOrientation: s.applyExifOrientation,
        useCache: s.cache,
        sweep: s.sweep,
        onGtMaps: (r, index) => tally.add(r, index),
      })
    : predictionStages(req.dataset.predictions, post, mode);

  const spans: Span[] = [];
  const outcomes: ImageOutcome[] = [];
  const memory: MemorySample[] = [];
  const t0 = now();
  let lastUpdate = 0;
  let pendingUpdate: ReturnType<typeof setTimeout> | null = null;
  const peak = (k: 'jsHeapBytes' | 'gpuBytes') => memory.reduce<number | null>((p, x) => (x[k] === null ? p : Math.max(p ?? 0, x[k]!)), null);
  let started = 0;
  const poolLoad = (stage: string, pool: { busy: number; queued: number } | null): StageLoad[] => (pool ? [{ stage, running: pool.busy, queued: pool.queued }] : []);
  const inFlight = (): StageLoad[] => [
    ...poolLoad('prepare', m ? prep : null),
    ...(stages.inferLoad ? [{ stage: 'infer', ...stages.inferLoad() }] : []),
    ...poolLoad('postprocess + metrics', post),
    ...poolLoad('collate + loss', gtMaps),
  ];
  const state = (): LiveState => ({
    started,
    inFlight: inFlight(),
    done: outcomes.length,
    total,
    failed: outcomes.filter((o) => o.failed).length,
    startedAt: t0,
    // New arrays each time: views compare by identity to know what changed.
    spans: spans.slice(),
    outcomes: outcomes.slice(),
    cache: collateOn ? cacheSnapshot(tally, null, s.cache) : null,
    memory: memory.at(-1) ?? null,
    peakMemory: { jsHeapBytes: peak('jsHeapBytes'), gpuBytes: peak('gpuBytes') },
    mapDigests: tally.digests,
    runId: id,
  });
  const update = () => {
    if (!req.onUpdate || pendingUpdate) return;
    const wait = Math.max(0, lastUpdate + UPDATE_MS - performance.now());
    pendingUpdate = setTimeout(() => {
      pendingUpdate = null;
      lastUpdate = performance.now();
      req.onUpdate!(state());
    }, wait);
  };
  const sampleMemory = async () => {
    memory.push(await req.memory.sample());
    update();
  };
  void sampleMemory();
  const sampler = setInterval(() => void sampleMemory(), MEMORY_MS);

  // Outcomes carry positions in the shard's list; the report wants dataset positions.
  const reportOf = (result: RunResult, runtime: RuntimeInfo | null, workerStats: CacheStats | null, kernels: ReportInputs['kernels'] = null): Report =>
    buildReport({
      id,
      startedAt,
      finishedAt: new Date(),
      result: { ...result, outcomes: result.outcomes.map((o) => ({ ...o, index: indices[o.index] })) },
      dataset: { name: req.datasetName, data: req.dataset, contentHash: req.datasetHash, runProblems: m ? [] : missingPredictions(samples.slice(0, result.total), req.dataset.predictions) },
      model: m && { fileName: m.loaded.name, sizeBytes: m.loaded.bytes, sha256: m.sha256, profile: m.profile },
      runtime,
      userAgent: req.userAgent,
      page: req.page,
      // Without a model nothing is post-processed, so nothing is swept.
      settings: { ...s, shard: s.shard, sweep: m ? s.sweep : null },
      inferenceBatch,
      kernels,
      clevalMode: mode,
      memory: { samples: memory.slice(), jsHeapSource: req.memory.jsHeapSource, systemTotalBytes: null },
      cache: collateOn ? cacheSnapshot(tally, workerStats, s.cache) : null,
      thresholds: req.thresholds,
      baseline: req.baseline,
    });
  // What finished so far, marked as the CLI marks a Ctrl-C report: if the page goes, this is the run's partial report.
  const checkpoint =
    req.checkpoint &&
    new Checkpointer({
      build: () => {
        const finished = outcomes.slice().sort((a, b) => a.index - b.index);
        return reportOf({ outcomes: finished, total, partial: true, cancelled: true, spans: spans.slice() }, m?.loaded.runtime ?? null, null);
      },
      write: req.checkpoint.write,
      minGapMs: req.checkpoint.minGapMs,
    });

  let result;
  let runtime;
  let workerStats;
  let kernels: ReportInputs['kernels'] = null;
  try {
    let reopenMs = 0;
    if (s.kernelProfile && m) {
      const t = now();
      await m.infer.startKernelProfile();
      reopenMs = now() - t;
    }
    result = await runEvaluation(samples, stages, s, {
      signal: req.signal,
      onSpan: (span) => {
        spans.push(span);
      },
      onImageStart: () => {
        started++;
        update();
      },
      onImage: (o) => {
        outcomes.push(o);
        update();
        checkpoint?.offer();
      },
    });
    clearInterval(sampler);
    await sampleMemory();
    runtime = m ? ((await m.infer.runtime()) ?? m.loaded.runtime) : null;
    const profile = s.kernelProfile && m ? await m.infer.endKernelProfile() : null;
    kernels = profile && { ...profile, reopenMs };
    workerStats = collateOn ? await req.workers.gtMapsStats().catch(() => null) : null;
  } finally {
    clearInterval(sampler);
    if (pendingUpdate) clearTimeout(pendingUpdate);
    prep.terminate();
    post.terminate();
    gtMaps?.terminate();
    // Before the final report is saved: a checkpoint written after it would overwrite it.
    if (checkpoint) req.checkpoint!.done?.(await checkpoint.stop());
  }

  const report = reportOf(result, runtime, workerStats, kernels);
  req.onUpdate?.(state());
  return report;
}
