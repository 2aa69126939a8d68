import { roundHalfEven } from '../numerics/round-half-even';
import type { ModelProfile, ResizeRule } from './profiles';
import { resizeBilinear } from './resize';
import { bucketSide, type ShapeBuckets } from './shape-buckets';
import { invertAffine, scaleTranslate, type Mat3 } from '../numerics/mat3';

export interface InputGeometry {
  /** Network input size. */
  width: number;
  height: number;
  /** Size of the resized image inside it (smaller than the input when padded). */
  resizedWidth: number;
  resizedHeight: number;
  /** Where the resized image sits in the input. */
  left: number;
  top: number;
}

/**
 * Input size and placement a resize rule gives an image of `w` x `h` pixels, padded bottom
 * and right up to its bucket when the profile has buckets.
 */
export function inputGeometry(w: number, h: number, rule: ResizeRule, buckets?: ShapeBuckets): InputGeometry {
  const g = ruleGeometry(w, h, rule);
  return buckets ? { ...g, width: bucketSide(g.width, buckets), height: bucketSide(g.height, buckets) } : g;
}

function ruleGeometry(w: number, h: number, rule: ResizeRule): InputGeometry {
  if (rule.kind === 'limit-multiple') {
    // PaddleOCR DetResizeForTest (limit_type 'max'): int() truncates, round() is half to even.
    const ratio = Math.max(h, w) > rule.maxSide ? rule.maxSide / Math.max(h, w) : 1;
    const snap = (v: number) => Math.max(roundHalfEven(Math.trunc(v * ratio) / rule.multiple) * rule.multiple, rule.multiple);
    const rw = snap(w);
    const rh = snap(h);
    return { width: rw, height: rh, resizedWidth: rw, resizedHeight: rh, left: 0, top: 0 };
  }
  // albumentations LongestMaxSize (Python round) then PadIfNeeded.
  const scale = rule.side / Math.max(h, w);
  const rw = scale === 1 ? w : roundHalfEven(w * scale);
  const rh = scale === 1 ? h : roundHalfEven(h * scale);
  const center = rule.align === 'center';
  return {
    width: rule.side,
    height: rule.side,
    resizedWidth: rw,
    resizedHeight: rh,
    left: center ? Math.trunc((rule.side - rw) / 2) : 0,
    top: center ? Math.trunc((rule.side - rh) / 2) : 0,
  };
}

export interface Preprocessed {
  /** NCHW float32, batch of one. */
  tensor: Float32Array;
  dims: [1, 3, number, number];
  /** Original-image pixels to network-input pixels (scale by the resize ratios, then shift by the padding). */
  transform: Mat3;
  /** Its inverse: what post-processing maps boxes back with. */
  inverse: Mat3;
  geometry: InputGeometry;
}

/**
 * Resizes (as cv2.resize INTER_LINEAR), pads with zero pixels (or the buckets' value), normalises
 * ((px * scale - mean) / std, in float32 as numpy does) and lays out NCHW in the
 * profile's channel order.
 */
export function preprocess(rgba: Uint8ClampedArray | Uint8Array, w: number, h: number, profile: ModelProfile): Preprocessed {
  const g = inputGeometry(w, h, profile.resize, profile.buckets);
  const pixels = g.resizedWidth === w && g.resizedHeight === h ? rgba : resizeBilinear(rgba, w, h, g.resizedWidth, g.resizedHeight);
  const plane = g.width * g.height;
  const tensor = new Float32Array(3 * plane);
  const f = Math.fround;
  const scale = f(profile.scale);
  // Source RGBA offset of each tensor channel.
  const from = profile.channelOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  for (let c = 0; c < 3; c++) {
    const mean = f(profile.mean[c]);
    const std = f(profile.std[c]);
    const pad = f(profile.buckets?.padValue ?? f(0 - mean) / std);
    const out = tensor.subarray(c * plane, (c + 1) * plane);
    out.fill(pad);
    for (let y = 0; y < g.resizedHeight; y++) {
      const src = y * g.resizedWidth * 4 + from[c];
      const dst = (y + g.top) * g.width + g.left;
      for (let x = 0; x < g.resizedWidth; x++) out[dst + x] = f(f(f(pixels[src + 4 * x] * scale) - mean) / std);
    }
  }
  const transform = scaleTranslate(g.resizedWidth / w, g.resizedHeight / h, g.left, g.top);
  return { tensor, dims: [1, 3, g.height, g.width], transform, inverse: invertAffine(transform), geometry: g };
}
