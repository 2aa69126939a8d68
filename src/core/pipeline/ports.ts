import type { DbParams } from '../model/db-params';
import type { Detection } from '../postprocess/db-postprocess';
import type { PostResult, SweepJob } from '../analysis/sweep';
import type { GtRegion } from '../dataset/sample';
import type { ClevalMode } from '../metrics/cleval';
import type { ImageMetrics } from '../metrics/image-metrics';
import type { Mat3 } from '../numerics/mat3';
import type { ModelFiles, ModelIo, RuntimeInfo, TensorOut, EpRequest } from '../model/session';
import type { ModelProfile } from '../model/profiles';
import type { KernelProfile } from '../model/kernel-profile';
import type { Polygon } from '../geometry/types';

/**
 * What the pipeline needs from each kind of worker. The workers in workers/ implement these
 * with Comlink; tests can implement them in-process. Keeping them here keeps core/ free of
 * any import from workers/.
 */
export interface InferPort {
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

/** A decoded, preprocessed image ready for the network. */
export interface Prepared {
  width: number;
  height: number;
  tensor: Float32Array;
  dims: [number, number, number, number];
  /** Original image to network input. */
  transform: Mat3;
}

export interface PrepPort {
  prepare(image: Blob, profile: ModelProfile, applyExifOrientation: boolean): Promise<Prepared>;
}

export interface PostPort {
  evaluate(gt: GtRegion[], detections: Detection[], mode: ClevalMode): Promise<ImageMetrics>;
  postprocess(prob: Float32Array, height: number, width: number, params: DbParams, toImage: Mat3, imageWidth: number, imageHeight: number, sweep: SweepJob | null): Promise<PostResult>;
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

/** Makes GT maps with the run's collate parameters, in a collate worker. */
export type GtMapsPort = (job: GtMapsJob) => Promise<GtMaps>;
