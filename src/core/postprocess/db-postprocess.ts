import { arcLength } from '../geometry/arc-length';
import { paddedStep, traceBorders } from '../geometry/contours';
import { approxPolyDP } from '../geometry/douglas-peucker';
import { minAreaRect } from '../geometry/min-area-rect';
import type { Polygon } from '../geometry/types';
import { unclip } from '../geometry/unclip';
import { boxScoreFast } from './box-score';
import { mapPoints, type MapBack } from './map-back';
import { miniBox } from './mini-box';
import type { DbParams } from './params';

export interface Detection {
  points: Polygon;
  score: number;
}

export interface DbResult {
  /** In findContours order (bottom of the map first), as the reference outputs them. */
  boxes: Detection[];
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

type Candidate = (prob: Float32Array, h: number, w: number, contour: Int32Array, p: DbParams, mapBack?: MapBack) => Detection | null;

/** boxes_from_bitmap for one contour: rectangle, score, unclip, rectangle again. */
const boxCandidate: Candidate = (prob, h, w, contour, p, mapBack) => {
  const box = miniBox(contour, contour.length / 2);
  if (box.shortSide < p.minSize) return null;
  const score = boxScoreFast(prob, w, h, box.corners, 4);
  if (p.boxThresh > score) return null;
  const grown = unclip(box.corners, 4, p.unclipRatio);
  if (!grown) return null;
  const final = miniBox(grown, grown.length / 2);
  if (final.shortSide < p.minSize + 2) return null;
  return { points: mapPoints(final.corners, 4, mapBack), score };
};

/** polygons_from_bitmap for one contour: simplify, score, unclip, size check. */
const polyCandidate: Candidate = (prob, h, w, contour, p, mapBack) => {
  const n = contour.length / 2;
  const approx = approxPolyDP(contour, n, 0.002 * arcLength(contour, n));
  const m = approx.length / 2;
  if (m < 4) return null;
  const score = boxScoreFast(prob, w, h, approx, m);
  if (p.boxThresh > score) return null;
  const grown = unclip(approx, m, p.unclipRatio);
  if (!grown) return null;
  const rect = minAreaRect(grown, grown.length / 2);
  if (Math.min(rect.width, rect.height) < p.minSize + 2) return null;
  return { points: mapPoints(grown, grown.length / 2, mapBack), score };
};

/**
 * DB post-processing of an `h` x `w` probability map into text boxes or polygons with
 * their scores, in map pixels or, with `mapBack`, in original-image pixels.
 */
export function dbPostprocess(prob: Float32Array, h: number, w: number, params: DbParams, mapBack?: MapBack): DbResult {
  const contours = traceBorders(binarizePadded(prob, h, w, params.thresh), w, h);
  const kept = contours.slice(0, params.maxCandidates);
  const candidate = params.mode === 'box' ? boxCandidate : polyCandidate;
  const boxes: Detection[] = [];
  for (const contour of kept) {
    const det = candidate(prob, h, w, contour, params, mapBack);
    if (det) boxes.push(det);
  }
  return { boxes, truncated: contours.length > kept.length, contours: contours.length };
}
