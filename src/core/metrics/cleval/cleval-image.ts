import { polygonBbox, type Bbox } from '../../geometry/polygon-intersection';
import type { Polygon } from '../../geometry/types';
import { evaluatePrepared } from './evaluate-prepared';
import { prepareDet, truncatePolygon } from './int-polygon';
import { ClevalPairTable } from './pair-table';
import type { PreparedGt } from './prepared';
import { boxAspectRatio, dontCareLength, falsePositiveChars, pseudoCharCentres, transcriptionLength } from './pseudo-chars';
import { DEFAULT_CLEVAL_OPTIONS, type ClevalDetBox, type ClevalGtBox, type ClevalImageResult, type ClevalOptions } from './types';

function union(a: Bbox, b: Bbox): Bbox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

function prepareGt(box: ClevalGtBox, o: ClevalOptions): PreparedGt {
  const chars = box.dontCare
    ? dontCareLength(boxAspectRatio(box.points))
    : transcriptionLength(box.text, o.caseSensitive);
  const poly = truncatePolygon(box.points);
  // The untruncated points bound the centres, the truncated ones the polygon.
  return {
    poly,
    bbox: union(polygonBbox(poly), polygonBbox(box.points)),
    pcc: pseudoCharCentres(box.points, chars, o.verticalAspectRatioThresh),
    chars,
    dontCare: box.dontCare,
  };
}

/**
 * Official CLEval detection evaluation of one image (clovaai/CLEval, default options):
 * character-level recall and precision with granularity penalties.
 */
export function clevalImage(
  gt: ClevalGtBox[],
  det: ClevalDetBox[],
  options: Partial<ClevalOptions> = {},
): ClevalImageResult {
  const o = { ...DEFAULT_CLEVAL_OPTIONS, ...options };
  return evaluatePrepared(gt.map((g) => prepareGt(g, o)), det.map((d) => officialDet(d.points)), o);
}

const officialDet = (points: Polygon) => prepareDet(points, () => falsePositiveChars(boxAspectRatio(points)));

/** Official CLEval of any subset of `candidates`, from tables computed once (see ClevalPairTable). */
export function clevalTable(gt: ClevalGtBox[], candidates: readonly Polygon[], options: ClevalOptions): ClevalPairTable {
  return new ClevalPairTable(gt.map((g) => prepareGt(g, options)), candidates.map(officialDet));
}
