/** Probability to a translucent red-yellow overlay; low probabilities stay transparent. */
export function heatRgba(prob: Float32Array): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(prob.length * 4);
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i];
    out[i * 4] = 255;
    out[i * 4 + 1] = 220 * p;
    out[i * 4 + 2] = 0;
    out[i * 4 + 3] = p < 0.05 ? 0 : 60 + 140 * p;
  }
  return out;
}

/** A map as one translucent colour, its opacity `weight(value)` in [0, 1] (0: transparent). */
export function tintRgba(values: Float32Array, [r, g, b]: readonly [number, number, number], weight: (v: number) => number): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 170 * weight(values[i]);
  }
  return out;
}
