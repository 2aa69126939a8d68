import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClevalCounts, ImageResult, Report } from '../../../src/core/report/schema';

const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** A fresh copy of the fixture report, to change freely. */
export function fixtureReport(): Report {
  return JSON.parse(readFileSync(`${root}report/report.json`, 'utf8')) as Report;
}

interface RefImage {
  det: Record<string, number>;
  num_splitted: number;
  num_merged: number;
  num_char_overlapped: number;
  metric_compute?: { f1: number };
}

export interface RefPair {
  det: { recall: number; precision: number; hmean: number } & Record<string, number>;
  mean_over_images?: { hmean: number };
  per_image: Record<string, RefImage>;
}

export function referencePairs(set: 'cleval' | 'cleval-seed'): Record<string, RefPair> {
  return JSON.parse(readFileSync(`${root}reference/${set}/expected.json`, 'utf8')).pairs;
}

/** Per-image results as the metric modules report them: seed mode keeps compute()'s float32 H-mean. */
export function referenceImages(pair: RefPair, mode: 'official' | 'seed'): ImageResult[] {
  return Object.entries(pair.per_image).map(([name, img], index) => {
    const d = img.det;
    const counts: ClevalCounts = {
      numCharGt: d.num_char_gt,
      numCharDet: d.num_char_det,
      numCharTpRecall: d.num_char_tp_recall,
      numCharTpPrecision: d.num_char_tp_precision,
      granScoreRecall: d.gran_score_recall,
      granScorePrecision: d.gran_score_precision,
      numCharFp: d.num_char_fp,
      numSplitted: img.num_splitted,
      numMerged: img.num_merged,
      numCharOverlapped: img.num_char_overlapped,
    };
    const hmean = mode === 'seed' ? img.metric_compute!.f1 : d.hmean;
    return { index, name, cleval: { recall: d.recall, precision: d.precision, hmean, counts }, iou: null, loss: null };
  });
}

/** `report` as if every image had taken `factor` times as long: its spans and wall time scaled. */
export function slowedBy(report: Report, factor: number): Report {
  report.timing.wall_s *= factor;
  report.timing.images_per_s /= factor;
  report.spans = report.spans!.map((s) => ({ ...s, end: s.start + (s.end - s.start) * factor }));
  return report;
}
