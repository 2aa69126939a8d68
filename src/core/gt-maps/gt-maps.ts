import type { Polygon } from '../geometry/types';
import { polygonArea } from '../geometry/polygon-area';
import { arcLength } from '../geometry/arc-length';
import { offsetPolygon } from '../geometry/clipper-offset';
import { fillPoly } from '../geometry/fill-poly';
import { drawBorder } from './border-map';

/**
 * Bump when the maps this module produces change in any bit: it is part of cache keys
 * and of the persistent store's format mark. 2: with threshMask.
 */
export const GT_MAPS_VERSION = 2;

export interface GtMapParams {
  height: number;
  width: number;
  shrinkRatio: number;
  threshMin: number;
  threshMax: number;
}

/**
 * DB's shrink ratio and threshold range: the defaults of the original project's
 * DBCollateFN. What the GT-maps workers use, and what benchmarks and tests take unless
 * they vary one.
 */
export const DB_GT_MAP_DEFAULTS = { shrinkRatio: 0.4, threshMin: 0.3, threshMax: 0.7 } as const;

/** The default parameters for maps of this size. */
export function gtMapParams(height: number, width: number): GtMapParams {
  return { height, width, ...DB_GT_MAP_DEFAULTS };
}

/** DB's ground-truth maps, row-major `height * width`. */
export interface GtMapSet {
  /** Shrink (probability) map: 1 inside the shrunk polygons, else 0. */
  prob: Float32Array;
  /** Border (threshold) map, scaled into [threshMin, threshMax]. */
  thresh: Float32Array;
  /**
   * 1 inside every polygon dilated by its offset distance D, else 0: where the border
   * map is supervised (the L1 loss's mask). Made with the border map, in the same loop,
   * as MakeBorderMap makes its threshold mask.
   */
  threshMask: Uint8Array;
}

const EPS = 2.220446049250313e-16;

/**
 * Truncates polygon coordinates toward zero into flat int32 x,y pairs, as the
 * reference's `poly.astype(np.int32)` does. Also what cache keys hash.
 */
export function truncatePolygon(poly: Polygon): Int32Array {
  const xy = new Int32Array(poly.length * 2);
  poly.forEach(([x, y], i) => {
    xy[2 * i] = Math.trunc(x);
    xy[2 * i + 1] = Math.trunc(y);
  });
  return xy;
}

/** Area of a flat integer ring; exact (integer products and sums), so equal to cv2.contourArea. */
function ringArea(xy: Int32Array): number {
  const pts: Polygon = [];
  for (let i = 0; i < xy.length; i += 2) pts.push([xy[i], xy[i + 1]]);
  return polygonArea(pts);
}

/** Bounding box of a flat x,y ring: [xmin, xmax, ymin, ymax]. */
function bounds(xy: Int32Array): [number, number, number, number] {
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    xmin = Math.min(xmin, xy[i]);
    xmax = Math.max(xmax, xy[i]);
    ymin = Math.min(ymin, xy[i + 1]);
    ymax = Math.max(ymax, xy[i + 1]);
  }
  return [xmin, xmax, ymin, ymax];
}

/**
 * DB's offset distance D = A (1 - r^2) / L for a truncated ring, or null for what the
 * reference skips (under 2 points, zero area, zero perimeter, D <= eps).
 */
export function offsetDistance(xy: Int32Array, shrinkRatio: number): number | null {
  const n = xy.length >> 1;
  if (n < 2) return null;
  const area = ringArea(xy);
  if (area <= 0) return null;
  const length = arcLength(xy, n);
  if (length <= 0) return null;
  const distance = (area * (1 - shrinkRatio ** 2)) / (length + EPS);
  return distance <= EPS ? null : distance;
}

/**
 * DB's `make_prob_thresh_map` (the reference `DBCollateFN`), bit-identical to it on
 * valid input. Deliberate difference: a polygon whose dilated box misses the image
 * writes nothing (the reference smears one column or row into the image edge, or throws).
 */
export function makeGtMaps(params: GtMapParams, polygons: readonly (Polygon | Int32Array)[]): GtMapSet {
  const { height: h, width: w } = params;
  const prob = new Float32Array(h * w);
  const scale = Math.fround(params.threshMax - params.threshMin);
  const threshMin = Math.fround(params.threshMin);
  const thresh = new Float32Array(h * w).fill(threshMin);
  const threshMask = new Uint8Array(h * w);

  for (const p of polygons) {
    const xy = p instanceof Int32Array ? p : truncatePolygon(p);
    const distance = offsetDistance(xy, params.shrinkRatio);
    if (distance === null) continue;
    const n = xy.length >> 1;

    for (const ring of offsetPolygon(xy, n, -distance)) fillPoly(prob, w, h, ring, ring.length >> 1, 1);

    for (const ring of offsetPolygon(xy, n, distance)) {
      fillPoly(threshMask, w, h, ring, ring.length >> 1, 1);
      const [xmin, xmax, ymin, ymax] = bounds(ring);
      if (xmax < 0 || ymax < 0 || xmin > w - 1 || ymin > h - 1) continue;
      const box = { x0: Math.max(0, xmin), x1: Math.min(w - 1, xmax), y0: Math.max(0, ymin), y1: Math.min(h - 1, ymax) };
      drawBorder(thresh, w, xy, n, distance, box, scale, threshMin);
    }
  }
  return { prob, thresh, threshMask };
}
