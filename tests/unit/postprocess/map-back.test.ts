import { describe, expect, it } from 'vitest';
import { invertAffine, scaleTranslate } from '../../../src/core/numerics/mat3';
import { dbPostprocess } from '../../../src/core/postprocess/db-postprocess';
import { mapPoints } from '../../../src/core/postprocess/map-back';
import { DEFAULT_DB_PARAMS } from '../../../src/core/model/db-params';

describe('mapPoints', () => {
  it('rounds half to even without a transform (the reference identity)', () => {
    expect(mapPoints([0.5, 1.5, 2.5, -0.5], 2)).toEqual([[0, 2], [2, 0]]);
  });

  it('divides by the resize ratios, undoes the padding, rounds half to even and clips', () => {
    // Preprocessing scaled by 0.5 and shifted down by 10 (padding).
    const inverse = invertAffine(scaleTranslate(0.5, 0.5, 0, 10));
    const mapBack = { inverse, width: 100, height: 40 };
    expect(mapPoints([1.25, 10.75, 60, 40, -3, 5], 3, mapBack)).toEqual([[2, 2], [100, 40], [0, 0]]);
  });
});

describe('dbPostprocess', () => {
  it('finds nothing in an empty map', () => {
    const r = dbPostprocess(new Float32Array(64 * 32), 32, 64, DEFAULT_DB_PARAMS);
    expect(r).toEqual({ boxes: [], candidates: { sizes: [], xy: [], scores: [], sides: [], grownSides: [] }, detected: [], truncated: false, contours: 0 });
  });

  it('boxes a solid region and grows it by the unclip distance, then maps it back', () => {
    const w = 64, h = 32;
    const prob = new Float32Array(w * h);
    for (let y = 10; y <= 19; y++) for (let x = 10; x <= 49; x++) prob[y * w + x] = 0.9;
    const { boxes } = dbPostprocess(prob, h, w, DEFAULT_DB_PARAMS);
    expect(boxes).toHaveLength(1);
    expect(boxes[0].score).toBeCloseTo(0.9, 6);
    // Contour rectangle 39 x 9 from (10,10): distance = 351 * 1.5 / 96 = 5.48 -> 5 or 6 px out.
    const [tl, tr, br, bl] = boxes[0].points;
    expect(tl[0]).toBeLessThanOrEqual(5);
    expect(tr[0]).toBeGreaterThanOrEqual(54);
    expect(br[1]).toBeGreaterThanOrEqual(24);
    expect(bl[1]).toBe(br[1]);
    const mapped = dbPostprocess(prob, h, w, DEFAULT_DB_PARAMS, { inverse: scaleTranslate(2, 2), width: 100, height: 60 }).boxes[0].points;
    expect(mapped).toEqual(boxes[0].points.map(([x, y]) => [Math.min(2 * x, 100), Math.min(2 * y, 60)]));
  });

  it('drops a region whose mean probability is below box_thresh', () => {
    const w = 32, h = 32;
    const prob = new Float32Array(w * h);
    for (let y = 5; y < 15; y++) for (let x = 5; x < 25; x++) prob[y * w + x] = 0.5;
    expect(dbPostprocess(prob, h, w, { ...DEFAULT_DB_PARAMS, boxThresh: 0.6 }).boxes).toEqual([]);
    expect(dbPostprocess(prob, h, w, { ...DEFAULT_DB_PARAMS, boxThresh: 0.5 }).boxes).toHaveLength(1);
  });

  it('drops regions thinner than min_size', () => {
    const w = 32, h = 32;
    const prob = new Float32Array(w * h);
    for (let x = 5; x < 25; x++) prob[10 * w + x] = prob[11 * w + x] = 1;
    expect(dbPostprocess(prob, h, w, DEFAULT_DB_PARAMS).boxes).toEqual([]);
  });
});
