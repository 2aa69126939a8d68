import { convexHullIndices } from './convex-hull';

/**
 * Minimum-area rectangle by rotating calipers, as OpenCV 4.6's `minAreaRect` and
 * `boxPoints` compute it, in float32 at every step where OpenCV uses float. The DB
 * post-processing truncates these corners to integers, so a value like 562.99994 instead
 * of 563 moves a box by a pixel: the float32 noise is part of the contract.
 */

const f = Math.fround;

export interface RotatedRect {
  cx: number;
  cy: number;
  width: number;
  height: number;
  /** Degrees. */
  angle: number;
}

/** OpenCV's rotatingCalipers(CALIPERS_MINAREARECT) on a convex polygon of n > 2 points. */
function calipers(px: Float32Array, py: Float32Array): number[] {
  const n = px.length;
  const vx = new Float32Array(n);
  const vy = new Float32Array(n);
  const invLen = new Float32Array(n);
  let left = 0, bottom = 0, right = 0, top = 0;
  let leftX = px[0], rightX = px[0], topY = py[0], bottomY = py[0];
  for (let i = 0; i < n; i++) {
    if (px[i] < leftX) (leftX = px[i]), (left = i);
    if (px[i] > rightX) (rightX = px[i]), (right = i);
    if (py[i] > topY) (topY = py[i]), (top = i);
    if (py[i] < bottomY) (bottomY = py[i]), (bottom = i);
    const j = i + 1 < n ? i + 1 : 0;
    const dx = f(px[j] - px[i]);
    const dy = f(py[j] - py[i]);
    vx[i] = dx;
    vy[i] = dy;
    invLen[i] = 1 / Math.sqrt(dx * dx + dy * dy);
  }
  let orientation = 0;
  for (let i = 0, ax = vx[n - 1], ay = vy[n - 1]; i < n; i++) {
    const convexity = ax * vy[i] - ay * vx[i];
    if (convexity !== 0) {
      orientation = convexity > 0 ? 1 : -1;
      break;
    }
    ax = vx[i];
    ay = vy[i];
  }
  let baseA = orientation;
  let baseB = 0;
  const seq = [bottom, right, top, left];
  let minArea = Infinity;
  let li = 0, bi = 0, a1 = 0, b1 = 0, width = 0, height = 0;
  // Each caliper's next hull edge, turned into caliper 0's frame.
  const rx = [0, 0, 0, 0];
  const ry = [0, 0, 0, 0];
  for (let k = 0; k < n; k++) {
    rx[0] = vx[seq[0]];
    ry[0] = vy[seq[0]];
    rx[1] = vy[seq[1]];
    ry[1] = -vx[seq[1]];
    rx[2] = -vx[seq[2]];
    ry[2] = -vy[seq[2]];
    rx[3] = -vy[seq[3]];
    ry[3] = vx[seq[3]];
    // The caliper whose edge turns least is the one that rotates onto its edge.
    let main = 0;
    for (let i = 1; i < 4; i++) {
      if (f(f(ry[i] * rx[main]) + f(-rx[i] * ry[main])) < 0) main = i;
    }
    const p = seq[main];
    const leadX = f(vx[p] * invLen[p]);
    const leadY = f(vy[p] * invLen[p]);
    // The other three calipers stay at right angles to it.
    if (main === 0) (baseA = leadX), (baseB = leadY);
    else if (main === 1) (baseA = leadY), (baseB = -leadX);
    else if (main === 2) (baseA = -leadX), (baseB = -leadY);
    else (baseA = -leadY), (baseB = leadX);
    seq[main] = seq[main] + 1 === n ? 0 : seq[main] + 1;

    const wd = f(f(f(px[seq[1]] - px[seq[3]]) * baseA) + f(f(py[seq[1]] - py[seq[3]]) * baseB));
    const ht = f(f(-f(px[seq[2]] - px[seq[0]]) * baseB) + f(f(py[seq[2]] - py[seq[0]]) * baseA));
    const area = f(wd * ht);
    if (area <= minArea) {
      minArea = area;
      [li, a1, width, b1, height, bi] = [seq[3], baseA, wd, baseB, ht, seq[0]];
    }
  }
  const a2 = -b1;
  const b2 = a1;
  const c1 = f(f(a1 * px[li]) + f(py[li] * b1));
  const c2 = f(f(a2 * px[bi]) + f(py[bi] * b2));
  const idet = f(1 / f(f(a1 * b2) - f(a2 * b1)));
  return [
    f(f(f(c1 * b2) - f(c2 * b1)) * idet),
    f(f(f(a1 * c2) - f(a2 * c1)) * idet),
    f(a1 * width),
    f(b1 * width),
    f(a2 * height),
    f(b2 * height),
  ];
}

/** OpenCV stores the angle as float32 radians, then converts (float32 * 180, float64 / pi). */
function toDegrees(rad: number): number {
  return f(f(f(rad) * 180) / Math.PI);
}

/** Minimum-area rectangle around the `n` integer points of flat x,y array `xy`. */
export function minAreaRect(xy: ArrayLike<number>, n: number): RotatedRect {
  const hull = convexHullIndices(xy, n, false);
  const m = hull.length;
  const px = new Float32Array(m);
  const py = new Float32Array(m);
  hull.forEach((idx, i) => {
    px[i] = xy[2 * idx];
    py[i] = xy[2 * idx + 1];
  });
  if (m > 2) {
    const [ox, oy, wx, wy, hx, hy] = calipers(px, py);
    return {
      cx: f(ox + f(f(wx + hx) * 0.5)),
      cy: f(oy + f(f(wy + hy) * 0.5)),
      width: f(Math.sqrt(wx * wx + wy * wy)),
      height: f(Math.sqrt(hx * hx + hy * hy)),
      angle: toDegrees(Math.atan2(wy, wx)),
    };
  }
  if (m === 2) {
    const dx = f(px[1] - px[0]);
    const dy = f(py[1] - py[0]);
    return {
      cx: f(f(px[0] + px[1]) * 0.5),
      cy: f(f(py[0] + py[1]) * 0.5),
      width: f(Math.sqrt(dx * dx + dy * dy)),
      height: 0,
      angle: toDegrees(Math.atan2(dy, dx)),
    };
  }
  return { cx: m === 1 ? px[0] : 0, cy: m === 1 ? py[0] : 0, width: 0, height: 0, angle: 0 };
}

/** The four corners of a rotated rectangle as OpenCV's `boxPoints` orders them (float32). */
export function boxPoints(r: RotatedRect): Float32Array {
  const rad = (r.angle * Math.PI) / 180;
  const b = f(f(Math.cos(rad)) * 0.5);
  const a = f(f(Math.sin(rad)) * 0.5);
  const out = new Float32Array(8);
  out[0] = f(f(r.cx - f(a * r.height)) - f(b * r.width));
  out[1] = f(f(r.cy + f(b * r.height)) - f(a * r.width));
  out[2] = f(f(r.cx + f(a * r.height)) - f(b * r.width));
  out[3] = f(f(r.cy - f(b * r.height)) - f(a * r.width));
  out[4] = f(f(2 * r.cx) - out[0]);
  out[5] = f(f(2 * r.cy) - out[1]);
  out[6] = f(f(2 * r.cx) - out[2]);
  out[7] = f(f(2 * r.cy) - out[3]);
  return out;
}
