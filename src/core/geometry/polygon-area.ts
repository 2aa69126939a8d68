import type { Polygon } from './types';

/** Shoelace area, positive when the vertices turn counter-clockwise in a y-up frame. */
export function signedPolygonArea(poly: Polygon): number {
  let twice = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    twice += poly[j][0] * poly[i][1] - poly[i][0] * poly[j][1];
  }
  return twice / 2;
}

/** Area of a simple polygon, whatever its vertex order. */
export function polygonArea(poly: Polygon): number {
  return Math.abs(signedPolygonArea(poly));
}
