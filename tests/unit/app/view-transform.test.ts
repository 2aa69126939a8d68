import { describe, expect, it } from 'vitest';
import { fitView, panBy, toImagePoint, toScreenPoint, zoomAt } from '../../../src/app/components/analysis/view-transform';

describe('the inspector view', () => {
  it('fits the whole image, centred on the short axis', () => {
    const v = fitView({ width: 400, height: 200 }, { width: 800, height: 600 });
    expect(v).toEqual({ scale: 2, tx: 0, ty: 100 });
    expect(toScreenPoint(v, 400, 200)).toEqual([800, 500]);
  });

  it('zooms around the cursor: the image point under it stays under it', () => {
    const v = fitView({ width: 400, height: 200 }, { width: 800, height: 600 });
    const before = toImagePoint(v, 300, 250);
    const zoomed = zoomAt(v, 3, 300, 250, v.scale);
    expect(zoomed.scale).toBe(6);
    const after = toImagePoint(zoomed, 300, 250);
    expect(after[0]).toBeCloseTo(before[0], 10);
    expect(after[1]).toBeCloseTo(before[1], 10);
  });

  it('bounds the zoom, and pans by screen pixels', () => {
    const v = { scale: 1, tx: 0, ty: 0 };
    expect(zoomAt(v, 1e-6, 0, 0, 1).scale).toBe(0.25);
    expect(zoomAt(v, 1e6, 0, 0, 1).scale).toBe(64);
    expect(toImagePoint(panBy(v, 10, -5), 10, -5)).toEqual([0, 0]);
  });
});
