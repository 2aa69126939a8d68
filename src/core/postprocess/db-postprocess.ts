import { arcLength } from '../geometry/arc-length';
import { paddedStep, traceBorders } from '../geometry/contours';
import { approxPolyDP } from '../geometry/douglas-peucker';
import { minAreaRect } from '../geometry/min-area-rect';
import type { Polygon } from '../geometry/types';
import { unclip } from '../geometry/unclip';
import { boxScoreFast } from './box-score';
import { mapPoints, type MapBack } from './map-back';
import { miniBox } from './mini-box';
import { candidateRejection, emptyCandidateSet, type CandidateSet } from './candidate';
import type { DbParams } from '../model/db-params';

export interface Detection {
  points: Polygon;
  score: number;
}

export interface DbResult {
  /** In findContours order (bottom of the map first), as the reference outputs them. */
  boxes: Detection[];
  /** Every contour examined (up to `maxCandidates`), kept or not, with what decided it. */
  candidates: CandidateSet;
  /** Which candidates are the boxes, in order. */
  detected: number[];
  /** True when there were more contours than `maxCandidates` and the rest were dropped. */
  truncated: boolean;
  /** Contours found before the cap. */
  contours: number;
}

/**
 * `prob > thresh` in float32 (as torch compares a float32 tensor with a Python float),
 * written straight into findContours' padded layout (see traceBorders).
 */
export function binarizePadded(prob: Float32Array, h: number, w: number, thresh: number): Int8Array {
  const t = Math.fround(thresh);
  const step = paddedStep(w);
  const out = new Int8Array(step * (h + 2));
  for (let y = 0; y < h; y++) {
    const src = y * w;
    const dst = (y + 1) * step + 1;
    for (let x = 0; x < w; x++) if (prob[src + x] > t) out[dst + x] = 1;
  }
  return out;
}

/** One contour's candidate, before the `boxThresh` / `minSize` checks (see CandidateSet). */
interface Examined {
  /** Flat x,y in map pixels: after unclip, or before it when unclip gave nothing. */
  xy: ArrayLike<number>;
  score: number;
  side?: number;
  grownSide: number;
}

type Examine = (prob: Float32Array, h: number, w: number, contour: Int32Array, unclipRatio: number) => Examined;

/**
 * boxes_from_bitmap for one contour: rectangle, score, unclip, rectangle again. Unlike
 * the reference, the score and unclip are computed for a rectangle too small to pass, so
 * that a smaller `minSize` can be applied later.
 */
const examineBox: Examine = (prob, h, w, contour, unclipRatio) => {
  const box = miniBox(contour, contour.length / 2);
  const score = boxScoreFast(prob, w, h, box.corners, 4);
  const grown = unclip(box.corners, 4, unclipRatio);
  if (!grown) return { xy: box.corners, score, side: box.shortSide, grownSide: -1 };
  const final = miniBox(grown, grown.length / 2);
  return { xy: final.corners, score, side: box.shortSide, grownSide: final.shortSide };
};

/** polygons_from_bitmap for one contour: simplify, score, unclip, size check. */
const examinePoly: Examine = (prob, h, w, contour, unclipRatio) => {
  const n = contour.length / 2;
  const approx = approxPolyDP(contour, n, 0.002 * arcLength(contour, n));
  const m = approx.length / 2;
  const score = boxScoreFast(prob, w, h, approx, m);
  const grown = m < 4 ? null : unclip(approx, m, unclipRatio);
  if (!grown) return { xy: approx, score, grownSide: -1 };
  const rect = minAreaRect(grown, grown.length / 2);
  return { xy: grown, score, grownSide: Math.min(rect.width, rect.height) };
};

/** The contours of the map binarized at `thresh`: what post-processing examines. */
export function dbContours(prob: Float32Array, h: number, w: number, thresh: number): Int32Array[] {
  return traceBorders(binarizePadded(prob, h, w, thresh), w, h);
}

/**
 * DB post-processing of an `h` x `w` probability map into text boxes or polygons with
 * their scores, in map pixels or, with `mapBack`, in original-image pixels. `contours`:
 * those of `params.thresh`, when already traced (a sweep over `unclipRatio` traces once).
 */
export function dbPostprocess(prob: Float32Array, h: number, w: number, params: DbParams, mapBack?: MapBack, contours = dbContours(prob, h, w, params.thresh)): DbResult {
  const kept = contours.slice(0, params.maxCandidates);
  const examine = params.mode === 'box' ? examineBox : examinePoly;
  const candidates = emptyCandidateSet(params.mode);
  const boxes: Detection[] = [];
  const detected: number[] = [];
  kept.forEach((contour, i) => {
    const c = examine(prob, h, w, contour, params.unclipRatio);
    const n = c.xy.length / 2;
    const points = mapPoints(c.xy, n, mapBack);
    candidates.sizes.push(n);
    for (const [x, y] of points) candidates.xy.push(x, y);
    candidates.scores.push(c.score);
    candidates.sides?.push(c.side!);
    candidates.grownSides.push(c.grownSide);
    if (candidateRejection(candidates, i, params) !== null) return;
    boxes.push({ points, score: c.score });
    detected.push(i);
  });
  return { boxes, candidates, detected, truncated: contours.length > kept.length, contours: contours.length };
}
