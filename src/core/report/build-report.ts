import type { Dataset } from '../dataset/load-dataset';
import type { DatasetIssue } from '../dataset/issues';
import type { RuntimeInfo } from '../model/session';
import type { ModelProfile } from '../model/profiles';
import type { RunResult } from '../pipeline/run';
import type { ImageOutcome, RunSettings } from '../pipeline/run-types';
import type { CacheStatsSnapshot } from '../profiler/cache-stats';
import { summarizeMemory, type MemorySample } from '../profiler/memory';
import { summarizeTiming } from '../profiler/timing';
import { accuracyFromImages } from './accuracy';
import { runBreakdowns } from '../analysis/breakdown';
import { SCHEMA_VERSION, type ImageResult, type Report } from './schema';
import { attachVerdicts, type ThresholdsSource } from './verdicts';
import type { InferenceBatch } from '../model/inference-batch';
import type { KernelProfileReport } from './schema';

export const DETSCOPE_VERSION = '0.1.0';

/** What the page knows of itself; a run without a model has no runtime to ask. */
export interface PageEnvironment {
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

export interface ReportInputs {
  id: string;
  startedAt: Date;
  finishedAt: Date;
  result: RunResult;
  /** `runProblems`: found while running, e.g. images without a prediction file. */
  dataset: { name: string; data: Dataset; contentHash: string; runProblems?: DatasetIssue[] };
  model: { fileName: string; sizeBytes: number; sha256: string; profile: ModelProfile } | null;
  runtime: RuntimeInfo | null;
  userAgent: string;
  page?: PageEnvironment;
  settings: RunSettings & { workers: number; cache: boolean; shard: { index: number; count: number } | null; applyExifOrientation: boolean };
  clevalMode: 'official' | 'seed';
  /** Images per model call; null (or absent) without a model. */
  inferenceBatch?: InferenceBatch | null;
  /** The run's per-kernel profile, when it was asked for. */
  kernels?: KernelProfileReport | null;
  memory: { samples: MemorySample[]; jsHeapSource: Report['memory']['jsHeapSource']; systemTotalBytes: number | null };
  cache: CacheStatsSnapshot | null;
  thresholds: ThresholdsSource | null;
  baseline: Report | null;
}

function browserName(userAgent: string): string {
  const m = /(HeadlessChrome|Chrome|Firefox|Safari)\/([\d.]+)/.exec(userAgent);
  return m ? `${m[1]} ${m[2]}` : 'unknown';
}

/** One image's line of the report. */
export function imageResult(o: ImageOutcome): ImageResult {
  return {
    index: o.index,
    name: o.name,
    cleval: o.metrics?.cleval ?? null,
    iou: o.metrics?.iou ?? null,
    loss: o.loss,
    ...(o.found ? { found: { ...o.found, ...(o.metrics ? { matching: o.metrics.matching } : {}) } } : {}),
    ...(o.failed ? { failed: `${o.failed.stage}: ${o.failed.message}` } : {}),
  };
}

/** The run's report, built from what the run measured; nothing here is estimated. */
export function buildReport(x: ReportInputs): Report {
  const images = x.result.outcomes.map(imageResult);
  const failed = x.result.outcomes.filter((o) => o.failed).length;
  const rt = x.runtime;
  const report: Report = {
    schema_version: SCHEMA_VERSION,
    run: {
      id: x.id,
      startedAt: x.startedAt.toISOString(),
      finishedAt: x.finishedAt.toISOString(),
      detscopeVersion: DETSCOPE_VERSION,
      partial: x.result.partial,
      imagesDone: x.result.outcomes.length,
      imagesFailed: failed,
      imagesTotal: x.result.total,
      ...(x.result.cancelled ? { cancelled: true } : {}),
    },
    dataset: {
      name: x.dataset.name,
      format: x.dataset.data.format,
      ...(x.dataset.data.boxType ? { boxType: x.dataset.data.boxType } : {}),
      images: x.dataset.data.summary.images,
      polygons: x.dataset.data.summary.polygons,
      skipped: x.dataset.data.issues.filter((i) => i.action === 'skipped').map((i) => ({ file: i.file, reason: i.message })),
      // Copies: the report is plain data, whatever the dataset's issue objects become.
      problems: [...x.dataset.data.issues, ...(x.dataset.runProblems ?? [])].map((i) => ({ ...i })),
      contentHash: x.dataset.contentHash,
    },
    model: x.model && { fileName: x.model.fileName, sizeBytes: x.model.sizeBytes, sha256: x.model.sha256, profile: { ...x.model.profile } },
    environment: {
      browser: browserName(x.userAgent),
      userAgent: x.userAgent,
      ep: rt?.ep ?? 'none',
      fallbackReason: rt?.fallbackReason ?? null,
      adapter: rt?.adapter ? { vendor: rt.adapter.vendor ?? 'unknown', architecture: rt.adapter.architecture ?? 'unknown', isFallback: rt.adapter.isFallback } : null,
      threads: rt?.wasmThreads ?? 1,
      crossOriginIsolated: rt?.crossOriginIsolated ?? x.page?.crossOriginIsolated ?? false,
      hardwareConcurrency: rt?.hardwareConcurrency ?? x.page?.hardwareConcurrency ?? 1,
    },
    settings: {
      batchSize: x.settings.batchSize,
      workers: x.settings.workers,
      cache: x.settings.cache,
      limit: x.settings.limit > 0 ? x.settings.limit : null,
      shard: x.settings.shard,
      applyExifOrientation: x.settings.applyExifOrientation,
      ...(x.inferenceBatch ? { inferenceBatch: { ...x.inferenceBatch } } : {}),
    },
    timing: summarizeTiming(x.result.spans, { images: x.result.outcomes.length - failed }),
    memory: { samples: x.memory.samples, summary: summarizeMemory(x.memory.samples), jsHeapSource: x.memory.jsHeapSource, systemTotalBytes: x.memory.systemTotalBytes, gpuTotalBytes: null },
    cache: x.cache,
    accuracy: accuracyFromImages(images, x.clevalMode),
    images,
    thresholds: null,
    comparison: null,
    // Kept in every report: the trace export and shard merges (percentiles of merged spans) need them.
    spans: x.result.spans,
  };
  if (x.kernels) report.kernels = x.kernels;
  const breakdowns = runBreakdowns(images, (i) => x.dataset.data.samples[i]?.gt);
  if (breakdowns) report.breakdowns = breakdowns;
  return attachVerdicts(report, x.thresholds, x.baseline);
}
