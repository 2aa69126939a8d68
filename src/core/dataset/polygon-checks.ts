import { polygonArea } from '../geometry/polygon-area';
import type { Polygon } from '../geometry/types';
import { isSimplePolygon } from '../geometry/simple-polygon';
import type { IssueKind } from './issues';

export interface PolygonProblem {
  kind: IssueKind;
  message: string;
}

/**
 * The most points a polygon may have. Text outlines need a few dozen; some of the metrics'
 * steps (the receipt variant's minimum-area rectangle) grow with the square of the count.
 */
export const MAX_POLYGON_POINTS = 10_000;

/** Why a polygon cannot be evaluated, or undefined when it can. */
export function polygonProblem(points: Polygon): PolygonProblem | undefined {
  if (points.length < 3) {
    return { kind: 'too-few-points', message: `A polygon needs at least 3 points, this one has ${points.length}` };
  }
  if (points.length > MAX_POLYGON_POINTS) {
    return {
      kind: 'too-many-points',
      message: `The polygon has ${points.length} points, over the ${MAX_POLYGON_POINTS} detscope evaluates; simplify it (e.g. cv2.approxPolyDP with epsilon 1)`,
    };
  }
  const bad = points.findIndex(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y));
  if (bad !== -1) {
    return { kind: 'non-finite-coordinate', message: `Point ${bad} is (${points[bad][0]}, ${points[bad][1]}), not a finite number` };
  }
  if (polygonArea(points) <= 1e-9) {
    return { kind: 'zero-area-polygon', message: 'The polygon has zero area (all points on one line or one spot, or crossing loops that cancel, as in a symmetric bowtie)' };
  }
  return undefined;
}

/**
 * What the metrics do differently with a polygon they can evaluate, for a warning, or
 * undefined when nothing: a triangle, or an outline that crosses or touches itself.
 */
export function polygonNote(points: Polygon): PolygonProblem | undefined {
  if (points.length === 3) {
    return {
      kind: 'three-point-polygon',
      message: 'The polygon has 3 points: IoU and CLEval evaluate it (CLEval places its pseudo characters between the midpoints of the two sides that meet at the first vertex); the receipt variant of CLEval leaves out polygons under 4 points',
    };
  }
  if (!isSimplePolygon(points)) {
    return {
      kind: 'self-intersecting-polygon',
      message: "The polygon's outline crosses or touches itself: IoU leaves it out, as the reference's shapely validity check does; both CLEval variants use it as given (its area by the shoelace formula, where crossing loops cancel)",
    };
  }
  return undefined;
}

/** True when no part of the polygon's bounding box lies inside the width x height image. */
export function entirelyOutside(points: Polygon, width: number, height: number): boolean {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return maxX <= 0 || maxY <= 0 || minX >= width || minY >= height;
}
