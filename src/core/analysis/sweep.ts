import type { GtRegion } from '../dataset/sample';
import type { ClevalMode } from '../metrics/cleval';
import { evaluateImage } from '../metrics/image-metrics';
import { dbContours, dbPostprocess, type DbResult } from '../postprocess/db-postprocess';
import { now } from '../profiler/span';
import type { MapBack } from '../postprocess/map-back';
import type { DbParams } from '../model/db-params';
import { accuracyFromImages } from '../metrics/accuracy';
import { headlineHmean } from '../metrics/headline';
import type { ImageScores, Scores } from '../metrics/accuracy';

/** The values of `thresh` and `unclip_ratio` a sweep tries: every pair of them. */
export interface SweepGrid {
  thresh: number[];
  unclipRatio: number[];
}

/** One image's figures at one cell of the grid. */
export type SweepImageCell = Pick<ImageScores, 'cleval' | 'iou'>;

/** Enough for a heat map that reads, few enough that a run stays within a few times its cost. */
export const MAX_SWEEP_VALUES = 10;

const AXES = {
  thresh: { flag: '--sweep-thresh', ok: (v: number) => v > 0 && v < 1, range: 'between 0 and 1 (exclusive)', example: '0.2,0.3,0.4' },
  unclipRatio: { flag: '--sweep-unclip', ok: (v: number) => v > 0 && v <= 10, range: 'above 0 and at most 10', example: '1.5,2,2.5' },
} as const;

/**
 * Comma-separated values of one axis, checked up front: each a number in the axis's range,
 * no repeats, at most MAX_SWEEP_VALUES. The error names the option (`name`: the CLI flag
 * unless the page names its field), the value and an example.
 */
export function parseSweepValues(text: string, axis: keyof typeof AXES, name: string = AXES[axis].flag): number[] {
  const a = AXES[axis];
  const fail = (what: string) => new Error(`${name} "${text}": ${what}; give comma-separated values ${a.range}, e.g. ${a.example}`);
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 1 && parts[0] === '') throw fail('no values');
  if (parts.length > MAX_SWEEP_VALUES) throw fail(`${parts.length} values, at most ${MAX_SWEEP_VALUES}`);
  const values = parts.map((p) => {
    const v = p === '' ? NaN : Number(p);
    if (!Number.isFinite(v)) throw fail(`"${p}" is not a number`);
    if (!a.ok(v)) throw fail(`${p} is out of range`);
    return v;
  });
  const repeated = values.find((v, i) => values.indexOf(v) !== i);
  if (repeated !== undefined) throw fail(`${repeated} is given twice`);
  return values;
}

/**
 * Post-processing and both metrics at every cell of the grid (thresh-major), on the map the
 * run already has: exactly what a run with that `thresh` / `unclip_ratio` would report for
 * the image. The contours of each `thresh` are traced once for all `unclip_ratio` values.
 */
export function sweepImage(prob: Float32Array, h: number, w: number, params: DbParams, grid: SweepGrid, gt: readonly GtRegion[], mode: ClevalMode, mapBack?: MapBack): SweepImageCell[] {
  return grid.thresh.flatMap((thresh) => {
    const contours = dbContours(prob, h, w, thresh);
    return grid.unclipRatio.map((unclipRatio) => {
      const { boxes } = dbPostprocess(prob, h, w, { ...params, thresh, unclipRatio }, mapBack, contours);
      const m = evaluateImage(gt, boxes, mode);
      return { cleval: m.cleval, iou: m.iou };
    });
  });
}

/** A sweep asked of the post-processing worker: it has the map already. */
export interface SweepJob {
  grid: SweepGrid;
  gt: GtRegion[];
  mode: ClevalMode;
}

/** Post-processing, and with a sweep its cells and the worker's own timing of both (profiler clock). */
export type PostResult = DbResult & { sweep?: { cells: SweepImageCell[]; timing: { postprocess: [number, number]; sweep: [number, number] } } };

