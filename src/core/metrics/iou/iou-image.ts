import { polygonArea } from '../../geometry/polygon-area';
import { intersectionArea } from '../../geometry/polygon-intersection';
import type { Polygon } from '../../geometry/types';
import { hmean, type IouScores, type IouTotals } from './iou-totals';
import { isSimplePolygon } from '../../geometry/simple-polygon';

export interface IouOptions {
  /** A pair matches when IoU is strictly above this. */
  iouThreshold: number;
  /** A detection is ignored when more than this share of its area lies on one don't-care region. */
  areaPrecisionThreshold: number;
}

export const ICDAR2015_IOU: IouOptions = { iouThreshold: 0.5, areaPrecisionThreshold: 0.5 };

/** One image under the ICDAR 2015 IoU protocol; indices refer to the arrays given. */
export interface IouImageResult extends IouTotals, IouScores {
  pairs: { gt: number; det: number; iou: number }[];
  /** Care GT regions and care detections left unmatched. */
  missedGt: number[];
  falseDet: number[];
  /** Detections ignored because they lie on a don't-care region. */
  ignoredDet: number[];
  /** Polygons the reference drops as invalid (self-crossing, degenerate). */
  invalidGt: number[];
  invalidDet: number[];
}

/**
 * ICDAR 2015 detection by IoU, as the DB repository's DetectionIoUEvaluator (and
 * PaddleOCR's copy) does it: invalid polygons dropped; detections ignored when their
 * area precision on a don't-care GT exceeds 0.5; then greedy one-to-one matching in GT
 * order, each GT taking the first free detection with IoU > 0.5.
 */
export function evaluateIouImage(
  gt: readonly { points: Polygon; dontCare: boolean }[],
  det: readonly { points: Polygon }[],
  { iouThreshold, areaPrecisionThreshold }: IouOptions = ICDAR2015_IOU,
): IouImageResult {
  const gtValid = gt.map((g) => isSimplePolygon(g.points));
  const detValid = det.map((d) => isSimplePolygon(d.points));
  const validGt = indicesWhere(gtValid, Boolean);
  const validDet = indicesWhere(detValid, Boolean);
  const dontCareGt = validGt.filter((g) => gt[g].dontCare);
  const careGt = validGt.filter((g) => !gt[g].dontCare);
  const detArea = det.map((d) => polygonArea(d.points));

  const ignoredDet = validDet.filter((d) =>
    dontCareGt.some((g) => detArea[d] > 0 && intersectionArea(gt[g].points, det[d].points) / detArea[d] > areaPrecisionThreshold),
  );
  const ignored = new Set(ignoredDet);
  const careDet = validDet.filter((d) => !ignored.has(d));

  const pairs: IouImageResult['pairs'] = [];
  const taken = new Set<number>();
  for (const g of careGt) {
    const gtArea = polygonArea(gt[g].points);
    for (const d of careDet) {
      if (taken.has(d)) continue;
      const inter = intersectionArea(det[d].points, gt[g].points);
      const iou = inter / (detArea[d] + gtArea - inter);
      if (iou > iouThreshold) {
        taken.add(d);
        pairs.push({ gt: g, det: d, iou });
        break;
      }
    }
  }

  const matched = pairs.length;
  const gtCare = careGt.length;
  const detCare = careDet.length;
  // The reference's per-image convention: an image without care GT has full recall.
  const recall = gtCare === 0 ? 1 : matched / gtCare;
  const precision = gtCare === 0 ? (detCare > 0 ? 0 : 1) : detCare === 0 ? 0 : matched / detCare;
  const matchedGt = new Set(pairs.map((p) => p.gt));
  return {
    gtCare,
    detCare,
    matched,
    recall,
    precision,
    hmean: hmean(recall, precision),
    pairs,
    missedGt: careGt.filter((g) => !matchedGt.has(g)),
    falseDet: careDet.filter((d) => !taken.has(d)),
    ignoredDet,
    invalidGt: indicesWhere(gtValid, (ok) => !ok),
    invalidDet: indicesWhere(detValid, (ok) => !ok),
  };
}

function indicesWhere<T>(items: readonly T[], keep: (item: T) => boolean): number[] {
  const out: number[] = [];
  items.forEach((item, i) => keep(item) && out.push(i));
  return out;
}
