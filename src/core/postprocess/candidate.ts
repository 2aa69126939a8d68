import type { PolygonList } from '../geometry/polygon-list';
import type { DbParams } from '../model/db-params';

/**
 * Every contour post-processing looked at, with what decides whether it becomes a
 * detection. None of it depends on `boxThresh` or `minSize` (only on the map, `thresh`,
 * `unclipRatio`, `maxCandidates` and the mode), so a run that keeps these can apply any
 * other `boxThresh` / `minSize` afterwards and get exactly the detections a fresh run
 * with those values would give (see `candidateRejection`).
 *
 * Flat, one entry per candidate in findContours order: this is kept for every image of a
 * run, so no object per candidate.
 */
export interface CandidateSet extends PolygonList {
  /**
   * (xy: in output pixels, the polygon the detection would be, after unclip; for a
   * candidate unclip could not grow, the polygon before unclip. scores: DB's box score,
   * the mean probability inside the polygon before unclip.)
   */
  /** Box mode: short side of the rectangle before unclip, checked against `minSize`. Absent in poly mode (no such check). */
  sides?: number[];
  /** Short side of the rectangle after unclip, checked against `minSize + 2`; -1 when unclip gave nothing (or the contour simplified to under 4 points): never a detection. */
  grownSides: number[];
}

export type Rejection = 'score' | 'small' | 'shape';

/**
 * Why candidate `i` is not a detection under `p`, or null when it is one. The checks and
 * comparisons are the ones post-processing makes (same operands, same order), so this is
 * exact, not an approximation.
 */
export function candidateRejection(c: CandidateSet, i: number, p: Pick<DbParams, 'boxThresh' | 'minSize'>): Rejection | null {
  if (c.sides && c.sides[i] < p.minSize) return 'small';
  if (p.boxThresh > c.scores[i]) return 'score';
  if (c.grownSides[i] < 0) return 'shape';
  if (c.grownSides[i] < p.minSize + 2) return 'small';
  return null;
}

export function emptyCandidateSet(mode: DbParams['mode']): CandidateSet {
  return mode === 'box' ? { sizes: [], xy: [], scores: [], sides: [], grownSides: [] } : { sizes: [], xy: [], scores: [], grownSides: [] };
}
