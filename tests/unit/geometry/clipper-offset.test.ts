import { describe, expect, it } from 'vitest';
import { offsetPolygon } from '../../../src/core/geometry/clipper-offset';

const rect = new Int32Array([10, 10, 50, 10, 50, 30, 10, 30]);

describe('offsetPolygon (pyclipper JT_ROUND / ET_CLOSEDPOLYGON semantics)', () => {
  it('shrinks a rectangle to the inset rectangle, rounded to integers', () => {
    const [ring, ...rest] = offsetPolygon(rect, 4, -3);
    expect(rest).toEqual([]);
    const pts = [...ring].reduce<number[][]>((a, v, i) => (i % 2 ? a[a.length - 1].push(v) : a.push([v]), a), []);
    expect(pts.map((p) => p.join(',')).sort()).toEqual(['13,13', '13,27', '47,13', '47,27']);
  });

  it('dilates with round corners: the box grows by delta, corners are cut', () => {
    const [ring] = offsetPolygon(rect, 4, 3);
    const xs = ring.filter((_, i) => i % 2 === 0), ys = ring.filter((_, i) => i % 2 === 1);
    expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]).toEqual([7, 53, 7, 33]);
    expect(ring.length / 2).toBeGreaterThan(8); // arcs at the four corners
  });

  it('either vertex order gives the same result, and a vanishing shrink gives nothing', () => {
    const reversed = new Int32Array([10, 30, 50, 30, 50, 10, 10, 10]);
    expect(offsetPolygon(reversed, 4, 3)[0].length).toBe(offsetPolygon(rect, 4, 3)[0].length);
    expect(offsetPolygon(new Int32Array([0, 0, 40, 0, 40, 2, 0, 2]), 4, -1.5)).toEqual([]);
  });

  it('drops rings with fewer than 3 distinct vertices, repeats and closing copies removed', () => {
    expect(offsetPolygon(new Int32Array([1, 1, 5, 5, 1, 1]), 3, 2)).toEqual([]);
    const closed = new Int32Array([10, 10, 10, 10, 50, 10, 50, 30, 10, 30, 10, 10]);
    expect(offsetPolygon(closed, 6, 3)).toEqual(offsetPolygon(rect, 4, 3));
  });
});
