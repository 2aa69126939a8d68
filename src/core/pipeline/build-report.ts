import type { Dataset } from '../dataset/load-dataset';
import type { DatasetIssue } from '../dataset/issues';
import type { RuntimeInfo } from '../model/session';
import type { ModelProfile } from '../model/profiles';
import type { RunResult } from './run';
import type { ImageOutcome, RunSettings } from './run-types';
import type { CacheStatsSnapshot } from '../cache/cache-snapshot';
import { summarizeMemory, type MemorySample } from '../profiler/memory';
import { summarizeTiming } from '../profiler/timing';
import { accuracyFromImages } from '../metrics/accuracy';
import { runBreakdowns } from '../analysis/breakdown';
import { summarizeSweep, type SweepGrid } from '../analysis/sweep';
import { bestPoint, Rescorer, rescoreInputs, thresholdGrid } from '../analysis/rescore';
import { medianOf } from '../profiler/stats';
import { headlineHmean } from '../metrics/headline';
import { SCHEMA_VERSION, type ImageResult, type Report } from '../report/schema';
import { attachVerdicts, type ThresholdsSource } from '../report/verdicts';
import type { InferenceBatch } from '../model/inference-batch';
import type { KernelProfileReport } from '../report/schema';

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
  settings: RunSettings & { workers: number; cache: boolean; shard: { index: number; count: number } | null; applyExifOrientation: boolean; sweep?: SweepGrid | null };
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

/** The sweep's figures over the images that finished (the run's own H-mean is over the same images). */
function sweepSection(x: ReportInputs, report: Report): Report['sensitivity'] | null {
  const grid = x.settings.sweep;
  if (!grid || !x.model) return null;
  const swept = x.result.outcomes.flatMap((o) => (o.sweep && !o.failed ? [{ index: o.index, name: o.name, cells: o.sweep }] : []));
  if (swept.length === 0) return null;
  const costs = x.result.spans.filter((s) => s.stage === 'sweep').map((s) => s.end - s.start);
  const runHmean = headlineHmean(report.accuracy)?.value ?? null;
  const post = x.model.profile.post;
  const rescorer = new Rescorer(rescoreInputs(report.images, (i) => x.dataset.data.samples[i]?.gt), x.clevalMode);
  const best = rescorer.size > 0 ? bestPoint(rescorer.curve(thresholdGrid(0.05, 0.95, 0.05), post.minSize), post.boxThresh) : null;
  const boxThreshTuned = best && best.hmean !== null ? { boxThresh: best.boxThresh, hmean: best.hmean, gain: runHmean === null ? null : best.hmean - runHmean } : null;
  return summarizeSweep(swept, grid, x.clevalMode, post, runHmean, costs.length ? medianOf(costs) : null, boxThreshTuned);
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
      ...(x.settings.sweep ? { sweep: x.settings.sweep } : {}),
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
  const sensitivity = sweepSection(x, report);
  if (sensitivity) report.sensitivity = sensitivity;
  return attachVerdicts(report, x.thresholds, x.baseline);
}
