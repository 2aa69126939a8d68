import type { Polygon } from '../../geometry/types';
import { roundHalfEven } from '../../numerics/round-half-even';

// sqrt(dx² + dy²), not Math.hypot: the last bit decides pseudo lengths at integer ratios.
const dist = (a: readonly number[], b: readonly number[]) => {
  const dx = a[0] - b[0], dy = a[1] - b[1];
  return Math.sqrt(dx * dx + dy * dy);
};

/** Top run p0..p(n/2-1) and bottom run, both left to right; a quad gives [p0, p1] and [p3, p2]. */
function sides(points: Polygon): { top: Polygon; bottom: Polygon } {
  const half = Math.floor(points.length / 2);
  return { top: points.slice(0, half), bottom: points.slice(half).reverse() };
}

function runLength(run: Polygon): number {
  let len = 0;
  for (let i = 1; i < run.length; i++) len += dist(run[i - 1], run[i]);
  return len;
}

/**
 * Mean horizontal over mean vertical side length, with the reference's 1e-5 guard. For a
 * quad: (|p0p1| + |p2p3|) / 2 over (|p1p2| + |p3p0|) / 2; longer polygons use their top and
 * bottom runs.
 */
export function boxAspectRatio(points: Polygon): number {
  const { top, bottom } = sides(points);
  const avgHor = (runLength(top) + runLength(bottom)) / 2;
  const avgVer = (dist(top[top.length - 1], bottom[bottom.length - 1]) + dist(bottom[0], top[0])) / 2;
  return (avgHor + 1e-5) / (avgVer + 1e-5);
}

/** Characters of a `###` box: its long side over its short side, capped at 10. */
export function dontCareLength(aspect: number): number {
  return Math.min(roundHalfEven(0.5 + Math.max(aspect, 1 / aspect)), 10);
}

/** Characters an unmatched detection counts as: 1 for a wide box, about h / w for a tall one. */
export function falsePositiveChars(aspect: number): number {
  return Math.min(roundHalfEven(0.5 + 1 / (1e-5 + aspect)), 10);
}

/** Python's len() counts code points; case folding may change it (ß -> SS). */
export function transcriptionLength(text: string, caseSensitive: boolean): number {
  let n = 0;
  for (const _ of caseSensitive ? text : text.toUpperCase()) n++;
  return n;
}

const mid = (a: readonly number[], b: readonly number[]): [number, number] => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

/**
 * Pseudo-character centres of a quad, evenly spaced on the segment joining the midpoints
 * of its left and right sides; a box narrower than `verticalThresh` (width / height) reads
 * top to bottom. Flat x, y.
 */
function quadCentres(p: Polygon, length: number, verticalThresh: number): Float64Array {
  const vertical = boxAspectRatio(p) < verticalThresh;
  const [lt, rt, rb, lb] = vertical ? [p[3], p[0], p[1], p[2]] : p;
  const [ax, ay] = mid(lt, lb);
  const [bx, by] = mid(rt, rb);
  const ux = (bx - ax) / length, uy = (by - ay) / length;
  const out = new Float64Array(2 * length);
  for (let i = 0; i < length; i++) {
    out[2 * i] = ax + ux / 2 + ux * i;
    out[2 * i + 1] = ay + uy / 2 + uy * i;
  }
  return out;
}

/**
 * Centres along a curved box's middle line (midpoints of paired top and bottom vertices),
 * spaced evenly by arc length: the paper's rule; the official code has no working POLY path.
 */
function polylineCentres(points: Polygon, length: number): Float64Array {
  const { top, bottom } = sides(points);
  const line = top.length === bottom.length
    ? top.map((t, i) => mid(t, bottom[i]))
    : [mid(top[0], bottom[0]), mid(top[top.length - 1], bottom[bottom.length - 1])];
  if (line.length < 2) return new Float64Array(2 * length).map((_, i) => line[0][i % 2]);
  const cum = [0];
  for (let i = 1; i < line.length; i++) cum.push(cum[i - 1] + dist(line[i - 1], line[i]));
  const total = cum[cum.length - 1];
  const out = new Float64Array(2 * length);
  let seg = 1;
  for (let c = 0; c < length; c++) {
    const at = (total * (c + 0.5)) / length;
    while (seg < line.length - 1 && cum[seg] < at) seg++;
    const span = cum[seg] - cum[seg - 1];
    const t = span > 0 ? (at - cum[seg - 1]) / span : 0;
    out[2 * c] = line[seg - 1][0] + (line[seg][0] - line[seg - 1][0]) * t;
    out[2 * c + 1] = line[seg - 1][1] + (line[seg][1] - line[seg - 1][1]) * t;
  }
  return out;
}

/** Official pseudo-character centres: the QUAD rule for 4 points, the paper's middle line otherwise. */
export function pseudoCharCentres(points: Polygon, length: number, verticalThresh: number): Float64Array {
  if (length === 0) return new Float64Array(0);
  return points.length === 4 ? quadCentres(points, length, verticalThresh) : polylineCentres(points, length);
}
