import { describe, expect, it } from 'vitest';
import { findingsFromPostprocess, findingsFromPredictions } from '../../../src/core/analysis/findings';
import { imageOutcomes, outcomeCounts } from '../../../src/core/analysis/outcomes';
import type { Polygon } from '../../../src/core/geometry/types';
import { evaluateImage } from '../../../src/core/metrics/image-metrics';
import { dbPostprocess } from '../../../src/core/postprocess/db-postprocess';
import { DEFAULT_DB_PARAMS } from '../../../src/core/model/db-params';
import { loadExpected, loadProb } from '../postprocess/fixtures';

const rect = (x: number, y: number, w: number, h: number): Polygon => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];

describe('imageOutcomes', () => {
  it('labels GT and detections by the chosen metric', () => {
    const gt = [
      { points: rect(0, 0, 100, 20), dontCare: false },
      { points: rect(0, 50, 100, 20), dontCare: false },
      { points: rect(0, 100, 100, 20), dontCare: true },
    ];
    const dets = [
      { points: rect(1, 1, 99, 19), score: 0.9 },
      { points: rect(300, 300, 50, 20), score: 0.7 },
      { points: rect(2, 101, 96, 18), score: 0.8 },
    ];
    const found = { ...findingsFromPredictions(dets), matching: evaluateImage(gt, dets, 'official').matching };
    const o = imageOutcomes(found, gt, 'iou', null);
    expect(o.gt.map((g) => g.outcome)).toEqual(['matched', 'missed', 'dont-care']);
    expect(o.detections.map((d) => d.outcome)).toEqual(['matched', 'false-positive', 'ignored']);
    expect(o.detections[0].iou).toBeGreaterThan(0.9);
    // Why each error: the missed GT and the false positive overlap nothing; matched ones carry no `nearest`.
    expect(o.gt.map((g) => g.nearest)).toEqual([null, 0, null]);
    expect(o.detections.map((d) => d.nearest)).toEqual([null, 0, null]);
    expect(outcomeCounts(o)).toEqual({ matched: 1, missed: 1, 'dont-care': 1, 'false-positive': 1, ignored: 1, rejected: 0 });
  });

  it('gives a missed GT and a false positive the best IoU between them: a loose box misses', () => {
    const gt = [{ points: rect(0, 0, 100, 20), dontCare: false }];
    const dets = [{ points: rect(0, 0, 100, 50), score: 0.9 }]; // IoU 20/50 = 0.4, under 0.5
    const found = { ...findingsFromPredictions(dets), matching: evaluateImage(gt, dets, 'official').matching };
    const o = imageOutcomes(found, gt, 'iou', null);
    expect(o.gt[0]).toMatchObject({ outcome: 'missed', nearest: 0.4 });
    expect(o.detections[0]).toMatchObject({ outcome: 'false-positive', nearest: 0.4 });
  });

  it('lists the candidates a model run rejected, with why', () => {
    const e = loadExpected('receipt_photo');
    const run = dbPostprocess(loadProb('receipt_photo'), e.height, e.width, { ...DEFAULT_DB_PARAMS, boxThresh: 0.8 });
    const o = imageOutcomes(findingsFromPostprocess(run), [], 'iou', { boxThresh: 0.8, minSize: 3 });
    expect(o.detections).toHaveLength(run.boxes.length);
    expect(o.rejected).toHaveLength(run.candidates.scores.length - run.boxes.length);
    expect(o.rejected.length).toBeGreaterThan(0);
    for (const r of o.rejected) if (r.why === 'score') expect(r.score).toBeLessThan(0.8);
  });
});
