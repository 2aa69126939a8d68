import { addCounts, emptyCounts } from '../metrics/cleval/accumulate';
import { scoresFromCounts } from '../metrics/cleval/scores';
import { addIouTotals, emptyIouTotals, iouScores } from '../metrics/iou/iou-totals';
import type { Accuracy, ClevalResult, ImageResult, LossResult } from './schema';

/**
 * The run's accuracy from its per-image results, summed in dataset order (`index`), so a
 * whole run and the merge of its shards give the same floats. CLEval and IoU come from the
 * summed counts (the metric modules' formulas); in seed mode `meanImageHmean` is the float64
 * mean of per-image H-means over every evaluated image (the original reported this mean,
 * logged as float32); loss is the mean of per-image losses. Failed images count nowhere.
 */
export function accuracyFromImages(images: readonly ImageResult[], clevalMode: ClevalResult['mode']): Accuracy {
  const ordered = [...images].filter((i) => i.failed === undefined).sort((a, b) => a.index - b.index);
  const cleval = ordered.flatMap((i) => (i.cleval ? [i.cleval] : []));
  const iou = ordered.flatMap((i) => (i.iou ? [i.iou.counts] : []));
  const losses = ordered.flatMap((i) => (i.loss ? [i.loss] : []));
  let clevalResult: ClevalResult | null = null;
  if (cleval.length > 0) {
    const counts = cleval.reduce((acc, c) => addCounts(acc, c.counts), emptyCounts());
    clevalResult = { mode: clevalMode, ...scoresFromCounts(counts), counts };
    if (clevalMode === 'seed') clevalResult.meanImageHmean = mean(cleval.map((c) => c.hmean));
  }
  const iouCounts = iou.length > 0 ? iou.reduce(addIouTotals, emptyIouTotals()) : null;
  return {
    cleval: clevalResult,
    iou: iouCounts && { ...iouScores(iouCounts), counts: iouCounts },
    loss: losses.length > 0 ? meanLoss(losses) : null,
  };
}

function mean(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}

function meanLoss(losses: LossResult[]): LossResult {
  const loss: LossResult = { prob: mean(losses.map((l) => l.prob)), total: mean(losses.map((l) => l.total)) };
  if (losses.every((l) => l.dice !== undefined)) loss.dice = mean(losses.map((l) => l.dice!));
  if (losses.every((l) => l.thresh !== undefined)) loss.thresh = mean(losses.map((l) => l.thresh!));
  return loss;
}
