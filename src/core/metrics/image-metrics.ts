import type { GtRegion } from '../dataset/sample';
import type { Polygon } from '../geometry/types';
import type { ImageResult } from '../report/schema';
import { clevalImage, clevalSeedImage, type ClevalMode } from './cleval';
import { evaluateIouImage, iouScores } from './iou';

/** What the metrics stage returns for one image: the report's figures plus what the inspector draws. */
export interface ImageMetrics {
  cleval: ImageResult['cleval'];
  iou: ImageResult['iou'];
  /** Indices of GT regions found / missed, and of detections matched / false, by CLEval. */
  matchedGt: number[];
  missedGt: number[];
  falseDet: number[];
}

/**
 * CLEval in the chosen mode and ICDAR IoU for one image. In seed mode the per-image
 * H-mean is the variant's float32 value: the mean over images the original reported is
 * a mean of those, so the report (and merged shards) reproduce it exactly.
 */
export function evaluateImage(gt: readonly GtRegion[], detections: readonly { points: Polygon }[], mode: ClevalMode): ImageMetrics {
  const gtBoxes = gt.map((g) => ({ points: g.points, text: g.text ?? '', dontCare: g.dontCare }));
  const dets = detections.map((d) => ({ points: d.points }));
  const seed = mode === 'seed' ? clevalSeedImage(gtBoxes, dets) : null;
  const c = seed ?? clevalImage(gtBoxes, dets);
  const scores = seed ? seed.float32 : c;
  const iou = evaluateIouImage(gtBoxes, dets);
  const counts = { gtCare: iou.gtCare, detCare: iou.detCare, matched: iou.matched };
  return {
    cleval: { recall: scores.recall, precision: scores.precision, hmean: scores.hmean, counts: c.counts },
    iou: { ...iouScores(counts), counts },
    matchedGt: c.matchedGt,
    missedGt: c.unmatchedGt,
    falseDet: c.unmatchedDet,
  };
}
