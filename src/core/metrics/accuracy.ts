import { addCounts, emptyCounts } from './cleval/accumulate';
import { scoresFromCounts } from './cleval/scores';
import type { ClevalCounts, ClevalScores } from './cleval/types';
import { addIouTotals, emptyIouTotals, iouScores, type IouTotals } from './iou/iou-totals';
import type { LossResult } from './loss';
import type { Count, Fraction } from '../numerics/number-kinds';

/** Scores derived from counts; CLEval's and IoU's have the same shape. */
export type Scores = ClevalScores;

export interface ClevalResult extends Scores {
  /** 'official': clovaai CLEval; 'seed': the receipt project's variant (pseudo lengths). */
  mode: 'official' | 'seed';
  /** Mean of per-image H-means: the figure the original project reported (seed mode). */
  meanImageHmean?: Fraction;
  /** Summed over images: CLEval's accumulated states. */
  counts: ClevalCounts;
}

export interface IouResult extends Scores {
  counts: IouTotals;
}

/** A run's accuracy (the report's `accuracy`): each metric summed over its images. */
export interface Accuracy {
  cleval: ClevalResult | null;
  iou: IouResult | null;
  /** Null without GT maps (the collate stage off) or without a probability map. */
  loss: LossResult | null;
}

/** One image's metric results, as the report keeps them (its ImageResult adds what the run found). */
export interface ImageScores {
  /** Position in the dataset's fixed order; merged shards are ordered by it. */
  index: Count;
  name: string;
  cleval: (Scores & { counts: ClevalCounts }) | null;
  iou: IouResult | null;
  loss: LossResult | null;
  /** Why the image has no results, when it failed. */
  failed?: string;
}

/**
 * The run's accuracy from its per-image results, summed in dataset order (`index`), so a
 * whole run and the merge of its shards give the same floats. CLEval and IoU come from the
 * summed counts (the metric modules' formulas); in seed mode `meanImageHmean` is the float64
 * mean of per-image H-means over every evaluated image (the original reported this mean,
 * logged as float32); loss is the mean of per-image losses. Failed images count nowhere.
 */
export function accuracyFromImages(images: readonly ImageScores[], clevalMode: ClevalResult['mode']): Accuracy {
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
