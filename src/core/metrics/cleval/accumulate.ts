import { scoresFromCounts } from './scores';
import type { ClevalCounts, ClevalTotals } from './types';

export function emptyCounts(): ClevalCounts {
  return {
    numCharGt: 0, numCharDet: 0, numCharTpRecall: 0, numCharTpPrecision: 0, granScoreRecall: 0,
    granScorePrecision: 0, numCharFp: 0, numSplitted: 0, numMerged: 0, numCharOverlapped: 0,
  };
}

export function addCounts(a: ClevalCounts, b: ClevalCounts): ClevalCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof ClevalCounts)[]) out[k] += b[k];
  return out;
}

/** Totals the official way: character counts summed over images, then the scores. */
export function accumulateCleval(results: Iterable<{ counts: ClevalCounts }>): ClevalTotals {
  let counts = emptyCounts();
  let images = 0;
  for (const r of results) {
    counts = addCounts(counts, r.counts);
    images++;
  }
  return { images, counts, ...scoresFromCounts(counts) };
}

/** Joins the totals of shards evaluated apart; equal to accumulating all their images at once. */
export function mergeClevalTotals(...shards: ClevalTotals[]): ClevalTotals {
  const counts = shards.reduce((acc, s) => addCounts(acc, s.counts), emptyCounts());
  return { images: shards.reduce((n, s) => n + s.images, 0), counts, ...scoresFromCounts(counts) };
}

