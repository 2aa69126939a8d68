import { emptyCounts } from './accumulate';
import type { PreparedDet, PreparedGt } from './prepared';
import type { PccInclusion } from './pcc-inclusion';
import type { ClevalCounts, ClevalOptions } from './types';

/** A box matched with n boxes of the other side pays n - 1 times the weight. */
export function granularityPenalty(n: number, weight: number): number {
  return Math.fround(Math.max(n - 1, 0) * weight);
}

export interface CountInput {
  gts: PreparedGt[];
  dets: PreparedDet[];
  match: Uint8Array;
  pcc: PccInclusion;
  gtValid: number[];
  detValid: number[];
  options: ClevalOptions;
}

/**
 * Character counts of one image (`eval_det`). A pseudo character is a true positive
 * once, however many matched detections hold it; `numCharDet` counts it once per
 * detection. Penalties sum in float32 like the reference's result matrix.
 */
export function countCharacters(x: CountInput): { counts: ClevalCounts; fpChars: Record<number, number> } {
  const { gts, match, pcc, gtValid, detValid, options } = x;
  const nd = x.dets.length;
  const counts = emptyCounts();
  const checked = gts.map((g) => new Uint8Array(g.pcc.length / 2));
  const fpChars: Record<number, number> = {};

  for (const d of detValid) {
    const matchedGts: number[] = [];
    for (let g = 0; g < gts.length; g++) if (match[g * nd + d]) matchedGts.push(g);
    if (matchedGts.length === 0) {
      fpChars[d] = x.dets[d].fpChars();
      counts.numCharFp += fpChars[d];
      continue;
    }
    if (matchedGts.length > 1) counts.numMerged++;
    for (const g of matchedGts) {
      const n = checked[g].length;
      const flags = pcc.inside[g];
      for (let c = 0; c < n; c++) {
        if (!flags[d * n + c]) continue;
        if (checked[g][c]) counts.numCharOverlapped++;
        else {
          checked[g][c] = 1;
          counts.numCharTpRecall++;
        }
      }
    }
    counts.granScorePrecision = Math.fround(
      counts.granScorePrecision + granularityPenalty(matchedGts.length, options.precisionGranularityPenalty),
    );
  }
  counts.numCharTpPrecision = counts.numCharTpRecall;

  for (const g of gtValid) {
    let matchedDets = 0;
    for (let d = 0; d < nd; d++) matchedDets += match[g * nd + d];
    if (matchedDets > 1) counts.numSplitted++;
    counts.granScoreRecall = Math.fround(
      counts.granScoreRecall + granularityPenalty(matchedDets, options.recallGranularityPenalty),
    );
    counts.numCharGt += gts[g].chars;
  }
  for (let g = 0; g < gts.length; g++) for (const d of detValid) counts.numCharDet += pcc.sum[g * nd + d];
  counts.numCharDet += counts.numCharFp;
  return { counts, fpChars };
}
