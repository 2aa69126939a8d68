import ClipperLib from 'clipper-lib';
import { polygonArea, signedPolygonArea } from './polygon-area';
import type { Point, Polygon } from './types';

/** [minX, minY, maxX, maxY] */
export type Bbox = [number, number, number, number];

export function polygonBbox(poly: Polygon): Bbox {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of poly) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/** True when the interiors of the boxes can meet (touching edges do not count). */
export function bboxesOverlap(a: Bbox, b: Bbox): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Convex with non-zero area: every turn has the same sign (straight runs allowed). */
export function isConvex(poly: Polygon): boolean {
  let sign = 0;
  const n = poly.length;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = poly[i];
    const [bx, by] = poly[(i + 1) % n];
    const [cx, cy] = poly[(i + 2) % n];
    const turn = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
    if (turn === 0) continue;
    if (sign === 0) sign = Math.sign(turn);
    else if (Math.sign(turn) !== sign) return false;
  }
  return sign !== 0;
}

/**
 * Sutherland-Hodgman: area of `subject` (any simple polygon) clipped by a convex polygon,
 * in double precision like GPC and shapely, so area ratios at a threshold (0.3, 0.5) agree.
 */
export function convexIntersectionArea(subject: Polygon, convex: Polygon): number {
  const orient = signedPolygonArea(convex) > 0 ? 1 : -1;
  let out: Point[] = subject;
  for (let i = 0; i < convex.length && out.length > 0; i++) {
    const [ax, ay] = convex[i];
    const [bx, by] = convex[i + 1 === convex.length ? 0 : i + 1];
    const ex = orient * (bx - ax), ey = orient * (by - ay);
    const input = out;
    out = [];
    let p = input[input.length - 1];
    let sp = ex * (p[1] - ay) - ey * (p[0] - ax);
    for (const q of input) {
      const sq = ex * (q[1] - ay) - ey * (q[0] - ax);
      if (sp >= 0 !== sq >= 0 && sp !== sq) {
        const t = sp / (sp - sq);
        out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
      }
      if (sq >= 0) out.push(q);
      p = q;
      sp = sq;
    }
  }
  return polygonArea(out);
}

/** Fixed integer scale for clipper-lib: 1/65536 px, and 16k px images stay in its fast 32-bit range. */
const SCALE = 65536;

function toPath(poly: Polygon): ClipperLib.Path {
  return poly.map(([x, y]) => ({ X: Math.round(x * SCALE), Y: Math.round(y * SCALE) }));
}

function fromPath(path: ClipperLib.Path): Polygon {
  return path.map((p) => [p.X / SCALE, p.Y / SCALE] as Point);
}

function clipperRun(type: ClipperLib.ClipType, subject: Polygon[], clip: Polygon[]): ClipperLib.Paths {
  const c = new ClipperLib.Clipper();
  c.AddPaths(subject.map(toPath), ClipperLib.PolyType.ptSubject, true);
  c.AddPaths(clip.map(toPath), ClipperLib.PolyType.ptClip, true);
  const solution: ClipperLib.Paths = [];
  c.Execute(type, solution, ClipperLib.PolyFillType.pftEvenOdd, ClipperLib.PolyFillType.pftEvenOdd);
  return solution;
}

/**
 * A region is a set of contours read even-odd (outer rings and holes), as a polygon
 * boolean leaves it. Area of region ∩ polygon, with clipper-lib.
 */
export function regionIntersectionArea(region: Polygon[], poly: Polygon): number {
  if (region.length === 0) return 0;
  const solution = clipperRun(ClipperLib.ClipType.ctIntersection, region, [poly]);
  let area = 0;
  for (const path of solution) area += ClipperLib.Clipper.Area(path);
  return Math.abs(area) / (SCALE * SCALE);
}

/** `subject` minus the union of `cut`, as a region (outer rings and holes). */
export function subtractPolygons(subject: Polygon[], cut: Polygon[]): Polygon[] {
  return clipperRun(ClipperLib.ClipType.ctDifference, subject, cut).map(fromPath);
}

/** Intersection area of two simple polygons; 0 without computing when the bounding boxes are apart. */
export function intersectionArea(a: Polygon, b: Polygon): number {
  if (!bboxesOverlap(polygonBbox(a), polygonBbox(b))) return 0;
  return overlapArea(a, b);
}

/** Sutherland-Hodgman costs |a| x |b| steps: past this, clipper's sweep is the one that finishes. */
const CONVEX_CLIP_LIMIT = 1_000_000;

/** Intersection area of two simple polygons whose boxes overlap; `bConvex` when already known. */
export function overlapArea(a: Polygon, b: Polygon, bConvex = isConvex(b)): number {
  if (a.length * b.length <= CONVEX_CLIP_LIMIT) {
    if (bConvex) return convexIntersectionArea(a, b);
    if (isConvex(a)) return convexIntersectionArea(b, a);
  }
  return regionIntersectionArea([a], b);
}
