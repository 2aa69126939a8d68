import { describe, expect, it } from 'vitest';
import type { Point } from '../../../../../src/core/geometry/types';
import { applyHomography, fitHomography, invertHomography } from '../../../../../scripts/lib/synthetic/homography';
import { Rng } from '../../../../../src/core/numerics/prng';

const square: Point[] = [[0, 0], [300, 0], [300, 500], [0, 500]];

describe('homography', () => {
  it('maps the four corners exactly onto a keystoned quad, and back', () => {
    const rng = new Rng(11);
    for (let t = 0; t < 50; t++) {
      const quad = square.map(([x, y]): Point => [x + 40 + rng.range(-30, 30), y + 60 + rng.range(-30, 30)]);
      const h = fitHomography(square, quad);
      const inv = invertHomography(h);
      square.forEach((p, i) => {
        const q = applyHomography(h, p);
        expect(q[0]).toBeCloseTo(quad[i][0], 9);
        expect(q[1]).toBeCloseTo(quad[i][1], 9);
        const back = applyHomography(inv, q);
        expect(back[0]).toBeCloseTo(p[0], 9);
        expect(back[1]).toBeCloseTo(p[1], 9);
      });
    }
  });

  it('is affine (no projective row) for a rotation plus translation', () => {
    const a = 0.1;
    const rotated = square.map(([x, y]): Point => [x * Math.cos(a) - y * Math.sin(a) + 5, x * Math.sin(a) + y * Math.cos(a) + 7]);
    const h = fitHomography(square, rotated);
    expect(h[6]).toBeCloseTo(0, 12);
    expect(h[7]).toBeCloseTo(0, 12);
    expect(h[0]).toBeCloseTo(Math.cos(a), 12);
    const mid = applyHomography(h, [150, 250]);
    expect(mid[0]).toBeCloseTo(150 * Math.cos(a) - 250 * Math.sin(a) + 5, 9);
  });

  it('refuses corners of which three are collinear', () => {
    expect(() => fitHomography([[0, 0], [1, 0], [2, 0], [0, 1]], square)).toThrow(/degenerate/);
  });
});
