import { fillPoly } from '../geometry/fill-poly';

/**
 * DBNet's "fast" box score: the mean probability over the polygon as `cv2.fillPoly`
 * rasterises it inside the polygon's integer bounding box. As the reference does, the
 * vertices are shifted to the box origin and truncated toward zero in float32 first.
 */
export function boxScoreFast(prob: Float32Array, w: number, h: number, xy: ArrayLike<number>, n: number): number {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xy[2 * i]);
    maxX = Math.max(maxX, xy[2 * i]);
    minY = Math.min(minY, xy[2 * i + 1]);
    maxY = Math.max(maxY, xy[2 * i + 1]);
  }
  const clamp = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  const x0 = clamp(Math.floor(minX), w - 1);
  const x1 = clamp(Math.ceil(maxX), w - 1);
  const y0 = clamp(Math.floor(minY), h - 1);
  const y1 = clamp(Math.ceil(maxY), h - 1);
  const mw = x1 - x0 + 1;
  const mh = y1 - y0 + 1;
  const local = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    local[2 * i] = Math.trunc(Math.fround(xy[2 * i] - x0));
    local[2 * i + 1] = Math.trunc(Math.fround(xy[2 * i + 1] - y0));
  }
  const mask = new Float32Array(mw * mh);
  fillPoly(mask, mw, mh, local, n, 1);
  let sum = 0;
  let count = 0;
  for (let y = 0; y < mh; y++) {
    const m = y * mw;
    const p = (y + y0) * w + x0;
    for (let x = 0; x < mw; x++) {
      if (mask[m + x] !== 0) {
        sum += prob[p + x];
        count++;
      }
    }
  }
  return count > 0 ? sum / count : 0;
}
