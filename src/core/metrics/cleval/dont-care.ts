import { bboxesOverlap, intersectionArea, subtractPolygons } from '../../geometry/polygon-intersection';
import type { PreparedGt } from './prepared';
import type { PccInclusion } from './pcc-inclusion';

/** Each don't-care box loses the area of the real words it overlaps, so a word's detection is not ignored there. */
export function subtractWordsFromDontCare(gts: PreparedGt[]): void {
  const words = gts.filter((g) => !g.dontCare);
  for (const dc of gts) {
    if (!dc.dontCare) continue;
    const cut = words.filter((w) => bboxesOverlap(w.bbox, dc.bbox) && intersectionArea(w.poly, dc.poly) > 0);
    if (cut.length > 0) dc.region = subtractPolygons([dc.poly], cut.map((w) => w.poly));
  }
}

/**
 * Detections ignored for lying in don't-care regions: area precision over the constraint
 * with one region, or summed (float32, as the reference's numpy scalar) over the regions
 * holding some of its pseudo characters, up to the first region that passes alone.
 */
export function dontCareDetections(
  gts: PreparedGt[],
  nd: number,
  ap: Float32Array,
  pcc: PccInclusion,
  constraint: number,
): Set<number> {
  const out = new Set<number>();
  const dcs = gts.flatMap((g, gi) => (g.dontCare ? [gi] : []));
  if (dcs.length === 0) return out;
  const limit = Math.fround(constraint);
  for (let d = 0; d < nd; d++) {
    let sum = 0;
    for (const g of dcs) {
      const k = g * nd + d;
      if (ap[k] >= limit) {
        out.add(d);
        break;
      }
      if (pcc.sum[k] > 0) sum = Math.fround(sum + ap[k]);
    }
    if (sum >= limit) out.add(d);
  }
  return out;
}
