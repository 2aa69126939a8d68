import type { ClevalCounts, ClevalScores } from '../types';

const f32 = Math.fround;

/**
 * `CLEvalMetric.compute()`: the same formulas as CLEval on int32 counts and float32
 * penalty sums, every operation rounded to float32 as torch does.
 */
export function float32Scores(c: Pick<ClevalCounts, 'numCharGt' | 'numCharDet' | 'numCharTpRecall' | 'numCharTpPrecision' | 'granScoreRecall' | 'granScorePrecision'>): ClevalScores {
  const part = (tp: number, gran: number, total: number) => (total === 0 ? 0 : f32(Math.max(0, f32(tp - gran)) / total));
  const recall = part(c.numCharTpRecall, c.granScoreRecall, c.numCharGt);
  const precision = part(c.numCharTpPrecision, c.granScorePrecision, c.numCharDet);
  const sum = f32(recall + precision);
  const hmean = sum === 0 ? 0 : f32(f32(f32(2 * recall) * precision) / sum);
  return { recall, precision, hmean };
}
