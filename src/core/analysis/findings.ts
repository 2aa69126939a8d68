import { packPolygons, polygonAt, polygonStarts, type PolygonList } from '../geometry/polygon-list';
import type { Polygon } from '../geometry/types';
import type { ImageMetrics } from '../metrics/image-metrics';
import type { CandidateSet } from '../postprocess/candidate';
import type { DbResult } from '../postprocess/db-postprocess';
import type { Count } from '../numerics/number-kinds';

/** What a run keeps of one image to explain it afterwards, in original-image pixels. */
export interface ImageFindings {
  /**
   * With a model: every candidate post-processing examined, kept or not (a CandidateSet,
   * from which another `box_thresh` / `min_size` can be applied). From prediction files:
   * the predictions.
   */
  polygons: PolygonList | CandidateSet;
  /** Which of `polygons` are the image's detections, in the order the metrics were given them. */
  detections: Count[];
}

/** ImageFindings plus each metric's matching (detection indices are positions in `detections`), as report.json holds it. */
export interface ReportedFindings extends ImageFindings {
  matching?: ImageMetrics['matching'];
}

export function findingsFromPostprocess(r: Pick<DbResult, 'candidates' | 'detected'>): ImageFindings {
  return { polygons: r.candidates, detections: r.detected };
}

export function findingsFromPredictions(detections: readonly { points: Polygon; score: number }[]): ImageFindings {
  return { polygons: packPolygons(detections), detections: detections.map((_, i) => i) };
}

export function isCandidateSet(list: PolygonList): list is CandidateSet {
  return 'grownSides' in list;
}

/** The detections as objects, for the metrics and for export. */
export function detectionsOf(f: ImageFindings): { points: Polygon; score: number }[] {
  const starts = polygonStarts(f.polygons);
  return f.detections.map((i) => ({ points: polygonAt(f.polygons, starts, i), score: f.polygons.scores[i] }));
}
