import type { Point, Polygon } from '../../../geometry/types';
import { isConvex } from '../../../geometry/polygon-intersection';
import { roundHalfEven } from '../../../numerics/round-half-even';

/** np.finfo(np.float32).eps, the variant's guard against division by zero. */
export const F32_EPS = 2 ** -23;
const CAP = 100;

const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Andrew's monotone chain, for the rare non-convex box. */
function convexHull(points: Polygon): Polygon {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const half = (pts: Polygon) => {
    const h: Polygon = [];
    for (const q of pts) {
      while (h.length >= 2 && cross(h[h.length - 2], h[h.length - 1], q) <= 0) h.pop();
      h.push(q);
    }
    h.pop();
    return h;
  };
  return [...half(p), ...half([...p].reverse())];
}

/**
 * True when the variant's hull step fails or sees no area: Qhull rejects collinear points,
 * and the variant then takes aspect 0.
 */
function isDegenerate(points: Polygon): boolean {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const [x, y] of points) {
    const rx = roundHalfEven(x), ry = roundHalfEven(y);
    x0 = Math.min(x0, rx); x1 = Math.max(x1, rx);
    y0 = Math.min(y0, ry); y1 = Math.max(y1, ry);
  }
  return x0 === x1 || y0 === y1 || (!isConvex(points) && !isConvex(convexHull(points)));
}

/**
 * The variant's aspect ratio: orthogonal over parallel side of the minimum-area rectangle,
 * capped at 100. The rectangle is the first hull edge, from p0 -> p1 in vertex order, whose
 * extents give the smallest area; exact ties (within 1e-9) keep the earlier edge, which is
 * how Qhull's hull order resolves them for boxes given clockwise from the top-left.
 */
export function originalAspectRatio(points: Polygon): { aspect: number; degenerate: boolean } {
  if (points.length < 3 || isDegenerate(points)) return { aspect: 0, degenerate: true };
  const hull = isConvex(points) ? points : convexHull(points);
  let best = Infinity, lenP = 0, lenO = 0;
  for (let i = 0; i < hull.length; i++) {
    const [ax, ay] = hull[i];
    const [bx, by] = hull[(i + 1) % hull.length];
    const len = Math.sqrt((ax - bx) ** 2 + (ay - by) ** 2);
    if (len === 0) continue;
    const ux = (bx - ax) / len, uy = (by - ay) / len;
    let p0 = Infinity, p1 = -Infinity, o0 = Infinity, o1 = -Infinity;
    for (const [x, y] of hull) {
      const p = ux * x + uy * y, o = -uy * x + ux * y;
      p0 = Math.min(p0, p); p1 = Math.max(p1, p);
      o0 = Math.min(o0, o); o1 = Math.max(o1, o);
    }
    const area = (p1 - p0) * (o1 - o0);
    if (area < best * (1 - 1e-9)) {
      best = area;
      lenP = p1 - p0;
      lenO = o1 - o0;
    }
  }
  return { aspect: Math.min(CAP, lenO / (lenP + F32_EPS)), degenerate: false };
}

/**
 * Characters of a box without transcription: ceil of the rectangle's long over short
 * side, exactly that side ratio when it is an integer (the eps keeps 0.5 + r below the
 * tie), at most 100.
 */
export function originalPseudoLength(aspect: number): number {
  return Math.min(roundHalfEven(0.5 + Math.max(aspect, 1 / (aspect + F32_EPS))), CAP);
}

/** Characters an unmatched detection counts as: about w / h for a wide box, 1 for a tall one. */
export function originalFalsePositiveChars(aspect: number): number {
  return Math.min(roundHalfEven(0.5 + 1 / (F32_EPS + aspect)), CAP);
}
