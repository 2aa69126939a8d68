import { describe, expect, it } from 'vitest';
import { applyHomography } from '../../../../../scripts/lib/synthetic/homography';
import { receiptLayout } from '../../../../../scripts/lib/synthetic/receipt-layout';

describe('receiptLayout', () => {
  it('is a pure function of (seed, index)', () => {
    expect(receiptLayout(1, 3)).toEqual(receiptLayout(1, 3));
    expect(receiptLayout(1, 3)).not.toEqual(receiptLayout(2, 3));
    expect(receiptLayout(1, 3)).not.toEqual(receiptLayout(1, 4));
  });

  it('keeps sizes in range and the warped paper inside the image', () => {
    for (let i = 0; i < 200; i++) {
      const layout = receiptLayout(7, i);
      expect(layout.width).toBeGreaterThanOrEqual(480);
      expect(layout.width).toBeLessThanOrEqual(720);
      expect(layout.height).toBeGreaterThanOrEqual(800);
      expect(layout.height).toBeLessThanOrEqual(1280);
      const { width: pw, height: ph } = layout.paper;
      for (const corner of [[0, 0], [pw, 0], [pw, ph], [0, ph]] as const) {
        const [x, y] = applyHomography(layout.paperToImage, [corner[0], corner[1]]);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(layout.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(layout.height);
      }
    }
  });

  it('varies fonts, rotation and keystone across a dataset', () => {
    const layouts = Array.from({ length: 32 }, (_, i) => receiptLayout(1, i));
    const families = new Set(layouts.flatMap((l) => l.runs.map((r) => /"(.+)"/.exec(r.font)![1])));
    expect(families.size).toBeGreaterThanOrEqual(4);
    const tilts = layouts.map((l) => {
      const [a, b] = [applyHomography(l.paperToImage, [0, 0]), applyHomography(l.paperToImage, [l.paper.width, 0])];
      return Math.atan2(b[1] - a[1], b[0] - a[0]);
    });
    expect(tilts.some((t) => t > 0.01) && tilts.some((t) => t < -0.01)).toBe(true);
    expect(layouts.some((l) => Math.abs(l.paperToImage[6]) + Math.abs(l.paperToImage[7]) > 1e-6)).toBe(true);
  });

  it('writes plain transcriptions with no surrounding spaces', () => {
    for (const run of receiptLayout(1, 0).runs) {
      expect(run.text.length).toBeGreaterThan(0);
      expect(run.text.trim()).toBe(run.text);
    }
  });
});
