/**
 * Bilinear resize of 8-bit pixels exactly as OpenCV 4.x's `cv2.resize(img, (w, h))` with
 * INTER_LINEAR computes it for a 3-channel image on x86 (the reference's BGR images):
 * half-pixel centres, edge pixels repeated, no antialiasing when shrinking, 11-bit fixed
 * point weights, a horizontal then a vertical pass. The vertical pass is SIMD for most
 * of each row, with its own rounding (inputs >> 4, 16-bit high products, + 2 >> 2), and
 * plain `(v + 2^21) >> 22` for the last few values of a row; both are reproduced. A
 * canvas resize smooths differently and changes which borderline boxes survive.
 */

const COEF_BITS = 11;
const COEF_SCALE = 1 << COEF_BITS;
const CHANNELS = 3;

interface Taps {
  /** First source index of each destination index (the second is the next one, clamped). */
  index: Int32Array;
  /** Fixed-point weights of the two source pixels. */
  w0: Int32Array;
  w1: Int32Array;
}

/** cvRound of a float: to nearest, halves to even. */
function roundEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** OpenCV's per-axis source positions and weights (float32 fraction, rounded to 11 bits). */
function taps(src: number, dst: number): Taps {
  const scale = 1 / (dst / src);
  const t: Taps = { index: new Int32Array(dst), w0: new Int32Array(dst), w1: new Int32Array(dst) };
  for (let d = 0; d < dst; d++) {
    let f = Math.fround((d + 0.5) * scale - 0.5);
    let s = Math.floor(f);
    f = Math.fround(f - s);
    if (s < 0) (f = 0), (s = 0);
    if (s >= src - 1) (f = 0), (s = src - 1);
    t.index[d] = s;
    t.w0[d] = roundEven(Math.fround(Math.fround(1 - f) * COEF_SCALE));
    t.w1[d] = roundEven(Math.fround(f * COEF_SCALE));
  }
  return t;
}

/** Where OpenCV's SIMD vertical pass stops in a row of `width` values (128-bit vectors). */
function simdEnd(width: number): number {
  let x = 0;
  while (x <= width - 16) x += 16;
  while (x < width - 8) x += 8;
  return x;
}

/**
 * Resizes RGBA pixels (`srcW` x `srcH`) to `dstW` x `dstH`. The three colour channels
 * are resized as OpenCV resizes a 3-channel image; alpha is set opaque (models take 3).
 */
export function resizeBilinear(rgba: Uint8ClampedArray | Uint8Array, srcW: number, srcH: number, dstW: number, dstH: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(dstW * dstH * 4);
  const xs = taps(srcW, dstW);
  const ys = taps(srcH, dstH);
  const width = dstW * CHANNELS;
  const vecEnd = simdEnd(width);

  // Horizontal pass, one source row at a time, kept for the two rows in use.
  const rows = new Map<number, Int32Array>();
  const hrow = (sy: number): Int32Array => {
    let row = rows.get(sy);
    if (row) return row;
    row = new Int32Array(width);
    const base = sy * srcW * 4;
    for (let dx = 0; dx < dstW; dx++) {
      const a = base + xs.index[dx] * 4;
      const b = base + Math.min(xs.index[dx] + 1, srcW - 1) * 4;
      for (let c = 0; c < CHANNELS; c++) row[dx * CHANNELS + c] = rgba[a + c] * xs.w0[dx] + rgba[b + c] * xs.w1[dx];
    }
    rows.set(sy, row);
    return row;
  };

  for (let dy = 0; dy < dstH; dy++) {
    const sy = ys.index[dy];
    for (const k of rows.keys()) if (k < sy) rows.delete(k);
    const s0 = hrow(sy);
    const s1 = hrow(Math.min(sy + 1, srcH - 1));
    const b0 = ys.w0[dy];
    const b1 = ys.w1[dy];
    const o = dy * dstW * 4;
    for (let x = 0; x < width; x++) {
      let v: number;
      if (x < vecEnd) v = ((((s0[x] >> 4) * b0) >> 16) + (((s1[x] >> 4) * b1) >> 16) + 2) >> 2;
      else v = Math.floor((s0[x] * b0 + s1[x] * b1 + (1 << 21)) / (1 << 22));
      const px = (x / CHANNELS) | 0;
      out[o + px * 4 + (x - px * CHANNELS)] = v; // Uint8ClampedArray saturates like OpenCV
    }
    for (let px = 0; px < dstW; px++) out[o + px * 4 + 3] = 255;
  }
  return out;
}
