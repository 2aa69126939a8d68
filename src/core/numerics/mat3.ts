/**
 * A 3x3 affine transform, row-major, last row 0 0 1: preprocessing's map from
 * original-image pixels to network-input pixels (model/preprocess.ts), whose inverse
 * takes detected boxes back (postprocess/map-back.ts).
 */
export type Mat3 = [number, number, number, number, number, number, number, number, number];

/** x' = sx * x + tx, y' = sy * y + ty: what every resize-and-pad rule is. */
export function scaleTranslate(sx: number, sy: number, tx = 0, ty = 0): Mat3 {
  return [sx, 0, tx, 0, sy, ty, 0, 0, 1];
}

export function invertAffine(m: Mat3): Mat3 {
  const det = m[0] * m[4] - m[1] * m[3];
  if (det === 0) throw new RangeError('transform is not invertible');
  const a = m[4] / det;
  const b = -m[1] / det;
  const d = -m[3] / det;
  const e = m[0] / det;
  return [a, b, -(a * m[2] + b * m[5]), d, e, -(d * m[2] + e * m[5]), 0, 0, 1];
}

export function applyAffine(m: Mat3, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
}

/** `a` after `b`: the transform that applies `b`, then `a`. */
export function composeAffine(a: Mat3, b: Mat3): Mat3 {
  return [
    a[0] * b[0] + a[1] * b[3],
    a[0] * b[1] + a[1] * b[4],
    a[0] * b[2] + a[1] * b[5] + a[2],
    a[3] * b[0] + a[4] * b[3],
    a[3] * b[1] + a[4] * b[4],
    a[3] * b[2] + a[4] * b[5] + a[5],
    0,
    0,
    1,
  ];
}
