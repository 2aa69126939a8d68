import type { ClevalCounts, ClevalScores } from './types';

/** CLEval's recall, precision and H-mean from character counts, in float64 (`calculate_rph`). */
export function scoresFromCounts(c: ClevalCounts): ClevalScores {
  const recall = c.numCharGt === 0 ? 0 : Math.max(0, c.numCharTpRecall - c.granScoreRecall) / c.numCharGt;
  const precision = c.numCharDet === 0 ? 0 : Math.max(0, c.numCharTpPrecision - c.granScorePrecision) / c.numCharDet;
  const hmean = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  return { recall, precision, hmean };
}
