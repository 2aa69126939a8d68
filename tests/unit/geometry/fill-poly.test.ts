import { describe, expect, it } from 'vitest';
import { fillPoly } from '../../../src/core/geometry/fill-poly';

const count = (img: Float32Array) => img.reduce((s, v) => s + v, 0);

describe('fillPoly (cv2.fillPoly semantics)', () => {
  it('fills a rectangle including its boundary pixels', () => {
    const img = new Float32Array(10 * 10);
    fillPoly(img, 10, 10, [2, 2, 5, 2, 5, 4, 2, 4], 4, 1);
    expect(count(img)).toBe(4 * 3);
    expect(img[2 * 10 + 2]).toBe(1);
    expect(img[4 * 10 + 5]).toBe(1);
    expect(img[5 * 10 + 5]).toBe(0);
  });

  it('clips what lies outside the image', () => {
    const img = new Float32Array(8 * 8);
    fillPoly(img, 8, 8, [-5, -5, 3, -5, 3, 20, -5, 20], 4, 1);
    expect(count(img)).toBe(4 * 8); // columns 0..3, every row
  });

  it('draws a degenerate (flat) polygon as its outline', () => {
    const img = new Float32Array(8 * 8);
    fillPoly(img, 8, 8, [1, 3, 6, 3, 1, 3], 3, 1);
    expect(count(img)).toBe(6);
  });

  it('fills concave shapes by the even-odd scanline rule', () => {
    const img = new Float32Array(12 * 12);
    // a U: the notch (x 4..6, y 0..5) stays empty apart from its outline
    fillPoly(img, 12, 12, [1, 0, 3, 0, 3, 6, 7, 6, 7, 0, 9, 0, 9, 9, 1, 9], 8, 1);
    expect(img[2 * 12 + 5]).toBe(0);
    expect(img[8 * 12 + 5]).toBe(1);
    expect(img[2 * 12 + 2]).toBe(1);
  });
});
