import type { GtRegion } from '../dataset/sample';
import type { Polygon } from '../geometry/types';
import type { ImageScores } from './accuracy';
import { clevalImage, clevalOriginalImage, DEFAULT_CLEVAL_OPTIONS, type ClevalImageResult, type ClevalMode, type ClevalOriginalImageResult } from './cleval';
import { clevalTable } from './cleval/cleval-image';
import type { ClevalPairTable } from './cleval/pair-table';
import { ClevalOriginalTable } from './cleval/original/cleval-original-image';
import { evaluateIouImage, iouScores, IouTable, type IouImageResult } from './iou';
import type { Count } from '../numerics/number-kinds';

/**
 * Which detection matched which GT under one metric; indices into the image's GT regions
 * and into the detections as the metric was given them.
 */
export interface Matching {
  /** Matched pairs, flat: GT index, detection index, GT index, ... (a split or merge gives several pairs). */
  pairs: Count[];
  /** Care GT regions no detection matched. */
  missedGt: Count[];
  /** Care detections that matched nothing. */
  falseDet: Count[];
  /** Detections that count nowhere: on a don't-care region, or (IoU) invalid polygons, or (seed CLEval) past its 500-detection cap. */
  ignoredDet: Count[];
}

export interface IouMatching extends Matching {
  /** IoU of each pair in `pairs`, in the same order. */
  ious: number[];
}

/** What the metrics stage returns for one image: the report's figures plus what the inspector draws. */
export interface ImageMetrics {
  cleval: ImageScores['cleval'];
  iou: ImageScores['iou'];
  matching: { cleval: Matching; iou: IouMatching };
}

/**
 * CLEval in the chosen mode and ICDAR IoU for one image. In seed mode the per-image
 * H-mean is the variant's float32 value: the mean over images the original reported is
 * a mean of those, so the report (and merged shards) reproduce it exactly.
 */
export function evaluateImage(gt: readonly GtRegion[], detections: readonly { points: Polygon }[], mode: ClevalMode): ImageMetrics {
  const gtBoxes = clevalGt(gt);
  const dets = detections.map((d) => ({ points: d.points }));
  const original = mode === 'seed' ? clevalOriginalImage(gtBoxes, dets) : null;
  return imageMetrics(original ?? clevalImage(gtBoxes, dets), original, evaluateIouImage(gtBoxes, dets), detections.length);
}

/**
 * One image's metrics for any subset of a fixed list of candidate polygons, from the
 * pairwise tables of both metrics computed once (see ClevalPairTable, IouTable): what
 * `evaluateImage` gives for those detections, at the cost of matching alone.
 */
export class CandidateMetrics {
  private readonly cleval: ClevalOriginalTable | ClevalPairTable;
  private readonly iou: IouTable;

  constructor(
    gt: readonly GtRegion[],
    candidates: readonly Polygon[],
    private readonly mode: ClevalMode,
  ) {
    const gtBoxes = clevalGt(gt);
    this.cleval = mode === 'seed' ? new ClevalOriginalTable(gtBoxes, candidates) : clevalTable(gtBoxes, candidates, DEFAULT_CLEVAL_OPTIONS);
    this.iou = new IouTable(gtBoxes, candidates);
  }

  /** `subset`: candidate indices, ascending; the matching's detection indices are positions in it. */
  evaluate(subset: readonly number[]): ImageMetrics {
    const c = this.cleval.evaluate(subset, DEFAULT_CLEVAL_OPTIONS);
    return imageMetrics(c, this.mode === 'seed' ? (c as ClevalOriginalImageResult) : null, this.iou.evaluate(subset), subset.length);
  }

  /** The figures of `evaluate` without the matching, for re-scores that only sum them. */
  scores(subset: readonly number[]): Pick<ImageMetrics, 'cleval' | 'iou'> {
    const c = this.cleval instanceof ClevalOriginalTable ? this.cleval.scores(subset, DEFAULT_CLEVAL_OPTIONS) : this.cleval.evaluate(subset, DEFAULT_CLEVAL_OPTIONS);
    const { gtCare, detCare, matched } = this.iou.evaluate(subset);
    const counts = { gtCare, detCare, matched };
    return { cleval: { recall: c.recall, precision: c.precision, hmean: c.hmean, counts: c.counts }, iou: { ...iouScores(counts), counts } };
  }
}

const clevalGt = (gt: readonly GtRegion[]) => gt.map((g) => ({ points: g.points, text: g.text ?? '', dontCare: g.dontCare }));

function imageMetrics(c: ClevalImageResult, original: ClevalOriginalImageResult | null, iou: IouImageResult, nd: number): ImageMetrics {
  const scores = original ? original.float32 : c;
  const counts = { gtCare: iou.gtCare, detCare: iou.detCare, matched: iou.matched };
  return {
    cleval: { recall: scores.recall, precision: scores.precision, hmean: scores.hmean, counts: c.counts },
    iou: { ...iouScores(counts), counts },
    matching: {
      cleval: {
        pairs: clevalPairs(c.matches, nd),
        missedGt: c.unmatchedGt,
        falseDet: c.unmatchedDet,
        ignoredDet: notCounted(nd, c.matchedDet, c.unmatchedDet),
      },
      iou: {
        pairs: iou.pairs.flatMap((p) => [p.gt, p.det]),
        ious: iou.pairs.map((p) => p.iou),
        missedGt: iou.missedGt,
        falseDet: iou.falseDet,
        ignoredDet: notCounted(nd, iou.pairs.map((p) => p.det), iou.falseDet),
      },
    },
  };
}

/** Detections neither matched nor false: whatever the metric left out of its counts. */
function notCounted(n: number, ...counted: number[][]): number[] {
  const seen = new Uint8Array(n);
  for (const list of counted) for (const d of list) seen[d] = 1;
  const out: number[] = [];
  for (let d = 0; d < n; d++) if (!seen[d]) out.push(d);
  return out;
}

/** Each matched (GT, detection) pair once: a split and a merge can name the same pair. */
function clevalPairs(matches: readonly { gt: number[]; det: number[] }[], nd: number): number[] {
  const keys = new Set<number>();
  for (const m of matches) for (const g of m.gt) for (const d of m.det) keys.add(g * nd + d);
  return [...keys].sort((a, b) => a - b).flatMap((k) => [Math.floor(k / nd), k % nd]);
}
