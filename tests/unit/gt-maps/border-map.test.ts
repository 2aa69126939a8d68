import { describe, expect, it } from 'vitest';
import { makeGtMaps, gtMapParams, offsetDistance, truncatePolygon } from '../../../src/core/gt-maps/gt-maps';
import { offsetPolygon } from '../../../src/core/geometry/clipper-offset';
import { Rng } from '../../../src/core/numerics/prng';
import type { Polygon } from '../../../src/core/geometry/types';

const EPS = 2.220446049250313e-16;
/** More seeds for a longer soak: BORDER_SEEDS=200 npx vitest run ... */
const SEEDS = Number(process.env.BORDER_SEEDS ?? 12);

/**
 * The reference border map written the plain numpy way: every edge's distance as a
 * float32 after clip, min over edges (NaN wins, as np.min), 1 - v in float32, fmax into
 * the canvas, final float32 scaling. makeGtMaps' fast path must match it bit for bit.
 */
function plainThresh(h: number, w: number, polygons: Polygon[]): Float32Array {
  const canvas = new Float32Array(h * w);
  for (const p of polygons) {
    const xy = truncatePolygon(p);
    const n = xy.length >> 1;
    const D = offsetDistance(xy, 0.4);
    if (D === null) continue;
    for (const ring of offsetPolygon(xy, n, D)) {
      const xs = ring.filter((_, i) => i % 2 === 0);
      const ys = ring.filter((_, i) => i % 2 === 1);
      const x0 = Math.max(0, Math.min(...xs)), x1 = Math.min(w - 1, Math.max(...xs));
      const y0 = Math.max(0, Math.min(...ys)), y1 = Math.min(h - 1, Math.max(...ys));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          let v = Infinity;
          for (let i = 0; i < n; i++) {
            const j = (i + 1) % n;
            const a2 = (x - xy[2 * i]) ** 2 + (y - xy[2 * i + 1]) ** 2;
            const b2 = (x - xy[2 * j]) ** 2 + (y - xy[2 * j + 1]) ** 2;
            const c2 = (xy[2 * i] - xy[2 * j]) ** 2 + (xy[2 * i + 1] - xy[2 * j + 1]) ** 2 + EPS;
            const cos = (c2 - a2 - b2) / (2 * Math.sqrt(a2 * b2) + EPS);
            const d = cos < 0 ? Math.sqrt(Math.min(a2, b2)) : Math.sqrt((a2 * b2 * (1 - cos * cos)) / c2);
            const vi = Math.fround(Math.min(Math.max(d / D, 0), 1));
            v = Number.isNaN(vi) || Number.isNaN(v) ? NaN : Math.min(v, vi);
          }
          const t = Math.fround(1 - v);
          if (t > canvas[y * w + x]) canvas[y * w + x] = t;
        }
      }
    }
  }
  const scale = Math.fround(0.7 - 0.3);
  return canvas.map((t) => Math.fround(Math.fround(t * scale) + Math.fround(0.3)));
}

function randomPolygons(seed: number, count: number, size: number): Polygon[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const cx = rng.range(-10, size + 10), cy = rng.range(-10, size + 10);
    const k = rng.int(3, 9);
    const rx = rng.range(2, 60), ry = rng.range(2, 30), turn = rng.range(0, Math.PI);
    return Array.from({ length: k }, (_, i) => {
      const a = (2 * Math.PI * i) / k + rng.range(-0.2, 0.2);
      const r = rng.range(0.6, 1);
      const px = r * rx * Math.cos(a), py = r * ry * Math.sin(a);
      return [cx + px * Math.cos(turn) - py * Math.sin(turn), cy + px * Math.sin(turn) + py * Math.cos(turn)] as [number, number];
    });
  });
}

describe('border map fast path', () => {
  it('equals the plain per-edge float32 computation bit for bit on random polygons', () => {
    let pixels = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const polys = randomPolygons(seed, 40, 160);
      const ours = makeGtMaps(gtMapParams(160, 160), polys).thresh;
      const plain = plainThresh(160, 160, polys);
      let diff = 0;
      for (let i = 0; i < ours.length; i++) if (ours[i] !== plain[i]) diff++;
      expect(diff).toBe(0);
      pixels += plain.filter((v) => v > Math.fround(0.3)).length;
    }
    expect(pixels).toBeGreaterThan(50_000); // the comparison covered real border pixels
  });
});
