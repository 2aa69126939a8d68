import { offsetPolygon } from './clipper-offset';

/**
 * DBNet's "unclip": grows a shrunk text region back by distance = area * ratio / perimeter
 * (the inverse of the shrink used to train the probability map), with a round-joined
 * Clipper offset. As the reference does: area and perimeter from the float vertices,
 * the offset from the vertices truncated toward zero, and only the first resulting ring.
 * Returns null when the polygon is degenerate or the offset is empty.
 */
export function unclip(xy: ArrayLike<number>, n: number, ratio: number): Int32Array | null {
  const area = Math.abs(ringArea(xy, n));
  const length = ringLength(xy, n);
  if (area === 0 || length === 0) return null;
  const ints = new Int32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) ints[i] = Math.trunc(xy[i]);
  const rings = offsetPolygon(ints, n, (area * ratio) / length);
  return rings.length > 0 ? rings[0] : null;
}

/** Signed area as GEOS computes it (relative to the first x, for accuracy). */
function ringArea(xy: ArrayLike<number>, n: number): number {
  if (n < 3) return 0;
  const x0 = xy[0];
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    const x = xy[2 * (i % n)] - x0;
    const yNext = xy[2 * ((i + 1) % n) + 1];
    const yPrev = xy[2 * (i - 1) + 1];
    sum += x * (yPrev - yNext);
  }
  return sum / 2;
}

function ringLength(xy: ArrayLike<number>, n: number): number {
  let length = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const dx = xy[2 * j] - xy[2 * i];
    const dy = xy[2 * j + 1] - xy[2 * i + 1];
    length += Math.sqrt(dx * dx + dy * dy);
  }
  return length;
}
