import type { Polygon } from './types';
import type { Count } from '../numerics/number-kinds';

/**
 * Scored polygons stored flat: a run keeps these for every image, and flat number arrays
 * (packed doubles or small integers in V8) cost a fraction of an object per polygon and
 * an array per point. Plain arrays, not typed ones, so that they go into report.json and
 * IndexedDB as they are.
 */
export interface PolygonList {
  /** Vertices of each polygon. */
  sizes: Count[];
  /** x,y of every polygon, concatenated. */
  xy: number[];
  scores: number[];
}

export function packPolygons(items: readonly { points: Polygon; score?: number }[], defaultScore = 1): PolygonList {
  const list: PolygonList = { sizes: [], xy: [], scores: [] };
  for (const item of items) {
    list.sizes.push(item.points.length);
    for (const [x, y] of item.points) list.xy.push(x, y);
    list.scores.push(item.score ?? defaultScore);
  }
  return list;
}

/** Where each polygon starts in `xy` (in points), plus the total at the end. */
export function polygonStarts(list: Pick<PolygonList, 'sizes'>): Int32Array {
  const starts = new Int32Array(list.sizes.length + 1);
  for (let i = 0; i < list.sizes.length; i++) starts[i + 1] = starts[i] + list.sizes[i];
  return starts;
}

export function polygonAt(list: Pick<PolygonList, 'xy'>, starts: Int32Array, i: number): Polygon {
  const out: Polygon = [];
  for (let k = starts[i]; k < starts[i + 1]; k++) out.push([list.xy[2 * k], list.xy[2 * k + 1]]);
  return out;
}
