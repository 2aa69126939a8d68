import type { Polygon } from '../../../geometry/types';
import { polygonBbox } from '../../../geometry/polygon-intersection';
import { evaluatePrepared } from '../evaluate-prepared';
import { prepareDet } from '../int-polygon';
import { ClevalPairTable } from '../pair-table';
import type { PreparedDet, PreparedGt } from '../prepared';
import { roundHalfEven } from '../../../numerics/round-half-even';
import { DEFAULT_CLEVAL_OPTIONS, type ClevalDetBox, type ClevalGtBox, type ClevalCounts, type ClevalImageResult, type ClevalOptions, type ClevalScores } from '../types';
import { float32Scores } from './float32-scores';
import { originalPseudoCharCentres } from './pseudo-chars';
import { originalAspectRatio, originalFalsePositiveChars, originalPseudoLength } from './pseudo-length';
import type { ClevalOriginalImageResult } from './types';

/** The project's metric keeps the first 500 detections of an image. */
export const ORIGINAL_MAX_POLYGONS = 500;

/** Values of the kept boxes placed back at their input indices; dropped boxes count 0 characters. */
function scatter(n: number, kept: number[], values: number[]): number[] {
  const out = new Array<number>(n).fill(0);
  kept.forEach((i, k) => (out[i] = values[k]));
  return out;
}

const asFloat32 = (points: Polygon): Polygon => points.map(([x, y]) => [Math.fround(x), Math.fround(y)]);

interface OriginalGts {
  /** Input indices of the GT the variant keeps. */
  idx: number[];
  prepared: PreparedGt[];
  degenerate: boolean[];
  count: number;
}

interface OriginalDet {
  prepared: PreparedDet;
  degenerate: boolean;
}

/** The loader rounds GT to int32 half to even; boxes under 4 points are skipped. */
function originalGts(gt: readonly ClevalGtBox[]): OriginalGts {
  const idx = gt.flatMap((g, i) => (!g.dontCare && g.points.length >= 4 ? [i] : []));
  const boxes = idx.map((i) => {
    const points = gt[i].points.map(([x, y]) => [roundHalfEven(x), roundHalfEven(y)] as [number, number]);
    return { points, ...originalAspectRatio(points) };
  });
  const prepared = boxes.map(({ points, aspect }): PreparedGt => {
    const chars = originalPseudoLength(aspect);
    return { poly: points, bbox: polygonBbox(points), pcc: originalPseudoCharCentres(points, chars), chars, dontCare: false };
  });
  return { idx, prepared, degenerate: boxes.map((b) => b.degenerate), count: gt.length };
}

/** A detection of 4 or more points; null for one the variant skips. */
function originalDet(points: Polygon): OriginalDet | null {
  if (points.length < 4) return null;
  const p = asFloat32(points);
  const { aspect, degenerate } = originalAspectRatio(p);
  return { prepared: prepareDet(p, () => originalFalsePositiveChars(aspect)), degenerate };
}

/** The positions among `dets` the variant evaluates: the first 500, less those it skips. */
const evaluatedDets = (dets: readonly (OriginalDet | null)[]) => dets.slice(0, ORIGINAL_MAX_POLYGONS).flatMap((d, i) => (d ? [i] : []));

/**
 * The receipt project's CLEval variant on one image: GT and detections are POLY boxes
 * without transcriptions, each counting a pseudo length from its minimum-area rectangle.
 * GT transcriptions and `###` boxes are dropped, as that project's loader never reads
 * them. Indices in the result refer to the input arrays.
 */
export function clevalOriginalImage(
  gt: ClevalGtBox[],
  det: ClevalDetBox[],
  options: Partial<ClevalOptions> = {},
): ClevalOriginalImageResult {
  const o = { ...DEFAULT_CLEVAL_OPTIONS, ...options };
  const g = originalGts(gt);
  const dets = det.slice(0, ORIGINAL_MAX_POLYGONS).map((d) => originalDet(d.points));
  const detIdx = evaluatedDets(dets);
  return originalResult(evaluatePrepared(g.prepared, detIdx.map((i) => dets[i]!.prepared), o), g, detIdx, dets);
}

/**
 * The variant on any subset of a fixed list of candidates, from tables computed once (see
 * ClevalPairTable): the figures of `clevalOriginalImage` on that subset.
 */
export class ClevalOriginalTable {
  private readonly gts: OriginalGts;
  private readonly dets: (OriginalDet | null)[];
  /** Each candidate's column in the table (-1: skipped). */
  private readonly column: number[];
  private readonly table: ClevalPairTable;

  constructor(gt: readonly ClevalGtBox[], candidates: readonly Polygon[]) {
    this.gts = originalGts(gt);
    this.dets = candidates.map(originalDet);
    let next = 0;
    this.column = this.dets.map((d) => (d ? next++ : -1));
    this.table = new ClevalPairTable(this.gts.prepared, this.dets.flatMap((d) => (d ? [d.prepared] : [])));
  }

  /** Result indices are positions in `subset`. */
  evaluate(subset: readonly number[], options: ClevalOptions): ClevalOriginalImageResult {
    const dets = subset.map((c) => this.dets[c]);
    const detIdx = evaluatedDets(dets);
    return originalResult(this.table.evaluate(detIdx.map((k) => this.column[subset[k]]), options), this.gts, detIdx, dets);
  }

  /** The image's figures alone (a re-score needs no matching): the per-image scores are the float32 ones. */
  scores(subset: readonly number[], options: ClevalOptions): ClevalScores & { counts: ClevalCounts } {
    const detIdx = evaluatedDets(subset.map((c) => this.dets[c]));
    const { counts } = this.table.evaluate(detIdx.map((k) => this.column[subset[k]]), options);
    return { ...float32Scores(counts), counts };
  }
}

/** Indices of a result on the variant's boxes mapped back to the input arrays. */
function originalResult(r: ClevalImageResult, g: OriginalGts, detIdx: number[], dets: readonly (OriginalDet | null)[]): ClevalOriginalImageResult {
  const toGt = (k: number) => g.idx[k];
  const toDet = (k: number) => detIdx[k];
  return {
    ...r,
    matches: r.matches.map((m) => ({ relation: m.relation, gt: m.gt.map(toGt), det: m.det.map(toDet) })),
    matchedGt: r.matchedGt.map(toGt),
    unmatchedGt: r.unmatchedGt.map(toGt),
    matchedDet: r.matchedDet.map(toDet),
    unmatchedDet: r.unmatchedDet.map(toDet),
    dontCareGt: [],
    dontCareDet: [],
    gtChars: scatter(g.count, g.idx, r.gtChars),
    fpChars: Object.fromEntries(Object.entries(r.fpChars).map(([k, v]) => [toDet(Number(k)), v])),
    float32: float32Scores(r.counts),
    degenerateGt: g.idx.filter((_, k) => g.degenerate[k]),
    degenerateDet: detIdx.filter((i) => dets[i]!.degenerate),
  };
}
