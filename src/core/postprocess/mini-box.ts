import { boxPoints, minAreaRect } from '../geometry/min-area-rect';

export interface MiniBox {
  /** Float32 corners, flat x,y: top-left, top-right, bottom-right, bottom-left. */
  corners: Float32Array;
  /** The rectangle's shorter side. */
  shortSide: number;
}

/**
 * DBNet's `get_mini_boxes`: the minimum-area rectangle of a point set, its corners
 * sorted (stably) by x, then the left pair and the right pair each split into top and
 * bottom by y (the second of a pair is "top" unless it is strictly lower).
 */
export function miniBox(xy: ArrayLike<number>, n: number): MiniBox {
  const rect = minAreaRect(xy, n);
  const pts = boxPoints(rect);
  const order = [0, 1, 2, 3].sort((a, b) => pts[2 * a] - pts[2 * b]);
  const y = (k: number) => pts[2 * order[k] + 1];
  const [tl, bl] = y(1) > y(0) ? [0, 1] : [1, 0];
  const [tr, br] = y(3) > y(2) ? [2, 3] : [3, 2];
  const corners = new Float32Array(8);
  [tl, tr, br, bl].forEach((k, i) => {
    corners[2 * i] = pts[2 * order[k]];
    corners[2 * i + 1] = pts[2 * order[k] + 1];
  });
  return { corners, shortSide: Math.min(rect.width, rect.height) };
}
