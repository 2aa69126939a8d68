import type { Polygon } from '../../geometry/types';
import { evaluateIouImage, ICDAR2015_IOU, type IouImageResult, type IouOptions } from './iou-image';
import { addIouTotals, emptyIouTotals, iouScores, type IouScores, type IouTotals } from './iou-totals';

export interface IouEvaluation {
  perImage: IouImageResult[];
  /** Merge shards with `addIouTotals`, then score with `iouScores`. */
  totals: IouTotals;
  scores: IouScores;
}

/** Every image, and the totals the reference's `combine_results` gives. */
export function evaluateIou(
  images: readonly { gt: readonly { points: Polygon; dontCare: boolean }[]; det: readonly { points: Polygon }[] }[],
  options: IouOptions = ICDAR2015_IOU,
): IouEvaluation {
  const perImage = images.map(({ gt, det }) => evaluateIouImage(gt, det, options));
  const totals = perImage.reduce<IouTotals>(addIouTotals, emptyIouTotals());
  return { perImage, totals, scores: iouScores(totals) };
}
