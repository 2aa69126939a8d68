import { describe, expect, it } from 'vitest';
import { intersectionArea } from '../../../src/core/geometry/polygon-intersection';
import { polygonArea } from '../../../src/core/geometry/polygon-area';
import type { Polygon } from '../../../src/core/geometry/types';
import { binarizePadded, dbPostprocess } from '../../../src/core/postprocess/db-postprocess';
import { DEFAULT_DB_PARAMS, type DbParams } from '../../../src/core/model/db-params';
import { NAMES, loadExpected, loadProb } from './fixtures';

function iou(a: Polygon, b: Polygon): number {
  const inter = intersectionArea(a, b);
  return inter / (polygonArea(a) + polygonArea(b) - inter);
}

/** Same vertices in the same cyclic order (Clipper may start a ring one vertex later). */
function sameRing(a: Polygon, b: Polygon): boolean {
  if (a.length !== b.length) return false;
  const key = (p: Polygon, s: number) => p.map((_, i) => p[(i + s) % p.length].join(',')).join(' ');
  const target = key(b, 0);
  return a.some((_, s) => key(a, s) === target);
}

describe.each(NAMES)('DB post-processing parity: %s', (name) => {
  const expected = loadExpected(name);
  const prob = loadProb(name);
  const { height: h, width: w } = expected;

  describe.each(expected.settings)('setting $id', (setting) => {
    const base: DbParams = {
      ...DEFAULT_DB_PARAMS,
      thresh: setting.params.thresh,
      boxThresh: setting.params.box_thresh,
      maxCandidates: setting.params.max_candidates,
      minSize: setting.params.min_size,
    };

    it('binarizes and traces as many contours as the reference', () => {
      const positives = binarizePadded(prob, h, w, base.thresh).reduce((s, v) => s + v, 0);
      expect(positives).toBe(setting.bitmap_positive_pixels);
      const result = dbPostprocess(prob, h, w, { ...base, mode: 'box' });
      expect(result.contours).toBe(setting.num_contours);
      expect(result.truncated).toBe(false);
    });

    it.each([
      ['box', 'boxes_from_bitmap'],
      ['poly', 'polygons_from_bitmap'],
    ] as const)('%s mode matches %s', (mode, key) => {
      const ref = setting[key];
      const refPolys = (ref.boxes ?? ref.polygons)!;
      const got = dbPostprocess(prob, h, w, { ...base, mode, unclipRatio: ref.unclip_ratio }).boxes;
      expect(got.length).toBe(ref.count);

      // One-to-one matching by IoU, then the same scores; and the exact vertices.
      const used = new Set<number>();
      let exact = 0;
      refPolys.forEach((refPoly, i) => {
        let best = -1;
        let bestIou = 0;
        got.forEach((g, j) => {
          if (used.has(j)) return;
          const v = iou(g.points, refPoly as Polygon);
          if (v > bestIou) [best, bestIou] = [j, v];
        });
        expect(bestIou, `reference #${i}`).toBeGreaterThanOrEqual(0.95);
        used.add(best);
        expect(Math.abs(got[best].score - ref.scores[i])).toBeLessThanOrEqual(1e-3);
        if (sameRing(got[best].points, refPoly as Polygon)) exact++;
      });
      expect(exact).toBe(ref.count);
    });
  });
});

describe('max_candidates', () => {
  it('keeps the first contours and says it truncated', () => {
    const name = 'receipt_tall';
    const e = loadExpected(name);
    const prob = loadProb(name);
    const params = { ...DEFAULT_DB_PARAMS, boxThresh: 0.6 };
    const full = dbPostprocess(prob, e.height, e.width, params);
    const capped = dbPostprocess(prob, e.height, e.width, { ...params, maxCandidates: 10 });
    expect(capped.truncated).toBe(true);
    expect(full.truncated).toBe(false);
    expect(capped.boxes.length).toBeLessThan(full.boxes.length);
    expect(capped.boxes).toEqual(full.boxes.slice(0, capped.boxes.length));
  });
});
