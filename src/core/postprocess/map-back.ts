import { applyAffine, type Mat3 } from '../numerics/mat3';
import { roundHalfEven } from '../numerics/round-half-even';
import type { Point, Polygon } from '../geometry/types';

/** How output points go from probability-map pixels to original-image pixels. */
export interface MapBack {
  /** Probability-map pixels to original image (the inverse of preprocessing and of the map's scale). */
  inverse: Mat3;
  /** Original image size: points are clipped to [0, width] x [0, height]. */
  width: number;
  height: number;
}

/**
 * Maps flat x,y float vertices to integer points: through the inverse transform, rounded
 * half to even (numpy's round), then clipped, as PaddleOCR does. Without `mapBack` the
 * points stay in map pixels, only rounded (the reference's identity `inverse_matrix`).
 */
export function mapPoints(xy: ArrayLike<number>, n: number, mapBack?: MapBack): Polygon {
  const out: Polygon = [];
  for (let i = 0; i < n; i++) {
    let x = xy[2 * i];
    let y = xy[2 * i + 1];
    if (mapBack) {
      [x, y] = applyAffine(mapBack.inverse, x, y);
      x = Math.min(Math.max(roundHalfEven(x), 0), mapBack.width);
      y = Math.min(Math.max(roundHalfEven(y), 0), mapBack.height);
    } else {
      x = roundHalfEven(x);
      y = roundHalfEven(y);
    }
    out.push([x, y] as Point);
  }
  return out;
}
