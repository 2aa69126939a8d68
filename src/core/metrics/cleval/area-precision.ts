import { bboxesOverlap, overlapArea, regionIntersectionArea } from '../../geometry/polygon-intersection';
import type { PreparedDet, PreparedGt } from './prepared';

/**
 * Area precision |G ∩ D| / |D| of every pair, row-major by GT. Float32Array on purpose:
 * the reference stores it as float32 and compares that value with the 0.3 constraint.
 */
export function areaPrecisionMatrix(gts: PreparedGt[], dets: PreparedDet[]): Float32Array {
  const ap = new Float32Array(gts.length * dets.length);
  const nd = dets.length;
  for (let gi = 0; gi < gts.length; gi++) {
    const g = gts[gi];
    for (let di = 0; di < nd; di++) {
      const d = dets[di];
      if (d.area <= 0 || !bboxesOverlap(g.bbox, d.bbox)) continue;
      const inter = g.region ? regionIntersectionArea(g.region, d.poly) : overlapArea(g.poly, d.poly, d.convex);
      ap[gi * nd + di] = inter / d.area;
    }
  }
  return ap;
}
