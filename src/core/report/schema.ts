/**
 * The report a run produces, as JSON. `report.schema.json` mirrors these types for other
 * tools and for validation; change both together and bump SCHEMA_VERSION on breaking changes.
 */
import type { ClevalCounts, ClevalScores } from '../metrics/cleval/types';
import type { IouTotals } from '../metrics/iou/iou-totals';
import type { CacheStatsSnapshot } from '../profiler/cache-stats';
import type { MemorySample, MemorySummary } from '../profiler/memory';
import type { Span } from '../profiler/span';
import type { TimingSummary } from '../profiler/timing';
import type { BoxType } from '../dataset/box-type';
import type { DatasetIssue } from '../dataset/issues';
import type { ReportedFindings } from '../analysis/findings';
import type { RunBreakdowns } from '../analysis/breakdown';
import type { InferenceBatch } from '../model/inference-batch';
import type { KernelProfile } from '../profiler/kernel-profile';

export type { ClevalCounts, IouTotals };

export const SCHEMA_VERSION = 1;

export interface Report {
  schema_version: typeof SCHEMA_VERSION;
  run: RunInfo;
  dataset: DatasetInfo;
  /** Null when predictions were given as files instead of a model. */
  model: ModelInfo | null;
  environment: EnvironmentInfo;
  settings: Settings;
  timing: TimingSummary;
  memory: MemoryReport;
  /** Null when the collate (and so the cache) was off. */
  cache: CacheStatsSnapshot | null;
  accuracy: Accuracy;
  images: ImageResult[];
  thresholds: ThresholdsReport | null;
  comparison: Comparison | null;
  /** The profiler's spans; shard reports need them for merged stage percentiles. */
  spans?: Span[];
  /** Recall and precision by text height and orientation, per metric (absent when no image kept its matching). */
  breakdowns?: RunBreakdowns;
  /** onnxruntime's per-kernel profile of the run (absent unless the run asked for it). */
  kernels?: KernelProfileReport;
}

/** A run's kernel profile, and what opening the session again with the profiler on took. */
export type KernelProfileReport = KernelProfile & { reopenMs: number };

export interface RunInfo {
  id: string;
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string;
  detscopeVersion: string;
  /** Cancelled or cut short: figures cover the images reached, not all `imagesTotal`. */
  partial: boolean;
  /** Images the run reached: evaluated plus failed (see run-counts.ts). */
  imagesDone: number;
  /**
   * Of `imagesDone`, those that failed (undecodable, a stage error) and have no results.
   * Absent in reports from before it was recorded: then `images[].failed` tells.
   */
  imagesFailed?: number;
  imagesTotal: number;
  /** True when the user stopped the run (Cancel, Ctrl-C of the CLI); absent otherwise. */
  cancelled?: boolean;
  /** Run ids of the shard reports this one was merged from. */
  mergedFrom?: string[];
}

export interface SkippedSample {
  file: string;
  reason: string;
}

/**
 * A problem found in the dataset, or in the prediction files of a run, with where and what was
 * done: the loader's issue, its kind widened to a string so reports of later versions still read.
 */
export type DatasetProblem = Omit<DatasetIssue, 'kind'> & { kind: string };

export interface DatasetInfo {
  name: string;
  format: string;
  /** How ICDAR gt_/res_ lines were read (CLEval's box type); absent when the dataset has none. */
  boxType?: BoxType;
  images: number;
  polygons: number;
  /** The problems whose item was left out, in brief; `problems` has them all in full. */
  skipped: SkippedSample[];
  /** Every problem, skipped, repaired or kept (absent in reports from before it was recorded). */
  problems?: DatasetProblem[];
  /** SHA-256 (hex) of the dataset's content, to compare like with like. */
  contentHash: string;
}

export interface ModelInfo {
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** The model profile used (preset plus overrides), as saved by the model module. */
  profile: Record<string, unknown>;
}

export type ExecutionProvider = 'webgpu' | 'wasm' | 'none';

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  isFallback: boolean;
}

export interface EnvironmentInfo {
  browser: string;
  userAgent: string;
  /** 'none' when no model ran (predictions from files). */
  ep: ExecutionProvider;
  /** Why WebGPU was not used, when it was asked for; null otherwise. */
  fallbackReason: string | null;
  adapter: AdapterInfo | null;
  threads: number;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** The machine as the CLI sees it; the browser alone cannot (absent in UI runs). */
  host?: HostInfo;
}

export interface HostInfo {
  totalMemBytes: number;
  cpus: number;
  cpuModel: string;
  /** 1-minute load average just before the run: other processes' demand for the cores. */
  loadAverage1m: number;
  /** OS name and release. */
  platform: string;
}

