import { ModelError } from '../errors';
import type { Detection } from '../postprocess/db-postprocess';
import { invertAffine, type Mat3 } from '../numerics/mat3';
import type { ModelProfile, ProfileChoice } from '../model/profiles';
import { checkModelFile } from '../model/model-file';
import { checkModelIo, suggestProfile } from '../model/model-checks';
import { readOnnxMetadata, type OnnxMetadata } from '../model/onnx-metadata';
import { resolveExternalData, type DroppedFile } from '../model/external-data';
import type { EpRequest, ExternalFile, ModelIo, RuntimeInfo } from '../model/session';
import { detectImage, inferStacker } from './model-stages';
import { StageFailure } from './run';
import type { SpanSink } from './run-types';
import { NEVER_ABORTED, type Bridge, type InferApi, type PostApi, type PrepApi } from './worker-apis';
import { WorkerPool } from './worker-pool';

export interface LoadedModel {
  name: string;
  bytes: number;
  runtime: RuntimeInfo;
  io: ModelIo;
  /** What the file says about itself, read before any session existed. */
  meta: OnnxMetadata;
  /** The profile chosen from `meta` (the checks passed with it) and why. */
  suggested: ProfileChoice;
}

export interface DetectResult {
  width: number;
  height: number;
  prob: Float32Array;
  probWidth: number;
  probHeight: number;
  /** Probability-map pixels to original image, for drawing the map over the image. */
  toImage: Mat3;
  boxes: Detection[];
  truncated: boolean;
  ms: { prepare: number; infer: number; postprocess: number };
}

/** The input to feed: the profile's when the model has it, else the model's first. */
export function inputName(io: ModelIo, profile: ModelProfile): string {
  return profile.inputName && io.inputNames.includes(profile.inputName) ? profile.inputName : io.inputNames[0];
}

/** The threshold-map output the profile names (by name or index), or null. */
export function threshOutput(io: ModelIo, profile: ModelProfile): string | null {
  const t = profile.outputs.thresh;
  return typeof t === 'number' ? (io.outputNames[t] ?? null) : (t ?? null);
}

/** Finds the probability-map output: the profile's choice, else the first 4-D single-channel output. */
export function probOutput(io: ModelIo, profile: ModelProfile): string {
  const wanted = profile.outputs.prob;
  if (typeof wanted === 'string' && io.outputNames.includes(wanted)) return wanted;
  if (typeof wanted === 'number' && io.outputNames[wanted] !== undefined) return io.outputNames[wanted];
  const i = io.outputShapes.findIndex((s) => s.length === 4 && (s[1] === 1 || s[1] === null || typeof s[1] === 'string'));
  if (i < 0) {
    throw new ModelError(
      `No output shaped like a probability map [N,1,H,W] (outputs: ${io.outputNames.map((n, k) => `${n} [${io.outputShapes[k].join(',')}]`).join('; ')})`,
      'detscope evaluates DBNet-style detectors; set the probability output in the model profile, or export the model with its probability map as an output.',
    );
  }
  return io.outputNames[i];
}

/** A model file that passed every check made without a session, with what they found. */
export interface CheckedModel {
  name: string;
  bytes: Uint8Array;
  meta: OnnxMetadata;
  externalData: ExternalFile[];
  suggested: ProfileChoice;
}

/** Checked before any worker is touched: a model that cannot work leaves the one in use loaded. */
export function checkModel(name: string, bytes: Uint8Array, companions: DroppedFile[] = []): CheckedModel {
  checkModelFile(name, bytes);
  const meta = readOnnxMetadata(bytes, name);
  const externalData = resolveExternalData(name, meta.externalFiles, companions);
  const suggested = suggestProfile(meta);
  checkModelIo(meta, suggested.profile, name);
  return { name, bytes, meta, externalData, suggested };
}

/** The workers of a detector: its inference worker, and how to start a prep and a post worker. */
export interface DetectorWorkers {
  infer: Bridge<InferApi>;
  prep(): Bridge<PrepApi>;
  post(): Bridge<PostApi>;
}

