import { describe, expect, it } from 'vitest';
import type { Polygon } from '../../../../../src/core/geometry/types';
import { chooseClevalMode, defaultClevalMode } from '../../../../../src/core/metrics/cleval/mode';
import { clevalOriginalImage } from '../../../../../src/core/metrics/cleval/original/cleval-original-image';
import { originalPseudoCharCentres } from '../../../../../src/core/metrics/cleval/original/pseudo-chars';
import { originalAspectRatio, originalFalsePositiveChars, originalPseudoLength } from '../../../../../src/core/metrics/cleval/original/pseudo-length';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const length = (p: Polygon) => originalPseudoLength(originalAspectRatio(p).aspect);
const fp = (p: Polygon) => originalFalsePositiveChars(originalAspectRatio(p).aspect);

describe('receipt variant rules, by hand', () => {
  it('pseudo length: ceil of the side ratio, the ratio itself when integer, cap 100', () => {
    expect([rect(0, 0, 60, 20), rect(0, 0, 50, 20), rect(0, 0, 230, 20), rect(0, 0, 10, 20), rect(0, 0, 3000, 10)].map(length))
      .toEqual([3, 3, 12, 2, 100]);
  });

  it('false-positive characters: about w / h for a wide box, 1 for a tall or square one, 100 when degenerate', () => {
    expect([rect(0, 0, 60, 20), rect(0, 0, 60, 180), rect(0, 0, 50, 50), rect(0, 0, 420, 4), rect(0, 5, 80, 5)].map(fp))
      .toEqual([3, 1, 1, 100, 100]);
    expect(originalAspectRatio(rect(0, 5, 80, 5)).degenerate).toBe(true);
  });

  it('centres come from int()-truncated edge points (toward zero, also below 0)', () => {
    // 107 px / 4: edge points 100, 126, 153, 180, 207 -> centres 113, 139.5, 166.5, 193.5.
    expect([...originalPseudoCharCentres(rect(100, 100, 207, 130), 4)].filter((_, i) => i % 2 === 0)).toEqual([113, 139.5, 166.5, 193.5]);
    // -50 + 26.75k = -23.25, 3.5, 30.25 -> -23, 3, 30.
    expect([...originalPseudoCharCentres(rect(-50, 200, 57, 230), 4)].filter((_, i) => i % 2 === 0)).toEqual([-36.5, -10, 16.5, 43.5]);
  });

  it('no vertical rule: a tall word reads across, from the p0/p3 side to the p1/p2 side', () => {
    const c = originalPseudoCharCentres(rect(0, 0, 40, 300), 8);
    expect(new Set([...c].filter((_, i) => i % 2 === 1))).toEqual(new Set([150]));
  });

  it('an image without GT scores 0 and its detections count as false characters', () => {
    const r = clevalOriginalImage([], [{ points: rect(0, 0, 60, 20) }]);
    expect(r.float32).toEqual({ recall: 0, precision: 0, hmean: 0 });
    expect(r.counts.numCharFp).toBe(3);
  });

  it("GT is rounded half to even; ### boxes are dropped", () => {
    const r = clevalOriginalImage(
      [{ points: rect(0.5, 0, 60.5, 20), text: '', dontCare: false }, { points: rect(100, 0, 200, 20), text: '###', dontCare: true }],
      [{ points: rect(0, 0, 60, 20) }],
    );
    expect([r.recall, r.precision, r.gtChars]).toEqual([1, 1, [3, 0]]);
  });
});

describe('mode choice', () => {
  it('official with transcriptions, the receipt variant without', () => {
    const box = rect(0, 0, 10, 10);
    expect(defaultClevalMode([[{ points: box, text: '', dontCare: false }], []])).toBe('seed');
    expect(defaultClevalMode([[{ points: box, text: '###', dontCare: true }]])).toBe('seed');
    expect(defaultClevalMode([[], [{ points: box, text: 'A', dontCare: false }]])).toBe('official');
  });

  it('says why, for the CLI\'s auto line', () => {
    const box = rect(0, 0, 10, 10);
    expect(chooseClevalMode([[{ points: box, dontCare: false }, { points: box, text: '###', dontCare: true }], []]).reason).toBe(
      "none of the 2 GT regions has a transcription: character counts come from the receipt project's pseudo lengths",
    );
    expect(chooseClevalMode([[{ points: box, text: 'A', dontCare: false }]]).reason).toContain('has transcriptions');
  });
});
