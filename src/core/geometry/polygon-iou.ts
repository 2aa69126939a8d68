import { polygonArea } from './polygon-area';
import { intersectionArea } from './polygon-intersection';
import type { Polygon } from './types';

/** Intersection over union of two simple polygons; 0 when both are empty. */
export function polygonIou(a: Polygon, b: Polygon): number {
  const inter = intersectionArea(a, b);
  const union = polygonArea(a) + polygonArea(b) - inter;
  return union > 0 ? inter / union : 0;
}
