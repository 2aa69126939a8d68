import type { GtRegion, Sample } from '../dataset/sample';
import type { Detection } from '../postprocess/db-postprocess';
import type { ImageFindings } from '../analysis/findings';
import type { SweepImageCell } from '../analysis/sweep';
import type { ImageMetrics } from '../metrics/image-metrics';
import type { LossResult } from '../metrics/loss';

/** The stages of one image, as the profiler names them. */
export const STAGES = ['prepare', 'infer', 'postprocess', 'metrics', 'collate', 'loss', 'sweep'] as const;
export type StageName = (typeof STAGES)[number];

export interface RunSettings {
  batchSize: number;
  /** Evaluate at most this many images (in dataset order); 0 for all. */
  limit: number;
  /** Compute the GT maps and the DB loss. */
  collate: boolean;
  /** Batches in flight at once: bounds memory to about this many batches of decoded images. */
  batchesInFlight: number;
  /**
   * Seconds an image may take from its first stage to its last; past it, its work is stopped
   * (a worker busy with it is replaced) and it counts as failed, so that no single image stalls
   * a run. 0: no limit.
   */
  imageTimeoutS: number;
}

// 10 min: generous for one image even on a software WebGPU adapter (~2 min for a 960 px receipt).
export const DEFAULT_RUN_SETTINGS: RunSettings = { batchSize: 16, limit: 0, collate: true, batchesInFlight: 2, imageTimeoutS: 600 };


export interface ImageOutcome {
  index: number;
  name: string;
  batch: number;
  /** The detections and, with a model, every candidate; null when detection failed. */
  found: ImageFindings | null;
  metrics: ImageMetrics | null;
  loss: LossResult | null;
  /** The stage that failed for good (after its retry) and why; the image still counts. */
  failed: { stage: StageName; message: string } | null;
  /** `max_candidates` dropped contours on this image. */
  truncated: boolean;
  /** With a post-processing sweep: the image's figures at each cell of its grid. */
  sweep?: SweepImageCell[];
}

/** What detection found on one image, with the maps (`Maps`: the model's, or none) that the GT-maps stage scores. */
export interface Detected<Maps> {
  detections: Detection[];
  found: ImageFindings;
  truncated: boolean;
  maps: Maps;
  sweep?: SweepImageCell[];
}

/**
 * One image's work, stage by stage. Implementations call workers (the app) or run in-process
 * (tests, Node benchmarks). Each call may throw; the pipeline records the failure and goes on.
 */
export interface ImageStages<Maps> {
  /** Decode, preprocess, infer and post-process; or read the detections from prediction files. */
  detect(sample: Sample, index: number, span: SpanSink, signal: AbortSignal): Promise<Detected<Maps>>;
  /** CLEval and IoU of the image. */
  evaluate(gt: GtRegion[], detections: Detection[], span: SpanSink, signal: AbortSignal): Promise<ImageMetrics>;
  /** Inference calls running and queued now, for the live view (the calls queue inside the stages). */
  inferLoad?(): Omit<StageLoad, 'stage'>;
  /** GT maps at the network input's resolution (through the cache) and the DB loss against `maps`. */
  gtLoss?(sample: Sample, maps: Maps, span: SpanSink, index: number, signal: AbortSignal): Promise<LossResult | null>;
}

/** Work under way in a stage as the live view looks: calls running, and calls waiting for a worker. */
export interface StageLoad {
  stage: string;
  running: number;
  queued: number;
}

/** Stages record their own spans: they know which worker did the work (prepare and infer happen inside `detect`). */
/** Records a span; `shape` is the input tensor's dims of an inference call. */
export type SpanSink = (stage: StageName, worker: string, start: number, end: number, shape?: number[]) => void;
