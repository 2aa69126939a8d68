import { polygonArea } from '../geometry/polygon-area';
import type { Polygon } from '../geometry/types';
import type { IssueKind } from './issues';

export interface PolygonProblem {
  kind: IssueKind;
  message: string;
}

/** Why a polygon cannot be evaluated, or undefined when it can. */
export function polygonProblem(points: Polygon): PolygonProblem | undefined {
  if (points.length < 3) {
    return { kind: 'too-few-points', message: `A polygon needs at least 3 points, this one has ${points.length}` };
  }
  const bad = points.findIndex(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y));
  if (bad !== -1) {
    return { kind: 'non-finite-coordinate', message: `Point ${bad} is (${points[bad][0]}, ${points[bad][1]}), not a finite number` };
  }
  if (polygonArea(points) <= 1e-9) {
    return { kind: 'zero-area-polygon', message: 'The polygon has zero area (all points on one line or one spot)' };
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
