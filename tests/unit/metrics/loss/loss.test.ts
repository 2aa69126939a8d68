import { describe, expect, it } from 'vitest';
import { averageLoss, dbLoss } from '../../../../src/core/metrics/loss';
import { sumTopK } from '../../../../src/core/metrics/loss/top-k';
import { makeGtMaps, gtMapParams } from '../../../../src/core/gt-maps/gt-maps';

const f32 = (xs: number[]) => new Float32Array(xs);
const ln = (x: number) => Math.log(Math.fround(x));
/** The BCE of a negative pixel predicted p is -log(1 - p), p being a float32. */
const lnNeg = (p: number) => Math.log(1 - Math.fround(p));
const EPS = 1e-6;

describe('DB loss', () => {
  const gtProb = f32([1, 0, 0, 0]);
  const maps = { prob: gtProb, thresh: f32([0.7, 0.3, 0.3, 0.3]) };

  it('balanced BCE, dice and total on a 1x4 map, by hand', () => {
    const pred = f32([0.8, 0.1, 0.6, 0.3]);
    const loss = dbLoss({ prob: pred }, { maps });
    // 1 positive, 3 negatives, all kept (3:1)
    const bce = -(ln(0.8) + lnNeg(0.1) + lnNeg(0.6) + lnNeg(0.3)) / (4 + EPS);
    const dice = 1 - (2 * Math.fround(0.8)) / (Math.fround(0.8) + Math.fround(0.1) + Math.fround(0.6) + Math.fround(0.3) + 1 + EPS);
    expect(loss.bce).toBeCloseTo(bce, 12);
    expect(loss.dice).toBeCloseTo(dice, 12);
    expect(loss.l1).toBeNull();
    expect(loss.total).toBeCloseTo(5 * bce + dice, 12);
  });

  it('keeps only the hardest negatives, three per positive', () => {
    const pred = f32([0.9, 0.5, 0.2, 0.1, 0.7, 0.05]);
    const loss = dbLoss({ prob: pred }, { maps: { prob: f32([1, 0, 0, 0, 0, 0]), thresh: new Float32Array(6) } });
    // negative losses -ln(1-p): p=.7 > p=.5 > p=.2 are the hardest three
    const bce = -(ln(0.9) + lnNeg(0.7) + lnNeg(0.5) + lnNeg(0.2)) / (4 + EPS);
    expect(loss.bce).toBeCloseTo(bce, 12);
  });

  it('ignores don\'t-care pixels in BCE and dice', () => {
    const pred = f32([0.8, 0.1, 0.6, 0.3]);
    const loss = dbLoss({ prob: pred }, { maps, ignore: new Uint8Array([0, 0, 1, 0]) });
    const bce = -(ln(0.8) + lnNeg(0.1) + lnNeg(0.3)) / (3 + EPS);
    const dice = 1 - (2 * Math.fround(0.8)) / (Math.fround(0.8) + Math.fround(0.1) + Math.fround(0.3) + 1 + EPS);
    expect(loss.bce).toBeCloseTo(bce, 12);
    expect(loss.dice).toBeCloseTo(dice, 12);
  });

  it('L1 on the threshold map counts only the dilated region, weighted 10', () => {
    const pred = { prob: f32([0.8, 0.1, 0.6, 0.3]), thresh: f32([0.5, 0.4, 0.3, 0.9]) };
    const loss = dbLoss(pred, { maps, threshMask: f32([1, 1, 0, 0]) });
    const l1 = (Math.abs(Math.fround(0.5) - Math.fround(0.7)) + Math.abs(Math.fround(0.4) - Math.fround(0.3))) / 2;
    expect(loss.l1).toBeCloseTo(l1, 12);
    expect(loss.total).toBeCloseTo(5 * loss.bce + loss.dice + 10 * l1, 12);
    expect(dbLoss(pred, { maps, threshMask: new Float32Array(4) }).l1).toBe(0);
    expect(() => dbLoss(pred, { maps })).toThrow(/threshMask/);
  });

  it('uses the binary map for dice when the model has one', () => {
    const loss = dbLoss({ prob: f32([0.8, 0.1, 0.6, 0.3]), binary: f32([1, 0, 0, 0]) }, { maps });
    expect(loss.dice).toBeCloseTo(1 - 2 / (2 + EPS), 12);
  });

  it('has no BCE without positives, and clamps log(0) at -100 as PyTorch does', () => {
    const none = dbLoss({ prob: f32([0.5, 0.5]) }, { maps: { prob: f32([0, 0]), thresh: f32([0, 0]) } });
    expect(none.bce).toBe(0);
    const sure = dbLoss({ prob: f32([0, 0]) }, { maps: { prob: f32([1, 0]), thresh: f32([0, 0]) } });
    expect(sure.bce).toBeCloseTo(100 / (2 + EPS), 9);
  });

  it('rejects a prediction of another size', () => {
    expect(() => dbLoss({ prob: f32([0.5]) }, { maps })).toThrow(RangeError);
  });

  it('averages each part, l1 over the images that have it', () => {
    const avg = averageLoss([
      { bce: 1, dice: 0.5, l1: null, total: 5.5 },
      { bce: 3, dice: 0.1, l1: 0.2, total: 17.1 },
    ]);
    expect(avg.bce).toBe(2);
    expect(avg.dice).toBeCloseTo(0.3, 12);
    expect(avg.l1).toBe(0.2);
    expect(avg.total).toBeCloseTo(11.3, 12);
  });
});

describe('sumTopK', () => {
  it('matches a full sort on random data, with ties, for every k', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const values = Float64Array.from({ length: 200 }, () => Math.round(rand() * 20) / 4);
    const sorted = [...values].sort((a, b) => b - a);
    for (let k = 0; k <= 201; k += 7) {
      const want = sorted.slice(0, k).reduce((s, v) => s + v, 0);
      expect(sumTopK(values, k)).toBeCloseTo(want, 9);
    }
    expect(sumTopK(values, 200)).toBeCloseTo(sorted.reduce((s, v) => s + v, 0), 9);
  });
});

describe("the GT maps' threshMask", () => {
  it('covers the dilated polygon, and every pixel the border map raised', () => {
    const params = gtMapParams(64, 64);
    const polys = [[[10, 10], [50, 10], [50, 30], [10, 30]] as [number, number][]];
    const { thresh, threshMask: mask } = makeGtMaps(params, polys);
    // D = 800 * 0.84 / 120 = 5.6: the dilated box is 4..56 x 4..36 (rounded ends)
    expect(mask[20 * 64 + 30]).toBe(1); // inside the polygon
    expect(mask[20 * 64 + 5]).toBe(1); // in the dilation, left of it
    expect(mask[20 * 64 + 57]).toBe(0);
    expect(mask[2 * 64 + 30]).toBe(0);
    expect(mask[4 * 64 + 4]).toBe(0); // the round corner leaves the box corner out
    const raised = thresh.filter((v, i) => v > Math.fround(0.3) && mask[i] === 0).length;
    expect(raised).toBe(0);
  });
});
