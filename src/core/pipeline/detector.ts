import { ModelError } from '../errors';
import type { Detection } from '../postprocess/db-postprocess';
import { invertAffine, type Mat3 } from '../numerics/mat3';
import { imageToMap } from '../model/map-scale';
import type { ModelProfile, ProfileChoice } from '../model/profiles';
import { checkModelFile } from '../model/model-file';
import { checkModelIo, suggestProfile } from '../model/model-checks';
import { readOnnxMetadata, type OnnxMetadata } from '../model/onnx-metadata';
import { resolveExternalData, type DroppedFile } from '../model/external-data';
import type { EpRequest, ExternalFile, ModelIo, RuntimeInfo } from '../model/session';
import type { InferPort, PostPort, PrepPort } from './ports';

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

/** One image through decode+preprocess, inference and DB post-processing, each in its worker. */
export class Detector {
  model: LoadedModel | null = null;

  constructor(
    private readonly infer: InferPort,
    private readonly prep: PrepPort,
    private readonly post: PostPort,
    /** Stops the workers behind the ports: the only way to give their WASM memory back. */
    readonly dispose: () => void = () => {},
  ) {}

  /** The inference worker, for the run's stages (one session serves both). */
  get inferPort(): InferPort {
    return this.infer;
  }

  /** `companions`: the files dropped with the model, among them the ones its weights live in. */
  async load(name: string, bytes: Uint8Array, ep: EpRequest, companions: DroppedFile[] = []): Promise<LoadedModel> {
    return this.loadChecked(checkModel(name, bytes, companions), ep);
  }

  async loadChecked({ name, bytes, meta, externalData, suggested }: CheckedModel, ep: EpRequest): Promise<LoadedModel> {
    try {
      const { runtime, io } = await this.infer.load({ name, bytes, externalData }, ep);
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
  runTensor(inputName: string, data: Float32Array, dims: number[]) {
    if (!this.model) throw new Error('load a model first');
    return this.infer.run(inputName, data, dims);
  }

  async detect(image: Blob, profile: ModelProfile, applyExifOrientation = true): Promise<DetectResult> {
    if (!this.model) throw new Error('load a model first');
    const t0 = performance.now();
    const p = await this.prep.prepare(image, profile, applyExifOrientation);
    const t1 = performance.now();
    const outName = probOutput(this.model.io, profile);
    const outputs = await this.infer.run(inputName(this.model.io, profile), p.tensor, p.dims);
    const t2 = performance.now();
    const out = outputs[outName];
    if (out.dims.length !== 4 || out.dims[1] !== 1) {
      throw new ModelError(`Output "${outName}" has shape [${out.dims.join(',')}], not a probability map [1,1,H,W]`, 'Pick the probability-map output in the model profile.');
    }
    const [probHeight, probWidth] = [out.dims[2], out.dims[3]];
    const toImage = invertAffine(imageToMap(p.transform, { width: p.dims[3], height: p.dims[2] }, { width: probWidth, height: probHeight }, outName));
    // The post worker gets a copy: the map is also drawn in the page.
    const result = await this.post.postprocess(out.data.slice(), probHeight, probWidth, profile.post, toImage, p.width, p.height, null);
    const t3 = performance.now();
    return {
      width: p.width,
      height: p.height,
      prob: out.data,
      probWidth,
      probHeight,
      toImage,
      boxes: result.boxes,
      truncated: result.truncated,
      ms: { prepare: t1 - t0, infer: t2 - t1, postprocess: t3 - t2 },
    };
  }
}
