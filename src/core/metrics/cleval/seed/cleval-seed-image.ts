import type { Polygon } from '../../../geometry/types';
import { polygonBbox } from '../../../geometry/polygon-intersection';
import { evaluatePrepared } from '../evaluate-prepared';
import { prepareDet } from '../int-polygon';
import type { PreparedGt } from '../prepared';
import { roundHalfEven } from '../../../numerics/round-half-even';
import { DEFAULT_CLEVAL_OPTIONS, type ClevalDetBox, type ClevalGtBox, type ClevalOptions } from '../types';
import { float32Scores } from './float32-scores';
import { seedPseudoCharCentres } from './pseudo-chars';
import { seedAspectRatio, seedFalsePositiveChars, seedPseudoLength } from './pseudo-length';
import type { ClevalSeedImageResult } from './types';

/** The project's metric keeps the first 500 detections of an image. */
export const SEED_MAX_POLYGONS = 500;

/** Values of the kept boxes placed back at their input indices; dropped boxes count 0 characters. */
function scatter(n: number, kept: number[], values: number[]): number[] {
  const out = new Array<number>(n).fill(0);
  kept.forEach((i, k) => (out[i] = values[k]));
  return out;
}

const asFloat32 = (points: Polygon): Polygon => points.map(([x, y]) => [Math.fround(x), Math.fround(y)]);

/**
 * The receipt project's CLEval variant on one image: GT and detections are POLY boxes
 * without transcriptions, each counting a pseudo length from its minimum-area rectangle.
 * GT transcriptions and `###` boxes are dropped, as that project's loader never reads
 * them. Indices in the result refer to the input arrays.
 */
export function clevalSeedImage(
  gt: ClevalGtBox[],
  det: ClevalDetBox[],
  options: Partial<ClevalOptions> = {},
): ClevalSeedImageResult {
  const o = { ...DEFAULT_CLEVAL_OPTIONS, ...options };
  // The loader rounds GT to int32 half to even; boxes under 4 points are skipped.
  const gtIdx = gt.flatMap((g, i) => (!g.dontCare && g.points.length >= 4 ? [i] : []));
  const detIdx = det.slice(0, SEED_MAX_POLYGONS).flatMap((d, i) => (d.points.length >= 4 ? [i] : []));
  const gtAspects = gtIdx.map((i) => {
    const points = gt[i].points.map(([x, y]) => [roundHalfEven(x), roundHalfEven(y)] as [number, number]);
    return { points, ...seedAspectRatio(points) };
  });
  const detAspects = detIdx.map((i) => {
    const points = asFloat32(det[i].points);
    return { points, ...seedAspectRatio(points) };
  });

  const gts = gtAspects.map(({ points, aspect }): PreparedGt => {
    const chars = seedPseudoLength(aspect);
    return { poly: points, bbox: polygonBbox(points), pcc: seedPseudoCharCentres(points, chars), chars, dontCare: false };
  });
  const dets = detAspects.map(({ points, aspect }) => prepareDet(points, () => seedFalsePositiveChars(aspect)));
  const r = evaluatePrepared(gts, dets, o);

  const toGt = (k: number) => gtIdx[k];
  const toDet = (k: number) => detIdx[k];
  return {
    ...r,
    matches: r.matches.map((m) => ({ relation: m.relation, gt: m.gt.map(toGt), det: m.det.map(toDet) })),
    matchedGt: r.matchedGt.map(toGt),
    unmatchedGt: r.unmatchedGt.map(toGt),
    matchedDet: r.matchedDet.map(toDet),
    unmatchedDet: r.unmatchedDet.map(toDet),
    dontCareGt: [],
    dontCareDet: [],
    gtChars: scatter(gt.length, gtIdx, r.gtChars),
    fpChars: Object.fromEntries(Object.entries(r.fpChars).map(([k, v]) => [toDet(Number(k)), v])),
    float32: float32Scores(r.counts),
    degenerateGt: gtAspects.flatMap((a, k) => (a.degenerate ? [toGt(k)] : [])),
    degenerateDet: detAspects.flatMap((a, k) => (a.degenerate ? [toDet(k)] : [])),
  };
}
