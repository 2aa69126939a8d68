import type { GtRegion } from '../dataset/sample';
import { polygonAt, polygonStarts } from '../geometry/polygon-list';
import type { Polygon } from '../geometry/types';
import type { ClevalMode } from '../metrics/cleval';
import { CandidateMetrics, type ImageMetrics } from '../metrics/image-metrics';
import { candidateRejection, type CandidateSet } from '../postprocess/candidate';
import type { DbParams } from '../model/db-params';
import { accuracyFromImages, type Accuracy, type ImageScores } from '../metrics/accuracy';
import { headlineHmean } from '../metrics/headline';
import { isCandidateSet, type ImageFindings, type ReportedFindings } from './findings';

export type RescoreParams = Pick<DbParams, 'boxThresh' | 'minSize'>;

/** One image as the run left it: its GT and its candidates. */
export interface RescoreInput {
  /** Dataset position (accuracy is summed in this order, as the run's). */
  index: number;
  name: string;
  gt: readonly GtRegion[];
  found: ImageFindings;
}

interface Entry extends RescoreInput {
  candidates: CandidateSet;
  /** Both metrics' tables against every candidate, built on the image's first re-score. */
  table: CandidateMetrics | null;
  /** Metrics by kept-candidate set: a slider going back and forth re-evaluates nothing twice. */
  memo: Map<string, Pick<ImageMetrics, 'cleval' | 'iou'>>;
}

export interface Rescored {
  params: RescoreParams;
  accuracy: Accuracy;
  /** Detections (candidate indices) of each image, in input order. */
  detections: number[][];
  /** Images whose metrics had to be computed for this call (the rest came from memory). */
  evaluated: number;
}

export interface CurvePoint {
  boxThresh: number;
  accuracy: Accuracy;
  /** The headline H-mean (see headline.ts) at this point. */
  hmean: number | null;
}

/**
 * Applies another `box_thresh` / `min_size` to a finished run without the model. A
 * candidate's score and sizes do not depend on either (see CandidateSet), so the
 * detections are exactly those a fresh run would give, in the same order; they are
 * scored by the run's own per-image metrics and summed as the run's report sums them, so
 * the figures equal a fresh run's too. Each image's metric tables against all its
 * candidates are built once (see CandidateMetrics), so a change costs matching alone, and
 * only for images whose detections changed.
 */
export class Rescorer {
  private readonly entries: Entry[];

  constructor(
    images: readonly RescoreInput[],
    private readonly mode: ClevalMode,
  ) {
    this.entries = images.flatMap((im) => (isCandidateSet(im.found.polygons) ? [{ ...im, candidates: im.found.polygons, table: null, memo: new Map() }] : []));
  }

  /** Images that can be re-scored: those post-processed by a model in this run. */
  get size(): number {
    return this.entries.length;
  }

  /** Images whose tables are built. */
  get prepared(): number {
    return this.next;
  }

  private next = 0;

  /**
   * Builds tables until `deadline` (performance.now() clock) or all are built; true when
   * all are. The first `score` builds whatever is left at once (seconds on a large run):
   * a page calls this in slices first, so that it stays responsive meanwhile.
   */
  prepare(deadline: number): boolean {
    while (this.next < this.entries.length && performance.now() < deadline) this.table(this.entries[this.next++]);
    return this.next === this.entries.length;
  }

  private table(e: Entry): CandidateMetrics {
    return (e.table ??= new CandidateMetrics(e.gt, decode(e.candidates), this.mode));
  }

  score(params: RescoreParams): Rescored {
    let evaluated = 0;
    const detections: number[][] = [];
    const images: ImageScores[] = this.entries.map((e) => {
      const kept = keptCandidates(e.candidates, params);
      detections.push(kept);
      const key = kept.join(',');
      let metrics = e.memo.get(key);
      if (!metrics) {
        metrics = this.table(e).scores(kept);
        e.memo.set(key, metrics);
        evaluated++;
      }
      return { index: e.index, name: e.name, cleval: metrics.cleval, iou: metrics.iou, loss: null };
    });
    const accuracy = accuracyFromImages(images, this.mode);
    return { params, accuracy, detections, evaluated };
  }

  /** Precision, recall and H-mean of both metrics at each `box_thresh` (at one `min_size`). */
  curve(thresholds: readonly number[], minSize: number): CurvePoint[] {
    return thresholds.map((boxThresh) => {
      const { accuracy } = this.score({ boxThresh, minSize });
      return { boxThresh, accuracy, hmean: headlineHmean(accuracy)?.value ?? null };
    });
  }
}

/** Candidate indices that pass `params`, in candidate (findContours) order. */
export function keptCandidates(c: CandidateSet, params: RescoreParams): number[] {
  const kept: number[] = [];
  for (let i = 0; i < c.scores.length; i++) if (candidateRejection(c, i, params) === null) kept.push(i);
  return kept;
}

/** The point of a curve with the highest H-mean; among ties, the one nearest `current` (no change is the better advice). */
export function bestPoint(curve: readonly CurvePoint[], current: number): CurvePoint | null {
  let best: CurvePoint | null = null;
  const better = (p: CurvePoint, b: CurvePoint) => p.hmean! > b.hmean! || (p.hmean === b.hmean && Math.abs(p.boxThresh - current) < Math.abs(b.boxThresh - current));
  for (const p of curve) if (p.hmean !== null && (best === null || better(p, best))) best = p;
  return best;
}

/** `from`, `from + step`, ... up to `to`, without accumulating float error. */
export function thresholdGrid(from: number, to: number, step: number): number[] {
  const n = Math.round((to - from) / step);
  return Array.from({ length: n + 1 }, (_, k) => Number((from + k * step).toFixed(10)));
}

function decode(c: CandidateSet): Polygon[] {
  const starts = polygonStarts(c);
  return c.sizes.map((_, i) => polygonAt(c, starts, i));
}

/** A report's images that can be re-scored (a model found them, they did not fail), with their GT. */
export function rescoreInputs(images: readonly (ImageScores & { found?: ReportedFindings })[], gtOf: (index: number) => readonly GtRegion[] | undefined): RescoreInput[] {
  return images.flatMap((im) => {
    const gt = gtOf(im.index);
    return im.found && im.failed === undefined && gt ? [{ index: im.index, name: im.name, gt, found: im.found }] : [];
  });
}
