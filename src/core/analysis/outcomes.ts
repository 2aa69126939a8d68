import { polygonAt, polygonStarts } from '../geometry/polygon-list';
import type { Polygon } from '../geometry/types';
import { polygonIou } from '../geometry/polygon-iou';
import { candidateRejection, type Rejection } from '../postprocess/candidate';
import type { RescoreParams } from './rescore';
import { isCandidateSet, type ReportedFindings } from './findings';

export type GtOutcome = 'matched' | 'missed' | 'dont-care';
export type DetOutcome = 'matched' | 'false-positive' | 'ignored';

/** What the inspector draws for one image under one metric. */
export interface ImageOutcomes {
  /** `nearest`, for a missed region: the best IoU any detection has with it (why it missed: none near, or too loose). */
  gt: { points: Polygon; outcome: GtOutcome; nearest: number | null }[];
  /** `nearest`, for a false positive: the best IoU it has with a care GT region. */
  detections: { points: Polygon; score: number; outcome: DetOutcome; iou: number | null; nearest: number | null }[];
  /** Candidates that are not detections under the run's parameters, and why (with a model only). */
  rejected: { points: Polygon; score: number; why: Rejection }[];
}

/**
 * Each GT region and detection of an image labelled by one metric's matching, and the
 * rejected candidates. A GT region in no list of the matching is one the metric does not
 * score (don't care, or dropped by the metric).
 */
export function imageOutcomes(found: ReportedFindings, gt: readonly { points: Polygon; dontCare: boolean }[], metric: 'cleval' | 'iou', params: RescoreParams | null): ImageOutcomes {
  const m = found.matching?.[metric];
  const starts = polygonStarts(found.polygons);
  const matchedGt = new Set<number>();
  const matchedDet = new Map<number, number | null>();
  if (m) {
    for (let k = 0; k < m.pairs.length; k += 2) {
      matchedGt.add(m.pairs[k]);
      matchedDet.set(m.pairs[k + 1], 'ious' in m ? (m.ious as number[])[k / 2] : null);
    }
  }
  const missed = new Set(m?.missedGt ?? []);
  const falseDet = new Set(m?.falseDet ?? []);
  const detected = new Set(found.detections);
  const list = found.polygons;
  const detPoints = found.detections.map((c) => polygonAt(list, starts, c));
  const carePoints = gt.filter((g) => !g.dontCare).map((g) => g.points);
  const nearest = (points: Polygon, others: Polygon[]) => others.reduce((best, o) => Math.max(best, polygonIou(points, o)), 0);
  return {
    gt: gt.map((g, i) => {
      const outcome = matchedGt.has(i) ? 'matched' : missed.has(i) ? 'missed' : 'dont-care';
      return { points: g.points, outcome, nearest: outcome === 'missed' ? nearest(g.points, detPoints) : null };
    }),
    detections: found.detections.map((c, d) => {
      const outcome = matchedDet.has(d) ? 'matched' : falseDet.has(d) ? 'false-positive' : 'ignored';
      return { points: detPoints[d], score: list.scores[c], outcome, iou: matchedDet.get(d) ?? null, nearest: outcome === 'false-positive' ? nearest(detPoints[d], carePoints) : null };
    }),
    rejected:
      params && isCandidateSet(list)
        ? list.scores.flatMap((score, c) => {
            const why = detected.has(c) ? null : candidateRejection(list, c, params);
            return why ? [{ points: polygonAt(list, starts, c), score, why }] : [];
          })
        : [],
  };
}

/** How many of each outcome, for the legend (and the tests that read it). */
export function outcomeCounts(o: ImageOutcomes): Record<GtOutcome | DetOutcome | 'rejected', number> {
  const counts = { matched: 0, missed: 0, 'dont-care': 0, 'false-positive': 0, ignored: 0, rejected: o.rejected.length };
  for (const g of o.gt) if (g.outcome !== 'matched') counts[g.outcome]++;
  for (const d of o.detections) counts[d.outcome]++;
  return counts;
}
