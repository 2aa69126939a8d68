import type { CacheStats } from '../cache/cache-stats';
import type { GtRegion } from '../dataset/sample';
import type { Polygon } from '../geometry/types';
import type { ClevalMode } from '../metrics/cleval';
import type { ImageMetrics } from '../metrics/image-metrics';
import type { LossResult } from '../metrics/loss';
import type { KernelProfile } from '../model/kernel-profile';
import type { ModelProfile } from '../model/profiles';
import type { EpRequest, ModelFiles, ModelIo, RuntimeInfo, TensorOut } from '../model/session';
import type { Mat3 } from '../numerics/mat3';
import type { Detection } from '../postprocess/db-postprocess';
import type { PostResult, SweepJob } from '../analysis/sweep';

/**
 * Each worker once: what its module exposes (workers/*.worker.ts implement these interfaces)
 * and, through `Bridge`, how the page calls it. A job's result type is its method's, so no
 * caller casts. Keeping them here keeps core/ free of any import from workers/.
 */

/** The inference worker: one onnxruntime-web session, kept between calls. */
export interface InferApi {
  /** Leaves the model loaded before in place when this one fails (the error says which is loaded). */
  load(model: ModelFiles, ep: EpRequest): Promise<{ runtime: RuntimeInfo; io: ModelIo }>;
  run(inputName: string, data: Float32Array, dims: number[]): Promise<Record<string, TensorOut>>;
  gpuBytes(): Promise<{ live: number; peak: number } | null>;
  /** Size of the WASM heap(s) in the inference worker, null before ORT made one. */
  wasmBytes(): Promise<number | null>;
  /** Where inference runs now: it changes when a lost WebGPU device sends the run to WASM. */
  runtime(): Promise<RuntimeInfo | null>;
  /** Opens the loaded model again with onnxruntime's profiler on (a session profiles from its creation). */
  startKernelProfile(): Promise<void>;
  /** Ends that profile and tables it; null when the session was not opened to be profiled. */
  endKernelProfile(): Promise<KernelProfile | null>;
  /** Fault injection for tests: destroys the WebGPU device, as a driver reset would. */
  loseDevice(): Promise<void>;
}

export interface PrepJob {
  image: Blob;
  profile: ModelProfile;
  applyExifOrientation: boolean;
}

/** A decoded, preprocessed image ready for the network. */
export interface Prepared {
  width: number;
  height: number;
  tensor: Float32Array;
  dims: [number, number, number, number];
  /** Original image to network input. */
  transform: Mat3;
}

/** The prep workers: decode and preprocess. */
export interface PrepApi {
  prepare(job: PrepJob): Promise<Prepared>;
}

export interface PostprocessJob {
  prob: Float32Array;
  height: number;
  width: number;
  profile: ModelProfile;
  /** Probability-map pixels to original image. */
  toImage: Mat3;
  imageWidth: number;
  imageHeight: number;
  sweep: SweepJob | null;
}

export interface EvaluateJob {
  gt: GtRegion[];
  detections: Detection[];
  mode: ClevalMode;
}

/** The post workers: DB post-processing (and the sweep) of a map, and an image's metrics. */
export interface PostApi {
  postprocess(job: PostprocessJob): Promise<PostResult>;
  evaluate(job: EvaluateJob): Promise<ImageMetrics>;
}

/** One image's GT polygons (care regions, in probability-map pixels) and the map size. */
export interface GtMapsJob {
  polygons: Polygon[];
  height: number;
  width: number;
}

/** DB's GT shrink (probability) and threshold maps of one image, row-major at the job's size. */
export interface GtMaps {
  shrink: Float32Array;
  thresh: Float32Array;
  source: 'memory' | 'disk' | 'computed';
}

/** An image's GT polygons with the model's maps, to make its GT maps and score the maps against them. */
export interface GtLossJob extends GtMapsJob {
  prob: Float32Array;
  thresh: Float32Array | null;
  useCache: boolean;
}

export interface GtLossResult {
  loss: LossResult;
  source: GtMaps['source'];
  /** A hash of the GT maps, when asked for (tests of the cache). */
  digest?: string;
  /** The worker's own timing (profiler clock) of getting the maps and of the loss. */
  timing: { collate: [number, number]; loss: [number, number] };
}

/** Test switches of a GT-maps worker, set by the page's URL (see workers/factories.ts). */
export interface GtLossFaults {
  /** Persist every cache entry and digest the maps (the cache's reload test). */
  cacheTest: boolean;
  /** This call crashes the worker, as an uncaught error would. */
  crash: boolean;
}

/** The GT-maps workers: DB's ground-truth maps through the polygon cache, and the DB loss against them. */
export interface GtMapsApi {
  loss(job: GtLossJob, faults?: GtLossFaults): Promise<GtLossResult>;
  /** One image's maps for the inspector: copies, so the cache keeps its own. */
  maps(job: GtMapsJob): Promise<GtMaps>;
  /** Writes pending entries, then reports: a run's figures include what persisting cost. */
  stats(): Promise<CacheStats>;
  clear(): Promise<void>;
}

type BridgeMethod<F> = F extends (...args: infer A) => Promise<infer R>
  ? A extends []
    ? (signal?: AbortSignal) => Promise<R>
    : (signal: AbortSignal, ...args: A) => Promise<R>
  : never;

/**
 * A worker as the page holds it: each method of its API with an AbortSignal first (optional
 * for a method without arguments, a query), and a way to stop the worker. Aborting a call
 * rejects it at once; a stateless worker is terminated with it (the only way to stop a busy
 * worker), while the inference worker finishes the call and keeps its session.
 */
export type Bridge<Api> = { readonly [K in keyof Api]: BridgeMethod<Api[K]> } & {
  /** Stops the worker (which is how its memory is freed); its pending calls reject. */
  terminate(): void;
};

/** For a call that nobody can cancel: a stacked inference call serves several images at once. */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;
