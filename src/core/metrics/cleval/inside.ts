import type { Polygon } from '../../geometry/types';

/**
 * Even-odd crossing test as Polygon3 (GPC) does it. Half-open: a point on a left or top
 * edge is inside, on a right or bottom edge outside, so a pseudo character on the edge
 * shared by two split detections belongs to exactly one of them.
 */
export function isInsideHalfOpen(poly: Polygon, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
