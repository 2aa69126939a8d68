import { describe, expect, it } from 'vitest';
import { detectionsOf, findingsFromPostprocess } from '../../../src/core/analysis/findings';
import { bestPoint, Rescorer, thresholdGrid } from '../../../src/core/analysis/rescore';
import type { GtRegion } from '../../../src/core/dataset/sample';
import type { Polygon } from '../../../src/core/geometry/types';
import { evaluateImage } from '../../../src/core/metrics/image-metrics';
import { dbPostprocess } from '../../../src/core/postprocess/db-postprocess';
import { DEFAULT_DB_PARAMS, type DbParams } from '../../../src/core/model/db-params';
import { accuracyFromImages } from '../../../src/core/metrics/accuracy';
import { NAMES, loadExpected, loadProb } from '../postprocess/fixtures';

/** The reference's boxes at its first setting, as GT: some candidates match them, others do not. */
const images = NAMES.map((name, index) => {
  const e = loadExpected(name);
  const ref = e.settings[0].boxes_from_bitmap.boxes ?? [];
  const gt: GtRegion[] = ref.map((points, k) => ({ points: points as Polygon, text: k % 3 === 0 ? 'word' : '', dontCare: k % 7 === 6 }));
  return { index, name, gt, prob: loadProb(name), h: e.height, w: e.width };
});

function freshRun(params: DbParams, mode: 'seed' | 'official') {
  const runs = images.map((im) => dbPostprocess(im.prob, im.h, im.w, params));
  const results = runs.map((r, k) => {
    const m = evaluateImage(images[k].gt, r.boxes, mode);
    return { index: k, name: images[k].name, cleval: m.cleval, iou: m.iou, loss: null };
  });
  return { runs, accuracy: accuracyFromImages(results, mode) };
}

describe.each([
  ['box', 'seed'],
  ['box', 'official'],
  ['poly', 'seed'],
] as const)('re-scoring a %s-mode run (%s CLEval) at another box_thresh / min_size', (postMode, clevalMode) => {
  const run = freshRun({ ...DEFAULT_DB_PARAMS, mode: postMode, boxThresh: 0.6, minSize: 3 }, clevalMode);
  const rescorer = new Rescorer(
    images.map((im, k) => ({ index: im.index, name: im.name, gt: im.gt, found: findingsFromPostprocess(run.runs[k]) })),
    clevalMode,
  );

  it.each([
    [0.3, 3],
    [0.5, 0],
    [0.6, 3],
    [0.72, 5],
    [0.9, 2],
  ])('box_thresh %f, min_size %i: the boxes and the metrics of a fresh run', (boxThresh, minSize) => {
    const fresh = freshRun({ ...DEFAULT_DB_PARAMS, mode: postMode, boxThresh, minSize }, clevalMode);
    const r = rescorer.score({ boxThresh, minSize });
    r.detections.forEach((kept, k) => {
      const found = { polygons: run.runs[k].candidates, detections: kept };
      expect(detectionsOf(found)).toEqual(fresh.runs[k].boxes);
    });
    expect(r.accuracy).toEqual(fresh.accuracy);
  });

  it('evaluates again only the images whose detections changed', () => {
    rescorer.score({ boxThresh: 0.65, minSize: 3 });
    expect(rescorer.score({ boxThresh: 0.65, minSize: 3 }).evaluated).toBe(0);
  });
});

describe('the box_thresh curve', () => {
  it('has a point per threshold and marks the best H-mean', () => {
    const run = freshRun({ ...DEFAULT_DB_PARAMS, boxThresh: 0.6 }, 'seed');
    const rescorer = new Rescorer(images.map((im, k) => ({ ...im, found: findingsFromPostprocess(run.runs[k]) })), 'seed');
    const grid = thresholdGrid(0.3, 0.9, 0.05);
    expect(grid).toHaveLength(13);
    expect(grid[5]).toBe(0.55);
    const curve = rescorer.curve(grid, 3);
    const best = bestPoint(curve, 0.6)!;
    expect(Math.max(...curve.map((p) => p.hmean!))).toBe(best.hmean);
    // Ties go to the point nearest the current value.
    const flat = grid.map((boxThresh) => ({ boxThresh, accuracy: run.accuracy, hmean: 0.5 }));
    expect(bestPoint(flat, 0.62)!.boxThresh).toBe(0.6);
    expect(curve[6].accuracy).toEqual(run.accuracy); // 0.6: the run itself
  });
});
