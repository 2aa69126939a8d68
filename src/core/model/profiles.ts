import { DEFAULT_DB_PARAMS, type DbParams } from './db-params';
import type { ShapeBuckets } from './shape-buckets';

/** How an image becomes the network input size. */
export type ResizeRule =
  /** PaddleOCR DetResizeForTest, limit_type 'max': longer side at most maxSide, sides rounded to a multiple. */
  | { kind: 'limit-multiple'; maxSide: number; multiple: number }
  /** Longest side scaled to `side` (albumentations LongestMaxSize), then zero-padded to side x side. */
  | { kind: 'pad-square'; side: number; align: 'center' | 'top-left' };

/** How to feed a detection model and read its outputs; saved into every report. */
export interface ModelProfile {
  id: 'ppocr-det' | 'seed-dbnet' | 'custom';
  /** Channel order of the input tensor; mean[0] / std[0] apply to its first channel. */
  channelOrder: 'RGB' | 'BGR';
  /** Pixel values are multiplied by this before the mean is subtracted (1/255). */
  scale: number;
  mean: [number, number, number];
  std: [number, number, number];
  resize: ResizeRule;
  /** Opt-in: pad the resized input up to a few bucket sizes (fewer shapes to compile on WebGPU). */
  buckets?: ShapeBuckets;
  /**
   * Images of one input shape stacked into one model call (the model's batch dimension), at
   * most; 1 (or absent) runs each image alone. Not the evaluation batch size: a model with a
   * fixed batch of 1 runs one image per call whatever this says (inference-batch.ts).
   */
  inferenceBatch?: number;
  /** Model input to feed; the first input when absent. */
  inputName?: string;
  /** Output names or indices: the probability map, and the optional threshold and binary maps. */
  outputs: { prob: string | number; thresh?: string | number; binary?: string | number };
  post: DbParams;
}

export const PPOCR_DET: ModelProfile = {
  id: 'ppocr-det',
  channelOrder: 'BGR',
  scale: 1 / 255,
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  resize: { kind: 'limit-multiple', maxSide: 960, multiple: 32 },
  outputs: { prob: 0 },
  post: { ...DEFAULT_DB_PARAMS, thresh: 0.3, boxThresh: 0.6, unclipRatio: 1.5, maxCandidates: 1000 },
};

export const ORIGINAL_DBNET: ModelProfile = {
  ...PPOCR_DET,
  id: 'seed-dbnet',
  channelOrder: 'RGB',
  mean: [0.5602, 0.5602, 0.5602],
  std: [0.2539, 0.2539, 0.2539],
  resize: { kind: 'pad-square', side: 640, align: 'center' },
  post: { ...PPOCR_DET.post, boxThresh: 0.7 },
};

export const PRESETS: Record<'ppocr-det' | 'seed-dbnet', ModelProfile> = { 'ppocr-det': PPOCR_DET, 'seed-dbnet': ORIGINAL_DBNET };

/** A declared input dimension: a number when fixed, a name or null when dynamic. */
export type Dim = number | string | null;

export interface ProfileChoice {
  profile: ModelProfile;
  /** Why this profile, for the UI and the report. */
  reason: string;
}

const fixed = (d: Dim | undefined): d is number => typeof d === 'number' && d > 0;

/**
 * Picks a profile from what the model says about itself: a `profile` (or `detscope.profile`)
 * metadata property naming a preset wins; then PaddleOCR's input `x` with dynamic height and
 * width; then a fixed square input (the original project's DBNet export, padded to that side); anything
 * else gets a custom profile starting from the PaddleOCR settings, for the user to edit.
 */
export function pickProfile(inputNames: string[], inputShapes: Dim[][], metadata: Record<string, string> = {}): ProfileChoice {
  const named = metadata['detscope.profile'] ?? metadata.profile;
  if (named === 'ppocr-det' || named === 'seed-dbnet') {
    return { profile: withInput(PRESETS[named], inputNames[0]), reason: `model metadata names the "${named}" profile` };
  }
  const name = inputNames[0];
  const [, , h, w] = inputShapes[0] ?? [];
  if (name === 'x' && !fixed(h) && !fixed(w)) {
    return { profile: withInput(PPOCR_DET, name), reason: 'input "x" with dynamic height and width, as PaddleOCR exports' };
  }
  if (fixed(h) && fixed(w) && h === w) {
    const profile = { ...withInput(ORIGINAL_DBNET, name), resize: { kind: 'pad-square', side: h, align: 'center' } as const };
    return { profile, reason: `fixed square input ${h}x${w}: resized and zero-padded as the seed DBNet` };
  }
  return {
    profile: { ...withInput(PPOCR_DET, name), id: 'custom' },
    reason: 'no preset matches the inputs: PaddleOCR settings as a starting point, check them',
  };
}

function withInput(p: ModelProfile, inputName: string | undefined): ModelProfile {
  return inputName === undefined ? p : { ...p, inputName };
}
