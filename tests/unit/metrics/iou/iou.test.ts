import { describe, expect, it } from 'vitest';
import type { Polygon } from '../../../../src/core/geometry/types';
import { evaluateIouImage } from '../../../../src/core/metrics/iou/iou-image';
import { addIouTotals, emptyIouTotals, iouScores } from '../../../../src/core/metrics/iou/iou-totals';
import { Rng } from '../../../../src/core/numerics/prng';
import { isSimplePolygon, nonAdjacentEdgesMeet } from '../../../../src/core/geometry/simple-polygon';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const care = (points: Polygon) => ({ points, dontCare: false });
const dontCare = (points: Polygon) => ({ points, dontCare: true });
const det = (points: Polygon) => ({ points });
const counts = ({ gtCare, detCare, matched, recall, precision, hmean }: ReturnType<typeof evaluateIouImage>) => ({ gtCare, detCare, matched, recall, precision, hmean });

describe('ICDAR 2015 IoU, one image', () => {
  it('matches an exact overlap', () => {
    const result = evaluateIouImage([care(rect(0, 0, 10, 10))], [det(rect(0, 0, 10, 10))]);
    expect(counts(result)).toEqual({ gtCare: 1, detCare: 1, matched: 1, recall: 1, precision: 1, hmean: 1 });
    expect(result.pairs).toEqual([{ gt: 0, det: 0, iou: 1 }]);
  });

  it('matches only above IoU 0.5', () => {
    // 100-px GT; detections covering half of it (IoU 50/100), a third (50/150), and 52/100
    expect(evaluateIouImage([care(rect(0, 0, 10, 10))], [det(rect(0, 0, 10, 5))]).matched).toBe(0);
    expect(evaluateIouImage([care(rect(0, 0, 10, 10))], [det(rect(5, 0, 15, 10))]).matched).toBe(0);
    const above = evaluateIouImage([care(rect(0, 0, 10, 10))], [det(rect(0, 0, 10, 5.2))]);
    expect(above.pairs[0].iou).toBeCloseTo(0.52, 12);
    expect(counts(above)).toMatchObject({ matched: 1, recall: 1, precision: 1 });
  });

  it('measures IoU of a rotated box and of a non-convex GT', () => {
    // diamond |x-5|+|y-5| <= 7 (area 98) on the 10x10 square: four corner triangles of 4.5 fall outside
    const diamond: Polygon = [[5, -2], [12, 5], [5, 12], [-2, 5]];
    expect(evaluateIouImage([care(rect(0, 0, 10, 10))], [det(diamond)]).pairs[0].iou).toBeCloseTo(82 / 116, 12);
    // L shape of area 64 holding a 10x4 detection: IoU 40/64
    const ell: Polygon = [[0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10]];
    expect(evaluateIouImage([care(ell)], [det(rect(0, 0, 10, 4))]).pairs[0].iou).toBeCloseTo(40 / 64, 12);
  });

  it('ignores detections lying mostly on a don\'t-care region', () => {
    const gt = [dontCare(rect(0, 0, 100, 20)), care(rect(0, 50, 40, 60))];
    const dets = [
      det(rect(10, 0, 30, 10)), // inside the don't-care: ignored
      det(rect(90, 0, 130, 10)), // 100 of 400 px on it: a false positive
      det(rect(0, 50, 40, 60)), // matches the care GT
      det(rect(80, 0, 120, 10)), // exactly half on it: not ignored (strictly above 0.5)
    ];
    const result = evaluateIouImage(gt, dets);
    expect(counts(result)).toEqual({ gtCare: 1, detCare: 3, matched: 1, recall: 1, precision: 1 / 3, hmean: 0.5 });
    expect(result.ignoredDet).toEqual([0]);
    expect(result.falseDet).toEqual([1, 3]);
    expect(result.pairs).toEqual([{ gt: 1, det: 2, iou: 1 }]);
  });

  it('gives an image without GT full recall, and precision 1 only without detections', () => {
    expect(counts(evaluateIouImage([], []))).toEqual({ gtCare: 0, detCare: 0, matched: 0, recall: 1, precision: 1, hmean: 1 });
    expect(counts(evaluateIouImage([dontCare(rect(0, 0, 9, 9))], [det(rect(50, 50, 60, 60))]))).toEqual({ gtCare: 0, detCare: 1, matched: 0, recall: 1, precision: 0, hmean: 0 });
  });

  it('scores an image without detections 0', () => {
    const result = evaluateIouImage([care(rect(0, 0, 10, 10)), care(rect(20, 0, 30, 10))], []);
    expect(counts(result)).toEqual({ gtCare: 2, detCare: 0, matched: 0, recall: 0, precision: 0, hmean: 0 });
    expect(result.missedGt).toEqual([0, 1]);
  });

  it('gives a GT the first free detection above the threshold, not the best one', () => {
    // det 0: IoU 90/110; det 1: IoU 1. The reference takes det 0 and leaves det 1 unmatched.
    const result = evaluateIouImage([care(rect(0, 0, 10, 10))], [det(rect(1, 0, 11, 10)), det(rect(0, 0, 10, 10))]);
    expect(result.pairs).toEqual([{ gt: 0, det: 0, iou: 90 / 110 }]);
    expect(counts(result)).toEqual({ gtCare: 1, detCare: 2, matched: 1, recall: 1, precision: 0.5, hmean: 2 / 3 });
    expect(result.falseDet).toEqual([1]);
  });

  it('matches GT in order, one detection each', () => {
    // both GTs overlap the single detection above 0.5; the first GT takes it
    const result = evaluateIouImage([care(rect(0, 0, 10, 10)), care(rect(1, 0, 11, 10))], [det(rect(1, 0, 11, 10))]);
    expect(result.pairs.map((p) => [p.gt, p.det])).toEqual([[0, 0]]);
    expect(result.missedGt).toEqual([1]);
    expect(counts(result)).toMatchObject({ recall: 0.5, precision: 1 });
  });

  it('drops self-crossing polygons as the reference does', () => {
    const bowtie: Polygon = [[0, 0], [10, 10], [10, 0], [0, 10]];
    const result = evaluateIouImage([care(rect(0, 0, 10, 10)), care(bowtie)], [det(bowtie), det(rect(0, 0, 10, 10))]);
    expect(result.invalidGt).toEqual([1]);
    expect(result.invalidDet).toEqual([0]);
    expect(counts(result)).toEqual({ gtCare: 1, detCare: 1, matched: 1, recall: 1, precision: 1, hmean: 1 });
  });
});

