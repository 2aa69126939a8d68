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
  options: IouOptions = ICDAR2015_IOU,
): IouImageResult {
  return new IouTable(gt, det.map((d) => d.points), options).evaluate(det.map((_, i) => i));
}

/**
 * What the protocol needs of each detection, computed once for a fixed list of them:
 * whether it is valid, whether a don't-care region takes it, and the care GT it could
 * match (IoU over the threshold). None of it depends on the other detections, so any
 * subset of the list (a re-score at another `box_thresh`) is then evaluated by the greedy
 * matching alone, with the figures a fresh evaluation of that subset gives.
 */
export class IouTable {
  private readonly gtValid: boolean[];
  private readonly careGt: number[];
  private readonly detValid: boolean[];
  private readonly ignored: boolean[];
  /** Per GT: [detection, IoU] pairs over the threshold, detections ascending. */
  private readonly over: [number, number][][];

  constructor(gt: readonly { points: Polygon; dontCare: boolean }[], det: readonly Polygon[], { iouThreshold, areaPrecisionThreshold }: IouOptions = ICDAR2015_IOU) {
    this.gtValid = gt.map((g) => isSimplePolygon(g.points));
    this.detValid = det.map((d) => isSimplePolygon(d));
    const validGt = indicesWhere(this.gtValid, Boolean);
    const dontCareGt = validGt.filter((g) => gt[g].dontCare);
    this.careGt = validGt.filter((g) => !gt[g].dontCare);
    const gtArea = gt.map((g) => polygonArea(g.points));
    const detArea = det.map((d) => polygonArea(d));
    this.ignored = det.map((d, i) => this.detValid[i] && dontCareGt.some((g) => detArea[i] > 0 && intersectionArea(gt[g].points, d) / detArea[i] > areaPrecisionThreshold));
    this.over = gt.map(() => []);
    for (const g of this.careGt) {
      det.forEach((d, i) => {
        if (!this.detValid[i] || this.ignored[i]) return;
        const inter = intersectionArea(d, gt[g].points);
        const iou = inter / (detArea[i] + gtArea[g] - inter);
        if (iou > iouThreshold) this.over[g].push([i, iou]);
      });
    }
  }

  /** The image with detections `subset` (indices into the table's list, ascending); result indices are positions in `subset`. */
  evaluate(subset: readonly number[]): IouImageResult {
    const validDet = indicesWhere(subset, (i) => this.detValid[i]);
    const ignoredDet = validDet.filter((k) => this.ignored[subset[k]]);
    const careDet = validDet.filter((k) => !this.ignored[subset[k]]);

    // Each GT takes the first free care detection over the threshold, in subset order.
    const position = new Map<number, number>();
    for (const k of careDet) position.set(subset[k], k);
    const pairs: IouImageResult['pairs'] = [];
    const taken = new Set<number>();
    for (const g of this.careGt) {
      for (const [i, iou] of this.over[g]) {
        const k = position.get(i);
        if (k === undefined || taken.has(k)) continue;
        taken.add(k);
        pairs.push({ gt: g, det: k, iou });
        break;
      }
    }

    const matched = pairs.length;
    const gtCare = this.careGt.length;
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
      missedGt: this.careGt.filter((g) => !matchedGt.has(g)),
      falseDet: careDet.filter((k) => !taken.has(k)),
      ignoredDet,
      invalidGt: indicesWhere(this.gtValid, (ok) => !ok),
      invalidDet: indicesWhere(subset, (i) => !this.detValid[i]),
    };
  }
}

function indicesWhere<T>(items: readonly T[], keep: (item: T) => boolean): number[] {
  const out: number[] = [];
  items.forEach((item, i) => keep(item) && out.push(i));
  return out;
}
