import { describe, expect, it } from 'vitest';
import { boxPoints, minAreaRect } from '../../../src/core/geometry/min-area-rect';
import { miniBox } from '../../../src/core/postprocess/mini-box';

const flat = (pts: number[][]) => pts.flat();

function cornerSet(xy: ArrayLike<number>): string[] {
  return Array.from({ length: 4 }, (_, i) => `${Math.round(xy[2 * i] * 1000) / 1000},${Math.round(xy[2 * i + 1] * 1000) / 1000}`).sort();
}

describe('minAreaRect', () => {
  it('fits an axis-aligned rectangle exactly', () => {
    const r = minAreaRect(flat([[1, 1], [1, 3], [6, 3], [6, 1], [3, 1], [1, 2]]), 6);
    expect([r.cx, r.cy]).toEqual([3.5, 2]);
    expect([Math.min(r.width, r.height), Math.max(r.width, r.height)]).toEqual([2, 5]);
  });

  it('fits a rotated rectangle (sides 10 and 5 along 3-4-5 directions)', () => {
    const pts = [[0, 0], [8, 6], [5, 10], [-3, 4], [4, 3], [1, 7]];
    const r = minAreaRect(flat(pts), pts.length);
    expect(r.width * r.height).toBeCloseTo(50, 4);
    expect(Math.min(r.width, r.height)).toBeCloseTo(5, 5);
    expect(cornerSet(boxPoints(r))).toEqual(cornerSet(flat(pts.slice(0, 4))));
  });

  it('ignores the notch of a concave shape (it works on the hull)', () => {
    const U = [[0, 0], [0, 4], [6, 4], [6, 0], [5, 0], [5, 3], [1, 3], [1, 0]];
    const r = minAreaRect(flat(U), U.length);
    expect(cornerSet(boxPoints(r))).toEqual(cornerSet(flat(U.slice(0, 4))));
  });

  it('gives zero size for one point and zero height for a segment', () => {
    expect(minAreaRect([5, 7], 1)).toMatchObject({ cx: 5, cy: 7, width: 0, height: 0 });
    const seg = minAreaRect([0, 0, 3, 4], 2);
    expect([seg.width, seg.height, seg.cx, seg.cy]).toEqual([5, 0, 1.5, 2]);
  });
});

describe('miniBox (get_mini_boxes)', () => {
  it('orders corners top-left, top-right, bottom-right, bottom-left', () => {
    const { corners, shortSide } = miniBox(flat([[10, 20], [10, 25], [40, 25], [40, 20]]), 4);
    expect(Array.from(corners)).toEqual([10, 20, 40, 20, 40, 25, 10, 25]);
    expect(shortSide).toBe(5);
  });

  it('orders a tilted box by x, then y within the left and right pairs', () => {
    const pts = [[0, 0], [8, 6], [5, 10], [-3, 4]];
    const { corners } = miniBox(flat(pts), 4);
    const c = Array.from(corners, (v) => Math.round(v));
    expect(c).toEqual([0, 0, 8, 6, 5, 10, -3, 4]);
  });
});