/** What the post-processing worker does with a map: the run's post-processing, then the sweep when one is asked (nothing more when not). */
export function postprocessAndSweep(prob: Float32Array, h: number, w: number, params: DbParams, mapBack: MapBack, sweep: SweepJob | null): PostResult {
  const t0 = now();
  const result = dbPostprocess(prob, h, w, params, mapBack);
  if (!sweep) return result;
  const t1 = now();
  const cells = sweepImage(prob, h, w, params, sweep.grid, sweep.gt, sweep.mode, mapBack);
  return { ...result, sweep: { cells, timing: { postprocess: [t0, t1], sweep: [t1, now()] } } };
}

export interface SweepCell {
  thresh: number;
  unclipRatio: number;
  cleval: Scores | null;
  iou: Scores | null;
  /** The headline H-mean (see headline.ts). */
  hmean: number | null;
}

/** What the report says of a sweep (see Report.sensitivity). */
export interface Sensitivity {
  /** The best cell is chosen on the data it is scored on: an optimistic figure, to confirm on held-out data. */
  tunedOnEvaluationData: true;
  /** Which H-mean picks the best cell. */
  metric: string;
  grid: SweepGrid;
  /** Held at the profile's values for every cell. */
  boxThresh: number;
  minSize: number;
  /** Images swept (those the run post-processed). */
  images: number;
  cells: SweepCell[];
  /** The profile's own setting: the run's headline H-mean. */
  profile: { thresh: number; unclipRatio: number; hmean: number | null };
  best: SweepCell | null;
  /** best.hmean minus the profile's H-mean. */
  gain: number | null;
  /** Median time of the sweep per image, measured in the post-processing worker. */
  msPerImage: number | null;
  /**
   * The best `box_thresh` (0.05 steps) at the profile's `thresh` / `unclip_ratio`, re-scored
   * exactly from the run's kept candidates (as the Run tab's tuner does), its headline
   * H-mean and gain over the profile's `box_thresh`; null when no image could be re-scored.
   */
  boxThreshTuned: { boxThresh: number; hmean: number; gain: number | null } | null;
}

/**
 * Each cell's accuracy summed over the images as the run's report sums it (so a fresh run
 * at that cell's values reports the same figures), and the best cell by headline H-mean;
 * among equals, the profile's own values (no change is the better advice), else the first.
 */
export function summarizeSweep(
  images: readonly { index: number; name: string; cells: readonly SweepImageCell[] }[],
  grid: SweepGrid,
  mode: ClevalMode,
  post: DbParams,
  runHmean: number | null,
  msPerImage: number | null,
  boxThreshTuned: Sensitivity['boxThreshTuned'] = null,
): Sensitivity {
  let metric = 'H-mean';
  const cells = grid.thresh.flatMap((thresh, i) =>
    grid.unclipRatio.map((unclipRatio, j): SweepCell => {
      const k = i * grid.unclipRatio.length + j;
      const accuracy = accuracyFromImages(images.map((im) => ({ index: im.index, name: im.name, ...im.cells[k], loss: null })), mode);
      const headline = headlineHmean(accuracy);
      if (headline) metric = headline.metric;
      const scores = (s: Scores | null) => s && { precision: s.precision, recall: s.recall, hmean: s.hmean };
      return { thresh, unclipRatio, cleval: scores(accuracy.cleval), iou: scores(accuracy.iou), hmean: headline?.value ?? null };
    }),
  );
  const isProfile = (c: SweepCell) => c.thresh === post.thresh && c.unclipRatio === post.unclipRatio;
  let best: SweepCell | null = null;
  for (const c of cells) if (c.hmean !== null && (best === null || c.hmean > best.hmean! || (c.hmean === best.hmean && isProfile(c)))) best = c;
  return {
    tunedOnEvaluationData: true,
    metric,
    grid,
    boxThresh: post.boxThresh,
    minSize: post.minSize,
    images: images.length,
    cells,
    profile: { thresh: post.thresh, unclipRatio: post.unclipRatio, hmean: runHmean },
    best,
    gain: best && runHmean !== null ? best.hmean! - runHmean : null,
    msPerImage,
    boxThreshTuned,
  };
}

