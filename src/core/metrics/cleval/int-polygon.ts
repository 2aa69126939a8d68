import { polygonArea } from '../../geometry/polygon-area';
import { isConvex, polygonBbox } from '../../geometry/polygon-intersection';
import type { Polygon } from '../../geometry/types';
import type { PreparedDet } from './prepared';

/** The references hand their polygon library int() coordinates (truncated toward zero). */
export function truncatePolygon(points: Polygon): Polygon {
  return points.map(([x, y]) => [Math.trunc(x), Math.trunc(y)]);
}

export function prepareDet(points: Polygon, fpChars: () => number): PreparedDet {
  const poly = truncatePolygon(points);
  return { poly, bbox: polygonBbox(poly), area: polygonArea(poly), convex: isConvex(poly), fpChars };
}
