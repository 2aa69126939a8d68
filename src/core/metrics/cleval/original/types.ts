import type { ClevalImageResult, ClevalScores, ClevalTotals } from '../types';

export interface ClevalOriginalImageResult extends ClevalImageResult {
  /** What the receipt project's per-image `compute()` gives: float32 values that feed its mean. */
  float32: ClevalScores;
  /** Boxes whose hull the variant could not build (aspect 0, 100 characters). */
  degenerateGt: number[];
  degenerateDet: number[];
}

export interface ClevalOriginalTotals extends ClevalTotals {
  /** `CLEvalMetric.compute()` after updating on every image (float32 states). */
  metricCompute: ClevalScores;
  /** The receipt project's reported figures: mean over images of the per-image float32 scores. */
  meanOverImages: ClevalScores;
  /** meanOverImages.hmean as Lightning logs it (float32); comparable to the original project's 0.9561. */
  meanImageHmean: number;
  /** What merging shards needs beyond the counts: float32 penalty sums and per-image score sums. */
  sums: { granScoreRecall32: number; granScorePrecision32: number } & ClevalScores;
}
