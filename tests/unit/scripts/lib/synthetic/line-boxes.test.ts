import { describe, expect, it } from 'vitest';
import { linePolygon, placeRuns } from '../../../../../scripts/lib/synthetic/line-boxes';
import { receiptLayout } from '../../../../../scripts/lib/synthetic/receipt-layout';
import { fakeMetrics } from './fake-metrics';

describe('placeRuns', () => {
  it('aligns runs on their anchors by measured advance', () => {
    const layout = receiptLayout(1, 0);
    const metrics = fakeMetrics(layout.runs);
    const placed = placeRuns(layout, metrics);
    expect(placed.length).toBe(layout.runs.length);
    placed.forEach(({ run, x }, i) => {
      const end = { left: x, right: x + metrics[i].width, center: x + metrics[i].width / 2 }[run.align];
      expect(end).toBeCloseTo(run.anchorX, 9);
    });
  });

  it('drops a whole row whose runs would collide, and nothing else', () => {
    const layout = receiptLayout(1, 0);
    const metrics = fakeMetrics(layout.runs);
    const victim = layout.runs.findIndex((r) => r.align === 'left' && layout.runs.some((o) => o.row === r.row && o.align === 'right'));
    metrics[victim] = { ...metrics[victim], width: layout.paper.width * 0.9, actualBoundingBoxRight: layout.paper.width * 0.9 };
    const placed = placeRuns(layout, metrics);
    const row = layout.runs[victim].row;
    expect(placed.some((p) => p.run.row === row)).toBe(false);
    expect(placed.length).toBe(layout.runs.filter((r) => r.row !== row).length);
  });
});

describe('linePolygon', () => {
  it('gives four-point quads inside the image for every line of many receipts', () => {
    for (let i = 0; i < 100; i++) {
      const layout = receiptLayout(3, i);
      const placed = placeRuns(layout, fakeMetrics(layout.runs, 0.68));
      expect(placed.length).toBeGreaterThan(layout.runs.length * 0.8);
      for (const p of placed) {
        const poly = linePolygon(layout, p);
        expect(poly).toHaveLength(4);
        for (const [x, y] of poly) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(layout.width);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(layout.height);
        }
      }
    }
  });

  it('transforms the flat box corners, clockwise from top-left', () => {
    const layout = receiptLayout(1, 2);
    const [p] = placeRuns(layout, fakeMetrics(layout.runs));
    const poly = linePolygon(layout, p);
    const h = layout.paperToImage;
    const w = h[6] * p.box.x1 + h[7] * p.box.y1 + h[8];
    expect(poly[2][0]).toBeCloseTo((h[0] * p.box.x1 + h[1] * p.box.y1 + h[2]) / w, 9);
    // Clockwise in image coordinates (y down): positive shoelace sum.
    const area = poly.reduce((s, [x, y], i) => s + x * poly[(i + 1) % 4][1] - poly[(i + 1) % 4][0] * y, 0);
    expect(area).toBeGreaterThan(0);
  });
});
