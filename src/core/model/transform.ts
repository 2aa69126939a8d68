/**
 * The 3x3 affine transform (row-major, last row 0 0 1) from original-image pixels to
 * network-input pixels that preprocessing applied. Its inverse takes detected boxes back.
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
