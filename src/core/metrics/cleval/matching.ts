import type { PccInclusion } from './pcc-inclusion';
import type { ClevalMatch } from './types';

export interface MatchInput {
  ng: number;
  nd: number;
  ap: Float32Array;
  pcc: PccInclusion;
  constraint: number;
  /** Ascending, as the reference iterates its index sets. */
  gtValid: number[];
  detValid: number[];
}

/**
 * One-to-one, one-to-many (split) and many-to-one (merge) matches, each judged on the
 * unmatched state, then joined. Returns the match matrix (row-major by GT) and, as
 * the reference does next, clears the characters of pairs that did not match.
 */
export function matchBoxes(m: MatchInput): { match: Uint8Array; matches: ClevalMatch[] } {
  const { ng, nd, ap, pcc, gtValid, detValid } = m;
  const limit = Math.fround(m.constraint);
  const linked = (g: number, d: number) => ap[g * nd + d] >= limit && pcc.sum[g * nd + d] > 0;

  // A one-to-one pair is the only link of its GT row and of its detection column,
  // counting don't-care rows and columns too, as the reference does.
  const rowLinks = new Int32Array(ng);
  const colLinks = new Int32Array(nd);
  for (let g = 0; g < ng; g++) {
    for (let d = 0; d < nd; d++) {
      if (linked(g, d)) {
        rowLinks[g]++;
        colLinks[d]++;
      }
    }
  }

  const matches: ClevalMatch[] = [];
  for (const g of gtValid) {
    for (const d of detValid) {
      if (rowLinks[g] === 1 && colLinks[d] === 1 && linked(g, d)) matches.push({ relation: 'one-to-one', gt: [g], det: [d] });
    }
  }
  for (const g of gtValid) {
    const dets = detValid.filter((d) => linked(g, d));
    if (dets.length >= 2) matches.push({ relation: 'one-to-many', gt: [g], det: dets });
  }
  for (const d of detValid) {
    const gts = gtValid.filter((g) => pcc.sum[g * nd + d] > 0);
    // Summed in float64, as numba types the reference's accumulator.
    let sum = 0;
    for (const g of gts) sum += ap[g * nd + d];
    if (gts.length >= 2 && sum >= m.constraint) matches.push({ relation: 'many-to-one', gt: gts, det: [d] });
  }

  const match = new Uint8Array(ng * nd);
  for (const r of matches) for (const g of r.gt) for (const d of r.det) match[g * nd + d] = 1;
  for (let g = 0; g < ng; g++) {
    const n = pcc.inside[g].length / Math.max(nd, 1);
    for (let d = 0; d < nd; d++) {
      if (match[g * nd + d]) continue;
      pcc.sum[g * nd + d] = 0;
      pcc.inside[g].fill(0, d * n, (d + 1) * n);
    }
  }
  return { match, matches };
}
