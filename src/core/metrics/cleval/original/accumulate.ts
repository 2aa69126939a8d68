import { accumulateCleval, mergeClevalTotals } from '../accumulate';
import type { ClevalCounts, ClevalScores, ClevalTotals } from '../types';
import { float32Scores } from './float32-scores';
import type { ClevalOriginalTotals } from './types';

const f32 = Math.fround;
type Sums = ClevalOriginalTotals['sums'];

function finish(base: ClevalTotals, sums: Sums): ClevalOriginalTotals {
  const n = base.images;
  const meanOverImages: ClevalScores = n === 0
    ? { recall: 0, precision: 0, hmean: 0 }
    : { recall: sums.recall / n, precision: sums.precision / n, hmean: sums.hmean / n };
  return {
    ...base,
    metricCompute: float32Scores({ ...base.counts, granScoreRecall: sums.granScoreRecall32, granScorePrecision: sums.granScorePrecision32 }),
    meanOverImages,
    meanImageHmean: f32(meanOverImages.hmean),
    sums,
  };
}

/** Penalties add in float32 like the metric's torch states; per-image scores in float64 like np.mean. */
function addSums(a: Sums, b: Sums): Sums {
  return {
    granScoreRecall32: f32(a.granScoreRecall32 + b.granScoreRecall32),
    granScorePrecision32: f32(a.granScorePrecision32 + b.granScorePrecision32),
    recall: a.recall + b.recall,
    precision: a.precision + b.precision,
    hmean: a.hmean + b.hmean,
  };
}

const NO_SUMS: Sums = { granScoreRecall32: 0, granScorePrecision32: 0, recall: 0, precision: 0, hmean: 0 };

/**
 * Totals of the receipt variant: the official accumulation, `CLEvalMetric.compute()`'s
 * float32 figures, and the project's headline, the mean of per-image float32 scores
 * (images without GT count, with recall and H-mean 0).
 */
export function accumulateClevalOriginal(results: Iterable<{ counts: ClevalCounts; float32: ClevalScores }>): ClevalOriginalTotals {
  const list = [...results];
  const sums = list.reduce(
    (acc, r) => addSums(acc, { granScoreRecall32: r.counts.granScoreRecall, granScorePrecision32: r.counts.granScorePrecision, ...r.float32 }),
    NO_SUMS,
  );
  return finish(accumulateCleval(list), sums);
}

/** Joins shard totals; the same figures as accumulating all images at once (up to summation order). */
export function mergeClevalOriginalTotals(...shards: ClevalOriginalTotals[]): ClevalOriginalTotals {
  return finish(mergeClevalTotals(...shards), shards.reduce((acc, s) => addSums(acc, s.sums), NO_SUMS));
}
