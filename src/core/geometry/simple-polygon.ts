import { polygonArea } from './polygon-area';
import type { Point, Polygon } from './types';

/**
 * What the reference asks of a polygon before using it (shapely `is_valid and is_simple`):
 * finite, at least 3 distinct vertices, non-zero area, and a boundary that neither crosses
 * nor touches itself. Repeated consecutive vertices are allowed, as in shapely.
 */
export function isSimplePolygon(polygon: Polygon): boolean {
  if (polygon.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) return false;
  const ring = polygon.filter((p, i) => !samePoint(p, polygon[(i + 1) % polygon.length]));
  const n = ring.length;
  if (n < 3 || polygonArea(ring) === 0) return false;
  for (let i = 0; i < n; i++) {
    const a = ring[i], b = ring[(i + 1) % n], c = ring[(i + 2) % n];
    if (cross(a, b, c) === 0 && dot(a, b, c) > 0) return false; // the next edge runs back over this one
  }
  return !nonAdjacentEdgesMeet(ring);
}

/** Up to this many edges, testing every pair is cheaper than sorting them. */
const ALL_PAIRS_EDGES = 16;

/**
 * Whether two edges of a ring that do not follow each other share a point. Beyond a few
 * edges, a sweep tests only the pairs whose bounding boxes overlap (two closed segments meet
 * nowhere else) with the same exact predicate, so the answer is the all-pairs one, in
 * O(n log n + overlapping pairs) instead of O(n²). It sweeps along the axis on which edges
 * are shorter, where fewer of them overlap. `allPairsUpTo` lets tests compare the two ways.
 */
export function nonAdjacentEdgesMeet(ring: Polygon, allPairsUpTo = ALL_PAIRS_EDGES): boolean {
  const n = ring.length;
  if (n <= allPairsUpTo) {
    for (let i = 0; i < n; i++) for (let j = i + 2; j < n; j++) if (edgesMeet(ring, i, j)) return true;
    return false;
  }
  const lo = [new Float64Array(n), new Float64Array(n)], hi = [new Float64Array(n), new Float64Array(n)];
  const extent = [0, 0];
  for (let i = 0; i < n; i++) {
    const a = ring[i], b = ring[(i + 1) % n];
    for (const axis of [0, 1]) {
      lo[axis][i] = Math.min(a[axis], b[axis]);
      hi[axis][i] = Math.max(a[axis], b[axis]);
      extent[axis] += hi[axis][i] - lo[axis][i];
    }
  }
  const sweep = extent[0] <= extent[1] ? 0 : 1;
  const [start, end, otherLo, otherHi] = [lo[sweep], hi[sweep], lo[1 - sweep], hi[1 - sweep]];
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => start[a] - start[b]);
  const active: number[] = [];
  for (const e of order) {
    // Edges that end before this one starts can meet no edge still to come.
    let kept = 0;
    for (const a of active) if (end[a] >= start[e]) active[kept++] = a;
    active.length = kept;
    for (const a of active) {
      if (otherHi[a] < otherLo[e] || otherHi[e] < otherLo[a]) continue;
      if (edgesMeet(ring, Math.min(a, e), Math.max(a, e))) return true;
    }
    active.push(e);
  }
  return false;
}

/** Edges i < j meet other than at the vertex that consecutive edges share. */
function edgesMeet(ring: Polygon, i: number, j: number): boolean {
  const n = ring.length;
  if (j === i + 1 || (i === 0 && j === n - 1)) return false;
  return segmentsMeet(ring[i], ring[i + 1], ring[j], ring[(j + 1) % n]);
}

function samePoint(p: Point, q: Point): boolean {
  return p[0] === q[0] && p[1] === q[1];
}

/** z of (b - a) x (c - a). */
function cross(a: Point, b: Point, c: Point): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** (a - b) . (c - b): positive when a and c lie on the same side of b. */
function dot(a: Point, b: Point, c: Point): number {
  return (a[0] - b[0]) * (c[0] - b[0]) + (a[1] - b[1]) * (c[1] - b[1]);
}

/** Closed segments pq and rs share at least one point. */
function segmentsMeet(p: Point, q: Point, r: Point, s: Point): boolean {
  const d1 = cross(r, s, p), d2 = cross(r, s, q), d3 = cross(p, q, r), d4 = cross(p, q, s);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && onSegment(r, s, p)) || (d2 === 0 && onSegment(r, s, q)) || (d3 === 0 && onSegment(p, q, r)) || (d4 === 0 && onSegment(p, q, s));
}

/** For a point t collinear with ab: whether it lies within ab. */
function onSegment(a: Point, b: Point, t: Point): boolean {
  return Math.min(a[0], b[0]) <= t[0] && t[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= t[1] && t[1] <= Math.max(a[1], b[1]);
}
