import { describe, expect, it } from 'vitest';
import type { Polygon } from '../../../../src/core/geometry/types';
import { accumulateCleval, mergeClevalTotals } from '../../../../src/core/metrics/cleval/accumulate';
import { clevalImage } from '../../../../src/core/metrics/cleval/cleval-image';
import type { ClevalGtBox } from '../../../../src/core/metrics/cleval/types';

/** Axis-aligned box, clockwise from the top-left (y down). */
const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const word = (text: string, points: Polygon): ClevalGtBox => ({ points, text, dontCare: text === '###' });

// Every case: words 20 px high; a word of n characters over w px has its centres at w/n steps.
describe('official CLEval, hand-computed cases', () => {
  it('one-to-one: identical box, every character found', () => {
    const r = clevalImage([word('ABCDE', rect(0, 0, 100, 20))], [{ points: rect(0, 0, 100, 20) }]);
    expect([r.recall, r.precision, r.hmean]).toEqual([1, 1, 1]);
    expect(r.matches).toEqual([{ relation: 'one-to-one', gt: [0], det: [0] }]);
    expect(r.counts).toMatchObject({ numCharGt: 5, numCharDet: 5, numCharTpRecall: 5, numCharFp: 0 });
  });

  it('split: centre x=50 on the shared edge goes to the right piece; recall pays 1 character', () => {
    // Centres at x = 10, 30, 50, 70, 90: left piece holds 2, right piece 3.
    const r = clevalImage([word('ABCDE', rect(0, 0, 100, 20))], [{ points: rect(0, 0, 50, 20) }, { points: rect(50, 0, 100, 20) }]);
    expect(r.matches).toEqual([{ relation: 'one-to-many', gt: [0], det: [0, 1] }]);
    expect(r.counts).toMatchObject({ numCharTpRecall: 5, granScoreRecall: 1, granScorePrecision: 0, numCharDet: 5, numSplitted: 1 });
    expect(r.recall).toBe(4 / 5);
    expect(r.precision).toBe(1);
    expect(r.hmean).toBeCloseTo((2 * 0.8) / 1.8, 15);
  });

  it('merge: one detection over two words; precision pays 1 character', () => {
    // Each word covers 800 of the detection's 1800 px²: 0.44 area precision each.
    const r = clevalImage([word('AB', rect(0, 0, 40, 20)), word('CD', rect(50, 0, 90, 20))], [{ points: rect(0, 0, 90, 20) }]);
    expect(r.matches).toEqual([{ relation: 'many-to-one', gt: [0, 1], det: [0] }]);
    expect(r.counts).toMatchObject({ numCharGt: 4, numCharDet: 4, numCharTpPrecision: 4, granScorePrecision: 1, numMerged: 1 });
    expect([r.recall, r.precision]).toEqual([1, 0.75]);
    expect(r.hmean).toBeCloseTo(1.5 / 1.75, 15);
  });

  it('partial: half a word detected', () => {
    const r = clevalImage([word('ABCD', rect(0, 0, 80, 20))], [{ points: rect(0, 0, 40, 20) }]);
    expect([r.recall, r.precision]).toEqual([0.5, 1]);
    expect(r.hmean).toBeCloseTo(2 / 3, 15);
    expect([r.matchedGt, r.matchedDet]).toEqual([[0], [0]]);
  });

  it("don't care: a detection inside ### is ignored, the word beside it still counts", () => {
    const r = clevalImage(
      [word('###', rect(0, 0, 100, 20)), word('AB', rect(200, 0, 240, 20))],
      [{ points: rect(10, 0, 90, 20) }, { points: rect(200, 0, 240, 20) }],
    );
    expect([r.dontCareGt, r.dontCareDet, r.matchedDet, r.unmatchedDet]).toEqual([[0], [0], [1], []]);
    expect(r.counts).toMatchObject({ numCharGt: 2, numCharDet: 2, numCharFp: 0 });
    expect([r.recall, r.precision, r.hmean]).toEqual([1, 1, 1]);
  });

  it('empty GT: a wide detection counts 1 false character, a tall one about h / w', () => {
    // aspect (w + 1e-5) / (h + 1e-5): 5 -> round(0.5 + 1/5) = 1; 0.2 -> round(0.5 + 4.9998) = 5
    const r = clevalImage([], [{ points: rect(0, 0, 100, 20) }, { points: rect(200, 0, 220, 100) }]);
    expect(r.fpChars).toEqual({ 0: 1, 1: 5 });
    expect(r.counts).toMatchObject({ numCharGt: 0, numCharDet: 6, numCharFp: 6 });
    expect([r.recall, r.precision, r.hmean]).toEqual([0, 0, 0]);
    expect(r.unmatchedDet).toEqual([0, 1]);
  });

  it('empty predictions: every character missed, nothing to be precise about', () => {
    const r = clevalImage([word('ABC', rect(0, 0, 60, 20))], []);
    expect(r.counts).toMatchObject({ numCharGt: 3, numCharDet: 0 });
    expect([r.recall, r.precision, r.hmean, r.unmatchedGt]).toEqual([0, 0, 0, [0]]);
  });

  it('accumulates counts, not per-image scores, and merges shards the same way', () => {
    const a = clevalImage([word('ABCD', rect(0, 0, 80, 20))], [{ points: rect(0, 0, 40, 20) }]);
    const b = clevalImage([word('ABC', rect(0, 0, 60, 20))], []);
    const total = accumulateCleval([a, b]);
    expect(total.counts.numCharGt).toBe(7);
    expect(total.recall).toBe(2 / 7);
    expect(mergeClevalTotals(accumulateCleval([a]), accumulateCleval([b]))).toEqual(total);
  });

  it('case folding can change the character count (ß -> SS)', () => {
    const gt = [word('Straße', rect(0, 0, 120, 20))];
    expect(clevalImage(gt, []).counts.numCharGt).toBe(6);
    expect(clevalImage(gt, [], { caseSensitive: false }).counts.numCharGt).toBe(7);
  });
});
