import { describe, expect, it } from 'vitest';
import { polygonArea } from '../../../src/core/geometry/polygon-area';
import { intersectionArea, regionIntersectionArea, subtractPolygons } from '../../../src/core/geometry/polygon-intersection';
import type { Polygon } from '../../../src/core/geometry/types';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
/** An L: the 10x10 square without its top-right 5x5 quarter (area 75). */
const ell: Polygon = [[0, 0], [5, 0], [5, 5], [10, 5], [10, 10], [0, 10]];

describe('polygon area and intersection', () => {
  it('area ignores vertex order', () => {
    expect(polygonArea(rect(0, 0, 4, 3))).toBe(12);
    expect(polygonArea([...rect(0, 0, 4, 3)].reverse())).toBe(12);
    expect(polygonArea(ell)).toBe(75);
  });

  it('convex pairs: overlap, containment, touching, apart', () => {
    expect(intersectionArea(rect(0, 0, 10, 10), rect(5, 5, 15, 15))).toBe(25);
    expect(intersectionArea(rect(0, 0, 10, 10), [...rect(2, 2, 4, 4)].reverse())).toBe(4);
    expect(intersectionArea(rect(0, 0, 10, 10), rect(10, 0, 20, 10))).toBe(0);
    expect(intersectionArea(rect(0, 0, 10, 10), rect(30, 30, 40, 40))).toBe(0);
    // A diamond of half-diagonal 5 centred on the square's corner: a quarter of its 50.
    expect(intersectionArea(rect(0, 0, 10, 10), [[10, 5], [15, 10], [10, 15], [5, 10]])).toBeCloseTo(12.5, 12);
  });

  it('two large convex outlines go through clipper, not the |a| x |b| clip (which took minutes at 330,000 points)', () => {
    const disc = (n: number, cx: number): Polygon => Array.from({ length: n }, (_, i) => [cx + 500 * Math.cos((2 * Math.PI * i) / n), 500 + 500 * Math.sin((2 * Math.PI * i) / n)]);
    const a = disc(100_000, 500), b = disc(100_000, 500);
    const t0 = performance.now();
    expect(intersectionArea(a, b) / polygonArea(a)).toBeCloseTo(1, 6);
    expect(performance.now() - t0).toBeLessThan(20_000);
    // A small convex pair is still clipped in double precision.
    expect(intersectionArea(disc(900, 500), rect(400, 400, 600, 600))).toBe(40_000);
  });

  it('non-convex polygons, either side', () => {
    expect(intersectionArea(ell, rect(0, 0, 10, 10))).toBe(75);
    expect(intersectionArea(rect(4, 4, 8, 8), ell)).toBe(16 - 3);
    // A mirrored L (strip y 0..2 plus column x 8..10): 5x2 of the strip, 2x5 of the column.
    expect(intersectionArea(ell, [[0, 0], [10, 0], [10, 10], [8, 10], [8, 2], [0, 2]])).toBe(10 + 10);
  });

  it('regions with holes, as a subtraction leaves them', () => {
    const framed = subtractPolygons([rect(0, 0, 10, 10)], [rect(3, 3, 7, 7)]);
    expect(regionIntersectionArea(framed, rect(0, 0, 10, 10))).toBe(84);
    expect(regionIntersectionArea(framed, rect(0, 0, 5, 5))).toBe(25 - 4);
  });
});
