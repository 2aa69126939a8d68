import { areaPrecisionMatrix } from './area-precision';
import { dontCareDetections, subtractWordsFromDontCare } from './dont-care';
import { countCharacters } from './granularity';
import { matchBoxes } from './matching';
import { pccInclusion, type PccInclusion } from './pcc-inclusion';
import type { PreparedDet, PreparedGt } from './prepared';
import { scoresFromCounts } from './scores';
import type { ClevalImageResult, ClevalOptions } from './types';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** CLEval's detection evaluation of one image, on boxes either mode has prepared. */
export function evaluatePrepared(gts: PreparedGt[], dets: PreparedDet[], options: ClevalOptions): ClevalImageResult {
  subtractWordsFromDontCare(gts);
  return evaluateLinked(gts, dets, areaPrecisionMatrix(gts, dets), pccInclusion(gts, dets), options);
}

/**
 * The same, from the pairwise tables (area precision, pseudo characters inside): each
 * pair's entry depends on that GT and that detection only, so tables computed once for
 * many detections serve any subset of them (see CandidateTable). `pcc` is consumed.
 */
export function evaluateLinked(gts: PreparedGt[], dets: PreparedDet[], ap: Float32Array, pcc: PccInclusion, options: ClevalOptions): ClevalImageResult {
  const ng = gts.length, nd = dets.length;
  const dcDets = dontCareDetections(gts, nd, ap, pcc, options.areaPrecisionConstraint);
  const gtValid = range(ng).filter((g) => !gts[g].dontCare);
  const detValid = range(nd).filter((d) => !dcDets.has(d));

  const { match, matches } = matchBoxes({ ng, nd, ap, pcc, constraint: options.areaPrecisionConstraint, gtValid, detValid });
  const { counts, fpChars } = countCharacters({ gts, dets, match, pcc, gtValid, detValid, options });

  const gtHits = new Uint8Array(ng), detHits = new Uint8Array(nd);
  for (let g = 0; g < ng; g++) {
    for (let d = 0; d < nd; d++) {
      if (match[g * nd + d]) gtHits[g] = detHits[d] = 1;
    }
  }
  return {
    ...scoresFromCounts(counts),
    counts,
    matches,
    matchedGt: gtValid.filter((g) => gtHits[g]),
    unmatchedGt: gtValid.filter((g) => !gtHits[g]),
    matchedDet: detValid.filter((d) => detHits[d]),
    unmatchedDet: detValid.filter((d) => !detHits[d]),
    dontCareGt: range(ng).filter((g) => gts[g].dontCare),
    dontCareDet: [...dcDets].sort((a, b) => a - b),
    gtChars: gts.map((g) => g.chars),
    fpChars,
  };
}