export interface Settings {
  batchSize: number;
  workers: number;
  cache: boolean;
  /** At most this many images, or null for all. */
  limit: number | null;
  /** JPEG EXIF orientation applied when decoding (absent in reports from before it was recorded). */
  applyExifOrientation?: boolean;
  /** `--shard I/N`: this run evaluated shard `index` (1-based) of `count`. */
  shard: { index: number; count: number } | null;
  /** Images per model call: asked for, used, and why fewer when so (absent without a model, and in older reports). */
  inferenceBatch?: InferenceBatch;
}

export interface MemoryReport {
  samples: MemorySample[];
  summary: MemorySummary;
  /** Which API gave the JS heap: measureUserAgentSpecificMemory includes workers' wasm heaps. */
  jsHeapSource: 'measureUserAgentSpecificMemory' | 'performance.memory' | null;
  /** Physical memory of the machine, when the host (the CLI) knows it; the basis of CPU memory %. */
  systemTotalBytes: number | null;
  /** Memory of the GPU; browsers do not expose it, so usually null. */
  gpuTotalBytes: number | null;
}

/** Scores derived from counts; CLEval's and IoU's have the same shape. */
export type Scores = ClevalScores;

export interface ClevalResult extends Scores {
  /** 'official': clovaai CLEval; 'seed': the receipt project's variant (pseudo lengths). */
  mode: 'official' | 'seed';
  /** Mean of per-image H-means: the figure the original project reported (seed mode). */
  meanImageHmean?: number;
  /** Summed over images: CLEval's accumulated states. */
  counts: ClevalCounts;
}

export interface IouResult extends Scores {
  counts: IouTotals;
}

/** DB's validation loss parts (see metrics/loss.ts): BCE and dice on the shrink map, L1 on the threshold map. */
export interface LossResult {
  prob: number;
  dice?: number;
  thresh?: number;
  total: number;
}

export interface Accuracy {
  cleval: ClevalResult | null;
  iou: IouResult | null;
  /** Null without GT maps (collate off) or without a probability map. */
  loss: LossResult | null;
}

export interface ImageResult {
  /** Position in the dataset's fixed order; merged shards are ordered by it. */
  index: number;
  name: string;
  cleval: (Scores & { counts: ClevalCounts }) | null;
  iou: IouResult | null;
  loss: LossResult | null;
  /** Why the image has no results, when it failed. */
  failed?: string;
  /** What the run found: detections, candidates (with a model), each metric's matching. Absent in reports from before it was kept. */
  found?: ReportedFindings;
}

/** Regression gates; the original project's thresholds.yaml keys, plus `accuracy`. */
export interface Thresholds {
  validation?: { time_regression_threshold_pct?: number; max_time_seconds?: number; min_samples_per_second?: number; max_failed_images?: number };
  memory?: { max_gpu_memory_pct?: number; max_gpu_memory_gb?: number; max_cpu_memory_pct?: number };
  cache?: { min_hit_rate_pct?: number; warmup_batches?: number };
  tolerance?: { measurement_noise_pct?: number };
  accuracy?: { min_hmean?: number; max_hmean_drop?: number };
}

export type CheckStatus = 'pass' | 'fail' | 'not measured';

export interface ThresholdResult {
  /** The thresholds key, e.g. `validation.max_time_seconds`. */
  rule: string;
  status: CheckStatus;
  figure: number | null;
  limit: number;
  unit: string;
  message: string;
}

export interface ThresholdsReport {
  source: string;
  values: Thresholds;
  /** YAML paths of keys detscope does not know (reported, not applied). */
  unknownKeys: string[];
  results: ThresholdResult[];
}

export type Verdict = 'improved' | 'unchanged' | 'worse' | 'regression' | 'n/a';

export interface ComparisonRow {
  metric: string;
  unit: string;
  baseline: number | null;
  now: number | null;
  /** now - baseline. */
  delta: number | null;
  /** delta / baseline in %, or null when the baseline is 0 or missing. */
  changePct: number | null;
  verdict: Verdict;
  /** For the per-image time: the bootstrap interval of the change in %, on which the verdict rests. */
  interval?: ChangeInterval;
}

export interface ChangeInterval {
  lowPct: number;
  highPct: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Each image against itself (same images in both runs), or the two runs' medians. */
  paired: boolean;
  samplesNow: number;
  samplesBaseline: number;
}

export interface Comparison {
  baseline: { runId: string; startedAt: string; detscopeVersion: string };
  /** Like-with-like warnings: different dataset, model or execution provider. */
  warnings: string[];
  rows: ComparisonRow[];
}
