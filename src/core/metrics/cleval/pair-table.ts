import { areaPrecisionMatrix } from './area-precision';
import { subtractWordsFromDontCare } from './dont-care';
import { evaluateLinked } from './evaluate-prepared';
import { pccInclusion } from './pcc-inclusion';
import type { PreparedDet, PreparedGt } from './prepared';
import type { ClevalImageResult, ClevalOptions } from './types';

interface Link {
  gt: number;
  ap: number;
  chars: number;
  /** Which of the GT's pseudo characters lie in the detection. */
  inside: Uint8Array;
}

/**
 * CLEval's pairwise tables between an image's GT and a fixed list of detections, computed
 * once and kept sparse (most pairs do not touch). Any subset of the detections (a re-score
 * at another `box_thresh`) is then evaluated by picking their columns: each entry depends
 * on its GT and its detection only, so the figures are those of a fresh evaluation of the
 * subset, without a single polygon clip.
 */
export class ClevalPairTable {
  private readonly links: Link[][];

  constructor(
    private readonly gts: PreparedGt[],
    private readonly dets: PreparedDet[],
  ) {
    subtractWordsFromDontCare(gts);
    const ap = areaPrecisionMatrix(gts, dets);
    const pcc = pccInclusion(gts, dets);
    const nd = dets.length;
    this.links = dets.map((_, d) =>
      gts.flatMap((g, gi): Link[] => {
        const k = gi * nd + d;
        if (ap[k] === 0 && pcc.sum[k] === 0) return [];
        const n = g.pcc.length / 2;
        return [{ gt: gi, ap: ap[k], chars: pcc.sum[k], inside: pcc.inside[gi].slice(d * n, (d + 1) * n) }];
      }),
    );
  }

  /** The image with detections `subset` (indices into the table's list); result indices are positions in `subset`. */
  evaluate(subset: readonly number[], options: ClevalOptions): ClevalImageResult {
    const nd = subset.length;
    const ap = new Float32Array(this.gts.length * nd);
    const sum = new Int32Array(this.gts.length * nd);
    const inside = this.gts.map((g) => new Uint8Array((nd * g.pcc.length) / 2));
    subset.forEach((c, d) => {
      for (const l of this.links[c]) {
        ap[l.gt * nd + d] = l.ap;
        sum[l.gt * nd + d] = l.chars;
        inside[l.gt].set(l.inside, d * l.inside.length);
      }
    });
    return evaluateLinked(this.gts, subset.map((c) => this.dets[c]), ap, { sum, inside }, options);
  }
}
