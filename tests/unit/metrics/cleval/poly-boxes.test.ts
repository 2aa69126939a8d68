import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Point, Polygon } from '../../../../src/core/geometry/types';
import { clevalImage } from '../../../../src/core/metrics/cleval/cleval-image';
import { boxAspectRatio } from '../../../../src/core/metrics/cleval/pseudo-chars';
import { parseDetLines, parseGtLines, readZip, REF } from './fixtures';

/**
 * A quad as a 6-point POLY: midpoints added to its top and bottom edges. Vertical quads
 * stay quads: the vertical rule is a QUAD rule, curved boxes follow their top edge.
 */
function subdivide(quad: Polygon): Polygon {
  if (boxAspectRatio(quad) < 0.5) return quad;
  const [p0, p1, p2, p3] = quad;
  const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  return [p0, mid(p0, p1), p1, p2, mid(p2, p3), p3];
}

describe('POLY boxes', () => {
  for (const pair of ['basic', 'granularity', 'overlap', 'dontcare', 'rotated']) {
    it(`${pair}: quads as 6-point polygons give the QUAD counts`, () => {
      const gts = readZip(join(REF, 'cleval', `gt_${pair}.zip`));
      const res = readZip(join(REF, 'cleval', `res_${pair}.zip`));
      for (const id of gts.keys()) {
        const gt = parseGtLines(gts.get(id)!);
        const det = parseDetLines(res.get(id));
        const quad = clevalImage(gt, det);
        const poly = clevalImage(
          gt.map((g) => ({ ...g, points: subdivide(g.points) })),
          det.map((d) => ({ points: subdivide(d.points) })),
        );
        expect(poly.counts, `${pair}/${id}`).toEqual(quad.counts);
      }
    });
  }

  it('a 4-point POLY is a QUAD: same centres, the vertical rule included', () => {
    const tall: Polygon = [[0, 0], [20, 0], [20, 100], [0, 100]];
    const r = clevalImage([{ points: tall, text: 'ABCDE', dontCare: false }], [{ points: [[0, 0], [20, 0], [20, 50], [0, 50]] }]);
    // Read top to bottom: centres at y = 10, 30, 50, 70, 90; the detection holds y = 10 and 30.
    expect(r.counts.numCharTpRecall).toBe(2);
  });
});

describe('degenerate boxes do not throw', () => {
  it('a 2-point box puts its characters at its middle', () => {
    const r = clevalImage([{ points: [[0, 0], [10, 10]], text: 'AB', dontCare: false }], [{ points: [[0, 0], [20, 0], [20, 20], [0, 20]] }]);
    expect(r.counts.numCharGt).toBe(2);
  });
});
