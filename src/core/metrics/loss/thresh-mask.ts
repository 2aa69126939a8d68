import { offsetDistance, truncatePolygon, type CollateParams } from '../../collate/collate';
import { offsetPolygon } from '../../geometry/clipper-offset';
import { fillPoly } from '../../geometry/fill-poly';
import type { Polygon } from '../../geometry/types';

/**
 * DB's threshold mask: 1 inside every polygon dilated by its offset distance D (the
 * region where the border map is supervised), 0 elsewhere. The reference collate
 * returns only the two maps, so the mask is derived here as DB's MakeBorderMap does,
 * with the same truncation, skips and offset as the collate.
 */
export function threshMask(params: CollateParams, polygons: readonly (Polygon | Int32Array)[]): Float32Array {
  const { height: h, width: w } = params;
  const mask = new Float32Array(h * w);
  for (const p of polygons) {
    const xy = p instanceof Int32Array ? p : truncatePolygon(p);
    const distance = offsetDistance(xy, params.shrinkRatio);
    if (distance === null) continue;
    for (const ring of offsetPolygon(xy, xy.length >> 1, distance)) fillPoly(mask, w, h, ring, ring.length >> 1, 1);
  }
  return mask;
}