export interface DetectOptions {
  applyExifOrientation?: boolean;
  /** Gives the detection up: a prep or post worker busy with it is stopped; an inference call runs to its end. */
  signal?: AbortSignal;
}

/**
 * A model outside a run: loading it, and one image through the run's own detection stage
 * (detectImage), on pools of one prep and one post worker. Its inference worker is the one
 * a run uses (one session serves both).
 */
export class Detector {
  model: LoadedModel | null = null;
  readonly infer: Bridge<InferApi>;
  private readonly prep: WorkerPool<Bridge<PrepApi>>;
  private readonly post: WorkerPool<Bridge<PostApi>>;

  constructor(workers: DetectorWorkers) {
    this.infer = workers.infer;
    // Started now: the first image's prepare time is then its own, not a worker's start.
    this.prep = new WorkerPool({ create: workers.prep, size: 1, eager: true });
    this.post = new WorkerPool({ create: workers.post, size: 1, eager: true });
  }

  /** Stops the workers: the only way to give their WASM memory back. Calls in flight reject. */
  dispose(): void {
    this.infer.terminate();
    this.prep.terminate();
    this.post.terminate();
  }

  /** `companions`: the files dropped with the model, among them the ones its weights live in. */
  async load(name: string, bytes: Uint8Array, ep: EpRequest, companions: DroppedFile[] = []): Promise<LoadedModel> {
    return this.loadChecked(checkModel(name, bytes, companions), ep);
  }

  async loadChecked({ name, bytes, meta, externalData, suggested }: CheckedModel, ep: EpRequest): Promise<LoadedModel> {
    try {
      const { runtime, io } = await this.infer.load(NEVER_ABORTED, { name, bytes, externalData }, ep);
      const size = bytes.byteLength + externalData.reduce((n, f) => n + f.data.byteLength, 0);
      this.model = { name, bytes: size, runtime, io, meta, suggested };
      return this.model;
    } catch (e) {
      // The worker reopened the previous model, or has none now.
      await this.syncRuntime();
      throw e;
    }
  }

  /**
   * Follows the inference worker, so that no model is shown that cannot run and no EP that is
   * not in use: after a failed load it holds the previous model or none; after a lost WebGPU
   * device, the same model on WASM.
   */
  async syncRuntime(): Promise<LoadedModel | null> {
    const runtime = await this.infer.runtime().catch(() => null);
    this.model = this.model && runtime ? { ...this.model, runtime } : null;
    return this.model;
  }

  /** Inference alone on a ready tensor (benchmarks, console use). */
  runTensor(inputName: string, data: Float32Array, dims: number[], signal: AbortSignal = NEVER_ABORTED) {
    if (!this.model) throw new Error('load a model first');
    return this.infer.run(signal, inputName, data, dims);
  }

  async detect(image: Blob, profile: ModelProfile, { applyExifOrientation = true, signal = NEVER_ABORTED }: DetectOptions = {}): Promise<DetectResult> {
    if (!this.model) throw new Error('load a model first');
    const io = this.model.io;
    const ms = { prepare: 0, infer: 0, postprocess: 0 };
    const span: SpanSink = (stage, _worker, start, end) => {
      if (stage === 'prepare' || stage === 'infer' || stage === 'postprocess') ms[stage] += end - start;
    };
    const deps = { prep: this.prep, post: this.post, infer: inferStacker(this.infer, inputName(io, profile), 1), profile, probOutput: probOutput(io, profile), threshOutput: null, applyExifOrientation };
    try {
      const { width, height, maps, result } = await detectImage(deps, async () => image, null, span, signal);
      return { width, height, prob: maps.prob, probWidth: maps.width, probHeight: maps.height, toImage: invertAffine(maps.transform), boxes: result.boxes, truncated: result.truncated, ms };
    } catch (e) {
      // A stage's failure, as a run records it, wraps the error; here the error itself is shown, with its hint.
      throw e instanceof StageFailure ? e.cause : e;
    }
  }
}
