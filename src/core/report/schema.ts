/**
 * The report a run produces, as JSON. `report.schema.json` is generated from these types
 * (`npm run schema`, scripts/report-schema.ts), for other tools and for validation: ranges
 * and patterns that TypeScript cannot say are JSDoc tags here and on the number kinds of
 * numerics/number-kinds.ts. Bump SCHEMA_VERSION on breaking changes.
 */
import type { ClevalCounts } from '../metrics/cleval/types';
import type { IouTotals } from '../metrics/iou/iou-totals';
import type { Accuracy, ImageScores } from '../metrics/accuracy';
import type { CacheStatsSnapshot } from '../cache/cache-snapshot';
import type { MemorySample, MemorySummary } from '../profiler/memory';
import type { JsHeapSource } from '../profiler/memory-probe';
import type { Span } from '../profiler/span';
import type { TimingSummary } from '../profiler/timing';
import type { BoxType } from '../dataset/box-type';
import type { DatasetIssue } from '../dataset/issues';
import type { ReportedFindings } from '../analysis/findings';
import type { RunBreakdowns } from '../analysis/breakdown';
import type { Count, Fraction, NonNegative, PositiveCount } from '../numerics/number-kinds';
import type { Sensitivity, SweepGrid } from '../analysis/sweep';
import type { InferenceBatch } from '../model/inference-batch';
import type { KernelProfile } from '../model/kernel-profile';

export type { ClevalCounts, IouTotals };

export const SCHEMA_VERSION = 1;

/**
 * ISO 8601 date and time.
 * @pattern ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$
 */
export type IsoDateTime = string;

/**
 * SHA-256, lowercase hex.
 * @pattern ^[0-9a-f]{64}$
 */
export type Sha256Hex = string;

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
  /** Null when the GT maps (and so the cache) were off. */
  cache: CacheStatsSnapshot | null;
  accuracy: Accuracy;
  images: ImageResult[];
  thresholds: ThresholdsReport | null;
  comparison: Comparison | null;
  /** The profiler's spans; shard reports need them for merged stage percentiles. */
  spans?: Span[];
  /** Recall and precision by text height and orientation, per metric (absent when no image kept its matching). */
  breakdowns?: RunBreakdowns;
  /** Post-processing sensitivity: present when a `thresh` x `unclip_ratio` sweep ran; its best setting is tuned on this same data. */
  sensitivity?: Sensitivity;
  /** onnxruntime's per-kernel profile of the run (absent unless the run asked for it). */
  kernels?: KernelProfileReport;
}

/** A run's kernel profile, and what opening the session again with the profiler on took. */
export type KernelProfileReport = KernelProfile & { reopenMs: number };

export interface RunInfo {
  id: string;
  startedAt: IsoDateTime;
  finishedAt: IsoDateTime;
  detscopeVersion: string;
  /** Cancelled or cut short: figures cover the images reached, not all `imagesTotal`. */
  partial: boolean;
  /** Images the run reached: evaluated plus failed (see run-counts.ts). */
  imagesDone: Count;
  /**
   * Of `imagesDone`, those that failed (undecodable, a stage error) and have no results.
   * Absent in reports from before it was recorded: then `images[].failed` tells.
   */
  imagesFailed?: Count;
  imagesTotal: Count;
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
  images: Count;
  polygons: Count;
  /** The problems whose item was left out, in brief; `problems` has them all in full. */
  skipped: SkippedSample[];
  /** Every problem, skipped, repaired or kept (absent in reports from before it was recorded). */
  problems?: DatasetProblem[];
  /** SHA-256 (hex) of the dataset's content, to compare like with like. */
  contentHash: Sha256Hex;
}

export interface ModelInfo {
  fileName: string;
  sizeBytes: Count;
  sha256: Sha256Hex;
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
  threads: Count;
  crossOriginIsolated: boolean;
  hardwareConcurrency: Count;
  /** The machine as the CLI sees it; the browser alone cannot (absent in UI runs). */
  host?: HostInfo;
}

export interface HostInfo {
  totalMemBytes: NonNegative;
  cpus: Count;
  cpuModel: string;
  /** 1-minute load average just before the run: other processes' demand for the cores. */
  loadAverage1m: NonNegative;
  /** OS name and release. */
  platform: string;
}

export interface Settings {
  batchSize: PositiveCount;
  workers: PositiveCount;
  cache: boolean;
  /** At most this many images, or null for all. */
  limit: Count | null;
  /** JPEG EXIF orientation applied when decoding (absent in reports from before it was recorded). */
  applyExifOrientation?: boolean;
  /** `--shard I/N`: this run evaluated shard `index` (1-based) of `count`. */
  shard: { index: PositiveCount; count: PositiveCount } | null;
  /** The post-processing sweep run on every image's map (absent when off). */
  sweep?: SweepGrid;
  /** Images per model call: asked for, used, and why fewer when so (absent without a model, and in older reports). */
  inferenceBatch?: InferenceBatch;
}

export interface MemoryReport {
  samples: MemorySample[];
  summary: MemorySummary;
  /** Which API gave the JS heap: measureUserAgentSpecificMemory includes workers' wasm heaps. */
  jsHeapSource: JsHeapSource;
  /** Physical memory of the machine, when the host (the CLI) knows it; the basis of CPU memory %. */
  systemTotalBytes: NonNegative | null;
  /** Memory of the GPU; browsers do not expose it, so usually null. */
  gpuTotalBytes: NonNegative | null;
}

/** One image's line: its metrics (metrics/accuracy.ts) and what the run found (analysis/findings.ts). */
export interface ImageResult extends ImageScores {
  /** What the run found: detections, candidates (with a model), each metric's matching. Absent in reports from before it was kept. */
  found?: ReportedFindings;
}

/** Regression gates; the original project's thresholds.yaml keys, plus `accuracy`. */
export interface Thresholds {
  validation?: { time_regression_threshold_pct?: NonNegative; max_time_seconds?: NonNegative; min_samples_per_second?: NonNegative; max_failed_images?: Count };
  memory?: { max_gpu_memory_pct?: NonNegative; max_gpu_memory_gb?: NonNegative; max_cpu_memory_pct?: NonNegative };
  cache?: { min_hit_rate_pct?: NonNegative; warmup_batches?: Count };
  tolerance?: { measurement_noise_pct?: NonNegative };
  accuracy?: { min_hmean?: Fraction; max_hmean_drop?: Fraction };
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
  /**
   * Confidence level, e.g. 0.95.
   * @exclusiveMinimum 0
   * @exclusiveMaximum 1
   */
  level: number;
  /** Each image against itself (same images in both runs), or the two runs' medians. */
  paired: boolean;
  samplesNow: Count;
  samplesBaseline: Count;
}

export interface Comparison {
  baseline: { runId: string; startedAt: IsoDateTime; detscopeVersion: string };
  /** Like-with-like warnings: different dataset, model or execution provider. */
  warnings: string[];
  rows: ComparisonRow[];
}