describe('ICDAR 2015 IoU totals', () => {
  it('sums counts over images and scores the sums', () => {
    const images = [
      evaluateIouImage([care(rect(0, 0, 10, 10))], [det(rect(0, 0, 10, 10))]),
      evaluateIouImage([care(rect(0, 0, 10, 10))], []),
      evaluateIouImage([], [det(rect(0, 0, 10, 10))]),
    ];
    const totals = images.reduce(addIouTotals, emptyIouTotals());
    expect(totals).toEqual({ gtCare: 2, detCare: 2, matched: 1 });
    expect(iouScores(totals)).toEqual({ recall: 0.5, precision: 0.5, hmean: 0.5 });
  });

  it('merges shards to the same totals as one pass', () => {
    const a = { gtCare: 3, detCare: 4, matched: 2 };
    const b = { gtCare: 5, detCare: 2, matched: 2 };
    expect(iouScores(addIouTotals(a, b))).toEqual({ recall: 0.5, precision: 4 / 6, hmean: (2 * 0.5 * (4 / 6)) / (0.5 + 4 / 6) });
  });

  it('scores 0 over empty denominators, as combine_results does', () => {
    expect(iouScores(emptyIouTotals())).toEqual({ recall: 0, precision: 0, hmean: 0 });
  });
});

describe('isSimplePolygon', () => {
  it.each<[string, Polygon, boolean]>([
    ['a square', rect(0, 0, 4, 4), true],
    ['a square given clockwise', [[0, 0], [0, 4], [4, 4], [4, 0]], true],
    ['a repeated vertex', [[0, 0], [4, 0], [4, 0], [4, 4], [0, 4], [0, 0]], true],
    ['a straight run through a vertex', [[0, 0], [2, 0], [4, 0], [4, 4], [0, 4]], true],
    ['a bowtie', [[0, 0], [4, 4], [4, 0], [0, 4]], false],
    ['a spike running back along an edge', [[0, 0], [4, 0], [6, 0], [4, 0], [4, 4], [0, 4]], false],
    ['two squares touching at a corner', [[0, 0], [2, 0], [2, 2], [4, 2], [4, 4], [2, 4], [2, 2], [0, 2]], false],
    ['two points', [[0, 0], [4, 4]], false],
    ['collinear points', [[0, 0], [2, 2], [4, 4]], false],
    ['a NaN vertex', [[0, 0], [4, NaN], [4, 4]], false],
  ])('%s: %s', (_, polygon, simple) => {
    expect(isSimplePolygon(polygon)).toBe(simple);
  });
});

describe('the self-intersection sweep', () => {
  /** Vertices on a small integer grid: collinear runs, touching vertices and shared points are common. */
  function ring(rng: Rng, n: number, starShaped: boolean): Polygon {
    const points: Polygon = Array.from({ length: n }, () => [rng.int(0, 8), rng.int(0, 8)]);
    if (starShaped) points.sort((a, b) => Math.atan2(a[1] - 4, a[0] - 4) - Math.atan2(b[1] - 4, b[0] - 4));
    return points.filter((p, i) => p[0] !== points[(i + 1) % n][0] || p[1] !== points[(i + 1) % n][1]);
  }

  it('gives the all-pairs answer on 4,000 degenerate rings, simple and not', () => {
    const rng = new Rng(12);
    const answers = { true: 0, false: 0 };
    for (let k = 0; k < 4000; k++) {
      const r = ring(rng, rng.int(4, 40), rng.chance(0.7));
      if (r.length < 3) continue;
      const allPairs = nonAdjacentEdgesMeet(r, Infinity);
      expect(nonAdjacentEdgesMeet(r, 0), JSON.stringify(r)).toBe(allPairs);
      answers[`${allPairs}`]++;
    }
    expect(Math.min(answers.true, answers.false)).toBeGreaterThan(300);
  });

  it('checks a 330,000-point outline, and one with two vertices swapped, in seconds (all pairs took minutes)', () => {
    const circle: Polygon = Array.from({ length: 330_000 }, (_, i) => [1000 + 900 * Math.cos((2 * Math.PI * i) / 330_000), 1000 + 900 * Math.sin((2 * Math.PI * i) / 330_000)]);
    const t0 = performance.now();
    expect(isSimplePolygon(circle)).toBe(true);
    const crossed = [...circle];
    [crossed[1000], crossed[200_000]] = [crossed[200_000], crossed[1000]];
    expect(isSimplePolygon(crossed)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
