import { describe, expect, it } from 'vitest';
import { approxPolyDP } from '../../../src/core/geometry/douglas-peucker';
import { polygonArea } from '../../../src/core/geometry/polygon-area';
import type { Point } from '../../../src/core/geometry/types';
import { unclip } from '../../../src/core/geometry/unclip';
import { boxScoreFast } from '../../../src/core/postprocess/box-score';

const ring = (xy: Int32Array) => Array.from({ length: xy.length / 2 }, (_, i) => [xy[2 * i], xy[2 * i + 1]] as Point);

describe('unclip', () => {
  it('grows a square by area * ratio / perimeter with round corners', () => {
    // 10 x 10: distance = 100 * 1.5 / 40 = 3.75
    const out = unclip([0, 0, 10, 0, 10, 10, 0, 10], 4, 1.5)!;
    const pts = ring(out);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]).toEqual([-4, 14, -4, 14]);
    // More than the exact rounded offset (square + sides x d + a disc of radius d), as
    // vertices round outwards to integers; less than the 18 x 18 square without arcs.
    expect(polygonArea(pts)).toBeGreaterThan(100 + 40 * 3.75 + Math.PI * 3.75 ** 2);
    expect(polygonArea(pts)).toBeLessThan(18 * 18);
    expect(pts.length).toBeGreaterThan(8); // the corners are arcs, not single points
  });

  it('offsets from the vertices truncated toward zero, distance from the float ones', () => {
    const a = unclip([0.9, 0.9, 10.9, 0.9, 10.9, 10.9, 0.9, 10.9], 4, 1.5)!;
    const b = unclip([0, 0, 10, 0, 10, 10, 0, 10], 4, 1.5)!;
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('grows a concave polygon without holes', () => {
    const U = [0, 0, 30, 0, 30, 20, 20, 20, 20, 8, 10, 8, 10, 20, 0, 20];
    const out = ring(unclip(U, 8, 1.5)!);
    expect(polygonArea(out)).toBeGreaterThan(30 * 20 - 10 * 12);
  });

  it('returns null for a degenerate polygon', () => {
    expect(unclip([0, 0, 5, 0, 10, 0], 3, 1.5)).toBeNull();
    expect(unclip([3, 3], 1, 1.5)).toBeNull();
  });
});

describe('approxPolyDP', () => {
  it('drops collinear points of a rectangle contour', () => {
    const contour = [0, 0, 0, 5, 0, 10, 10, 10, 20, 10, 20, 0, 10, 0];
    const out = Array.from(approxPolyDP(contour, 7, 0.5));
    expect(out.length).toBe(8);
    const corners = new Set(ring(Int32Array.from(out)).map((p) => p.join(',')));
    expect(corners).toEqual(new Set(['0,0', '0,10', '20,10', '20,0']));
  });

  it('keeps a point further than epsilon from the chord', () => {
    const contour = [0, 0, 0, 10, 10, 10, 10, 0, 5, 2];
    expect(approxPolyDP(contour, 5, 1).length / 2).toBe(5);
    expect(approxPolyDP(contour, 5, 3).length / 2).toBe(4);
  });
});

describe('boxScoreFast', () => {
  it('averages the probability inside the filled polygon, edges included', () => {
    const w = 8;
    const h = 6;
    const prob = new Float32Array(w * h);
    for (let y = 1; y <= 3; y++) for (let x = 2; x <= 5; x++) prob[y * w + x] = 1;
    prob[0] = 1; // outside the box: must not count
    expect(boxScoreFast(prob, w, h, [2, 1, 5, 1, 5, 3, 2, 3], 4)).toBe(1);
    // A box one pixel larger on every side: 12 ones among 6 x 5 pixels.
    expect(boxScoreFast(prob, w, h, [1, 0, 6, 0, 6, 4, 1, 4], 4)).toBeCloseTo(12 / 30, 12);
  });

  it('clips the box to the map', () => {
    const prob = new Float32Array(16).fill(0.5);
    expect(boxScoreFast(prob, 4, 4, [-3.5, -2, 9, -2, 9, 9, -3.5, 9], 4)).toBe(0.5);
  });
});
