import ClipperLib from 'clipper-lib';

/**
 * Offsets one closed integer polygon with round joins, reproducing pyclipper's
 * `PyclipperOffset(miter_limit=2, arc_tolerance=0.25)` + `JT_ROUND` / `ET_CLOSEDPOLYGON`
 * (C++ Clipper 6.4.2) to the integer.
 *
 * Why not clipper-lib's own ClipperOffset: its JS port uses pi truncated to 14 digits
 * and lacks the C++ cap on the number of arc steps for small offsets (|delta| < ~1.4),
 * which moves vertices of small polygons. So the raw offset ring is built here the way
 * the C++ DoOffset builds it, and clipper-lib does the union that cleans it up, as the
 * C++ Execute does.
 */

const PI = 3.141592653589793;
const TWO_PI = PI * 2;
const ARC_TOLERANCE = 0.25;

type IntPoint = { X: number; Y: number };

/** C++ Clipper's Round: half away from zero, then truncation to an integer. */
function round(v: number): number {
  return v < 0 ? Math.trunc(v - 0.5) : Math.trunc(v + 0.5);
}

/** Drops repeated consecutive vertices (and a closing repeat of the first), as AddPath does. */
function cleanRing(xy: ArrayLike<number>, n: number): IntPoint[] {
  let high = n - 1;
  while (high > 0 && xy[0] === xy[2 * high] && xy[1] === xy[2 * high + 1]) high--;
  const ring: IntPoint[] = [{ X: xy[0], Y: xy[1] }];
  for (let i = 1; i <= high; i++) {
    const last = ring[ring.length - 1];
    if (last.X !== xy[2 * i] || last.Y !== xy[2 * i + 1]) ring.push({ X: xy[2 * i], Y: xy[2 * i + 1] });
  }
  return ring;
}

function signedArea(ring: IntPoint[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j].X + ring[i].X) * (ring[j].Y - ring[i].Y);
  }
  return -a * 0.5;
}

/** Builds the unclean offset ring (C++ ClipperOffset::DoOffset for one closed path). */
function rawOffset(src: IntPoint[], delta: number): IntPoint[] {
  const ad = Math.abs(delta);
  const y = ARC_TOLERANCE > ad * ARC_TOLERANCE ? ad * ARC_TOLERANCE : ARC_TOLERANCE;
  let steps = PI / Math.acos(1 - y / ad);
  if (steps > ad * PI) steps = ad * PI;
  let sin = Math.sin(TWO_PI / steps);
  const cos = Math.cos(TWO_PI / steps);
  const stepsPerRad = steps / TWO_PI;
  if (delta < 0) sin = -sin;

  const len = src.length;
  const nx = new Float64Array(len);
  const ny = new Float64Array(len);
  for (let j = 0; j < len; j++) {
    const a = src[j];
    const b = src[(j + 1) % len];
    if (a.X === b.X && a.Y === b.Y) continue;
    let dx = b.X - a.X;
    let dy = b.Y - a.Y;
    const f = 1 / Math.sqrt(dx * dx + dy * dy);
    dx *= f;
    dy *= f;
    nx[j] = dy;
    ny[j] = -dx;
  }

  const out: IntPoint[] = [];
  const push = (px: number, py: number) => out.push({ X: round(px), Y: round(py) });
  let k = len - 1;
  for (let j = 0; j < len; j++) {
    const sx = src[j].X;
    const sy = src[j].Y;
    let sinA = nx[k] * ny[j] - nx[j] * ny[k];
    const cosA = nx[k] * nx[j] + ny[j] * ny[k];
    if (Math.abs(sinA * delta) < 1.0) {
      if (cosA > 0) {
        push(sx + nx[k] * delta, sy + ny[k] * delta);
        continue; // C++ returns here without advancing k
      }
    } else if (sinA > 1.0) sinA = 1.0;
    else if (sinA < -1.0) sinA = -1.0;

    if (sinA * delta < 0) {
      push(sx + nx[k] * delta, sy + ny[k] * delta);
      out.push({ X: sx, Y: sy });
      push(sx + nx[j] * delta, sy + ny[j] * delta);
    } else {
      const a = Math.atan2(sinA, nx[k] * nx[j] + ny[k] * ny[j]);
      const n = Math.max(round(stepsPerRad * Math.abs(a)), 1);
      let X = nx[k];
      let Y = ny[k];
      for (let i = 0; i < n; i++) {
        push(sx + X * delta, sy + Y * delta);
        const X2 = X;
        X = X * cos - sin * Y;
        Y = X2 * sin + Y * cos;
      }
      push(sx + nx[j] * delta, sy + ny[j] * delta);
    }
    k = j;
  }
  return out;
}

/**
 * Offsets a closed polygon given as flat integer x,y pairs by `delta` (negative
 * shrinks). Returns the resulting rings as flat x,y arrays, in Clipper's order.
 */
export function offsetPolygon(xy: ArrayLike<number>, n: number, delta: number): Int32Array[] {
  if (n < 1) return [];
  let src = cleanRing(xy, n);
  if (src.length < 3) return []; // C++ AddPath drops closed paths with under 3 distinct vertices
  if (Math.abs(delta) < 1e-20) return [Int32Array.from(src.flatMap((p) => [p.X, p.Y]))]; // NearZero: a copy
  if (signedArea(src) < 0) src = src.reverse(); // FixOrientations

  const c = new ClipperLib.Clipper();
  const ring = rawOffset(src, delta);
  c.AddPath(ring, ClipperLib.PolyType.ptSubject, true);
  const solution: IntPoint[][] = [];
  if (delta > 0) {
    c.Execute(ClipperLib.ClipType.ctUnion, solution, ClipperLib.PolyFillType.pftPositive, ClipperLib.PolyFillType.pftPositive);
  } else {
    let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    for (const p of ring) {
      left = Math.min(left, p.X);
      right = Math.max(right, p.X);
      top = Math.min(top, p.Y);
      bottom = Math.max(bottom, p.Y);
    }
    const outer = [
      { X: left - 10, Y: bottom + 10 },
      { X: right + 10, Y: bottom + 10 },
      { X: right + 10, Y: top - 10 },
      { X: left - 10, Y: top - 10 },
    ];
    c.AddPath(outer, ClipperLib.PolyType.ptSubject, true);
    c.ReverseSolution = true;
    c.Execute(ClipperLib.ClipType.ctUnion, solution, ClipperLib.PolyFillType.pftNegative, ClipperLib.PolyFillType.pftNegative);
    solution.shift();
  }
  return solution.map((path) => {
    const flat = new Int32Array(path.length * 2);
    path.forEach((p, i) => {
      flat[2 * i] = p.X;
      flat[2 * i + 1] = p.Y;
    });
    return flat;
  });
}
