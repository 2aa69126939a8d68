import { describe, expect, it } from 'vitest';
import { parseSweepValues, summarizeSweep, sweepImage, MAX_SWEEP_VALUES } from '../../../src/core/analysis/sweep';
import type { GtRegion } from '../../../src/core/dataset/sample';
import type { Polygon } from '../../../src/core/geometry/types';
import { evaluateImage } from '../../../src/core/metrics/image-metrics';
import { dbPostprocess } from '../../../src/core/postprocess/db-postprocess';
import { DEFAULT_DB_PARAMS } from '../../../src/core/model/db-params';
import { accuracyFromImages } from '../../../src/core/metrics/accuracy';
import { headlineHmean } from '../../../src/core/metrics/headline';
import { NAMES, loadExpected, loadProb } from '../postprocess/fixtures';

describe('sweep values, checked up front', () => {
  it('reads comma-separated values', () => {
    expect(parseSweepValues('0.2, 0.3,0.4', 'thresh')).toEqual([0.2, 0.3, 0.4]);
    expect(parseSweepValues('1.5,2,2.5', 'unclipRatio')).toEqual([1.5, 2, 2.5]);
  });

  it.each([
    ['0.2,abc', 'thresh', '--sweep-thresh "0.2,abc": "abc" is not a number'],
    ['0.2,,0.4', 'thresh', '"" is not a number'],
    ['', 'thresh', 'no values'],
    ['0.2,1', 'thresh', '1 is out of range'],
    ['0', 'thresh', '0 is out of range'],
    ['1.5,-2', 'unclipRatio', '--sweep-unclip "1.5,-2": -2 is out of range'],
    ['1.5,2,1.5', 'unclipRatio', '1.5 is given twice'],
    [Array.from({ length: MAX_SWEEP_VALUES + 1 }, (_, i) => String(0.05 + i * 0.05)).join(','), 'thresh', `at most ${MAX_SWEEP_VALUES}`],
  ] as const)('%j (%s): a specific error with what to give', (text, axis, message) => {
    expect(() => parseSweepValues(text, axis)).toThrow(message);
    expect(() => parseSweepValues(text, axis)).toThrow(/e\.g\. /);
  });
});

/** Reference pages with their reference boxes (first setting) as GT. */
const pages = NAMES.map((name, index) => {
  const e = loadExpected(name);
  const gt: GtRegion[] = (e.settings[0].boxes_from_bitmap.boxes ?? []).map((points) => ({ points: points as Polygon, dontCare: false }));
  return { index, name, gt, prob: loadProb(name), h: e.height, w: e.width };
});
const grid = { thresh: [0.2, 0.3, 0.45], unclipRatio: [1.2, 1.5, 2.2] };
const params = { ...DEFAULT_DB_PARAMS, boxThresh: 0.6 };
const swept = pages.map((p) => ({ index: p.index, name: p.name, cells: sweepImage(p.prob, p.h, p.w, params, grid, p.gt, 'seed') }));

/** What a run at those values reports: post-processing and metrics per image, summed as the report sums. */
function freshAccuracy(thresh: number, unclipRatio: number) {
  const images = pages.map((p) => {
    const m = evaluateImage(p.gt, dbPostprocess(p.prob, p.h, p.w, { ...params, thresh, unclipRatio }).boxes, 'seed');
    return { index: p.index, name: p.name, cleval: m.cleval, iou: m.iou, loss: null };
  });
  return accuracyFromImages(images, 'seed');
}

describe('a thresh x unclip_ratio sweep', () => {
  const run = freshAccuracy(params.thresh, params.unclipRatio);
  const runHmean = headlineHmean(run)!.value;
  const s = summarizeSweep(swept, grid, 'seed', params, runHmean, 12.5);

  it('gives at each cell the figures of a fresh run at those values', () => {
    expect(s.cells.map((c) => [c.thresh, c.unclipRatio])).toEqual(grid.thresh.flatMap((t) => grid.unclipRatio.map((u) => [t, u])));
    for (const c of s.cells) {
      const fresh = freshAccuracy(c.thresh, c.unclipRatio);
      expect(c.hmean).toBe(headlineHmean(fresh)!.value);
      expect(c.cleval).toEqual({ precision: fresh.cleval!.precision, recall: fresh.cleval!.recall, hmean: fresh.cleval!.hmean });
      expect(c.iou).toEqual({ precision: fresh.iou!.precision, recall: fresh.iou!.recall, hmean: fresh.iou!.hmean });
    }
  });

  it("marks the best cell, its gain over the profile's setting, and that it was tuned on this data", () => {
    const top = Math.max(...s.cells.map((c) => c.hmean!));
    expect(s.best!.hmean).toBe(top);
    expect(s.gain).toBe(top - runHmean);
    expect(s.cells.find((c) => c.thresh === 0.3 && c.unclipRatio === 1.5)!.hmean).toBe(runHmean);
    expect(s).toMatchObject({ tunedOnEvaluationData: true, metric: 'CLEval H-mean (mean over images)', images: pages.length, boxThresh: 0.6, minSize: 3, msPerImage: 12.5 });
  });

  it("prefers the profile's own values among equal H-means", () => {
    const flat = swept.map((im) => ({ ...im, cells: im.cells.map(() => im.cells[4]) }));
    expect(summarizeSweep(flat, grid, 'seed', params, runHmean, null).best).toMatchObject({ thresh: 0.3, unclipRatio: 1.5 });
    expect(summarizeSweep(flat, grid, 'seed', { ...params, thresh: 0.9 }, runHmean, null).best).toMatchObject({ thresh: 0.2, unclipRatio: 1.2 });
  });
});
