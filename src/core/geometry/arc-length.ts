/**
 * Perimeter of a closed polygon (flat x,y pairs) as OpenCV 4.6's `arcLength(closed)`
 * computes it: each edge length is a float32 square root of a float32 sum, added into
 * a float64 total starting from the last-to-first edge. Copied on purpose: the DB
 * offset distance depends on it, and so do the reference maps.
 */
export function arcLength(xy: ArrayLike<number>, n: number): number {
  let total = 0;
  let px = xy[2 * (n - 1)];
  let py = xy[2 * (n - 1) + 1];
  for (let i = 0; i < n; i++) {
    const dx = Math.fround(xy[2 * i] - px);
    const dy = Math.fround(xy[2 * i + 1] - py);
    total += Math.fround(Math.sqrt(Math.fround(Math.fround(dx * dx) + Math.fround(dy * dy))));
    px = xy[2 * i];
    py = xy[2 * i + 1];
  }
  return total;
}
