import { minAreaRect } from '../geometry/min-area-rect';
import type { Polygon } from '../geometry/types';
import type { Matching } from '../metrics/image-metrics';
import { detectionsOf, type ReportedFindings } from './findings';
import type { Count, Fraction } from '../numerics/number-kinds';

type ReportedImage = { index: number; found?: ReportedFindings };

/** Text height bins, in original-image pixels: [from, to). */
export const HEIGHT_BINS = [
  { label: '< 8 px', from: 0, to: 8 },
  { label: '8-16 px', from: 8, to: 16 },
  { label: '16-32 px', from: 16, to: 32 },
  { label: '32-64 px', from: 32, to: 64 },
  { label: '>= 64 px', from: 64, to: Infinity },
] as const;

export const ORIENTATIONS = ['near-horizontal', 'rotated', 'vertical'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

/** Within this many degrees of the axis a box counts as horizontal (or vertical). */
const AXIS_DEGREES = 10;

export interface BreakdownRow {
  label: string;
  /** Care GT regions in the bin, and how many of them a detection matched. */
  gt: Count;
  gtMatched: Count;
  /** Counted detections (not ignored) in the bin, and how many matched a GT. */
  det: Count;
  detMatched: Count;
  /** gtMatched / gt and detMatched / det; null for an empty bin. */
  recall: Fraction | null;
  precision: Fraction | null;
}

export interface Breakdown {
  byHeight: BreakdownRow[];
  byOrientation: BreakdownRow[];
}

/** Height (the rectangle's short side) and orientation (of its long side) of a text polygon. */
export function textShape(points: Polygon): { height: number; orientation: Orientation } {
  const r = minAreaRect(points.flat(), points.length);
  const longAngle = r.width >= r.height ? r.angle : r.angle + 90;
  const a = ((longAngle % 180) + 180) % 180;
  const fromHorizontal = Math.min(a, 180 - a);
  const orientation = fromHorizontal <= AXIS_DEGREES ? 'near-horizontal' : fromHorizontal >= 90 - AXIS_DEGREES ? 'vertical' : 'rotated';
  return { height: Math.min(r.width, r.height), orientation };
}

interface Tally {
  gt: number[];
  gtMatched: number[];
  det: number[];
  detMatched: number[];
}

const tally = (n: number): Tally => ({ gt: new Array(n).fill(0), gtMatched: new Array(n).fill(0), det: new Array(n).fill(0), detMatched: new Array(n).fill(0) });

const rows = (t: Tally, labels: readonly string[]): BreakdownRow[] =>
  labels.map((label, i) => ({
    label,
    gt: t.gt[i],
    gtMatched: t.gtMatched[i],
    det: t.det[i],
    detMatched: t.detMatched[i],
    recall: t.gt[i] > 0 ? t.gtMatched[i] / t.gt[i] : null,
    precision: t.det[i] > 0 ? t.detMatched[i] / t.det[i] : null,
  }));

/** Rows of the same bins summed (shards of one run); the ratios from the sums. */
function addRows(parts: readonly BreakdownRow[][]): BreakdownRow[] {
  const labels = parts[0].map((r) => r.label);
  const t = tally(labels.length);
  for (const part of parts) part.forEach((r, i) => (['gt', 'gtMatched', 'det', 'detMatched'] as const).forEach((k) => (t[k][i] += r[k])));
  return rows(t, labels);
}

/** The breakdowns of shard reports, merged; null unless every shard has them. */
export function mergeBreakdowns(parts: readonly (RunBreakdowns | undefined)[]): RunBreakdowns | null {
  if (parts.length === 0 || parts.some((p) => !p)) return null;
  const merge = (pick: (b: RunBreakdowns) => Breakdown): Breakdown => ({
    byHeight: addRows(parts.map((p) => pick(p!).byHeight)),
    byOrientation: addRows(parts.map((p) => pick(p!).byOrientation)),
  });
  return { cleval: merge((b) => b.cleval), iou: merge((b) => b.iou) };
}

/**
 * Recall by GT (care regions: matched or missed) and precision by detection (counted
 * detections: matched or false), per text height bin and per orientation, under one
 * metric's matching. Images are given as their GT polygons, their detections (in the order
 * the metric saw them) and the matching.
 */
export function breakdown(images: Iterable<{ gt: readonly Polygon[]; detections: readonly Polygon[]; matching: Matching }>): Breakdown {
  const heights = tally(HEIGHT_BINS.length);
  const orientations = tally(ORIENTATIONS.length);
  const add = (points: Polygon, side: 'gt' | 'det', matched: boolean) => {
    const s = textShape(points);
    const h = HEIGHT_BINS.findIndex((b) => s.height >= b.from && s.height < b.to);
    const o = ORIENTATIONS.indexOf(s.orientation);
    heights[side][h]++;
    orientations[side][o]++;
    if (matched) {
      heights[side === 'gt' ? 'gtMatched' : 'detMatched'][h]++;
      orientations[side === 'gt' ? 'gtMatched' : 'detMatched'][o]++;
    }
  };
  for (const im of images) {
    const m = im.matching;
    const gtHit = new Set<number>();
    const detHit = new Set<number>();
    for (let k = 0; k < m.pairs.length; k += 2) {
      gtHit.add(m.pairs[k]);
      detHit.add(m.pairs[k + 1]);
    }
    for (const g of [...gtHit, ...m.missedGt]) add(im.gt[g] as Polygon, 'gt', gtHit.has(g));
    for (const d of [...detHit, ...m.falseDet]) add(im.detections[d] as Polygon, 'det', detHit.has(d));
  }
  return { byHeight: rows(heights, HEIGHT_BINS.map((b) => b.label)), byOrientation: rows(orientations, ORIENTATIONS) };
}

export interface RunBreakdowns {
  cleval: Breakdown;
  iou: Breakdown;
}

/** Both metrics' breakdowns over a run's images that kept their matching; null when none did. */
export function runBreakdowns(images: readonly ReportedImage[], gtOf: (index: number) => readonly { points: Polygon }[] | undefined): RunBreakdowns | null {
  const kept = images.flatMap((im) => {
    const gt = gtOf(im.index);
    return im.found?.matching && gt ? [{ gt: gt.map((g) => g.points), detections: detectionsOf(im.found).map((d) => d.points), matching: im.found.matching }] : [];
  });
  if (kept.length === 0) return null;
  return {
    cleval: breakdown(kept.map((k) => ({ ...k, matching: k.matching.cleval }))),
    iou: breakdown(kept.map((k) => ({ ...k, matching: k.matching.iou }))),
  };
}
