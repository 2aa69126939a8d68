import { describe, expect, it } from 'vitest';
import { resizeBilinear } from '../../../src/core/model/resize';

/** RGBA from a grey image given as rows (R = G = B = value). */
function grey(rows: number[][]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rows.length * rows[0].length * 4);
  rows.flat().forEach((v, i) => out.set([v, v, v, 255], 4 * i));
  return out;
}

/** The red channel of an RGBA image as rows. */
function red(rgba: Uint8ClampedArray, w: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < rgba.length / 4; i++) (rows[Math.floor(i / w)] ??= []).push(rgba[4 * i]);
  return rows;
}

describe('resizeBilinear (cv2.resize INTER_LINEAR)', () => {
  it('upscales 2x2 to 4x4 with half-pixel centres and repeated edges', () => {
    // Destination centres fall at source -0.25, 0.25, 0.75, 1.25: clamped to 0, then
    // weights 3/4 + 1/4, 1/4 + 3/4, clamped to 1. Values chosen so every result is whole.
    const out = resizeBilinear(grey([[0, 64], [128, 192]]), 2, 2, 4, 4);
    expect(red(out, 4)).toEqual([
      [0, 16, 48, 64],
      [32, 48, 80, 96],
      [96, 112, 144, 160],
      [128, 144, 176, 192],
    ]);
    expect(out[3]).toBe(255);
  });

  it('downscales 4x4 to 2x2 by averaging 2x2 blocks, without antialiasing', () => {
    // Centres at source 0.5 and 2.5: each output sees only its own 2x2 block.
    const src = [
      [10, 20, 0, 1],
      [30, 40, 1, 4],
      [200, 200, 255, 255],
      [100, 100, 255, 251],
    ];
    // Blocks: 25, 1.5 (rounds up to 2), 150, 254.
    expect(red(resizeBilinear(grey(src), 4, 4, 2, 2), 2)).toEqual([
      [25, 2],
      [150, 254],
    ]);
  });

  it('resizes 3x5 to 7x2 (a horizontal ramp stays a ramp)', () => {
    const src = Array.from({ length: 5 }, () => [0, 40, 80]);
    const out = red(resizeBilinear(grey(src), 3, 5, 7, 2), 7);
    // Destination x centre in source pixels: (dx + 0.5) * 3/7 - 0.5, clamped to [0, 2].
    const expected = Array.from({ length: 7 }, (_, dx) => Math.round(40 * Math.min(Math.max((dx + 0.5) * (3 / 7) - 0.5, 0), 2)));
    expect(expected).toEqual([0, 6, 23, 40, 57, 74, 80]);
    expect(out).toEqual([expected, expected]);
  });

  it('keeps colour channels apart', () => {
    const src = new Uint8ClampedArray([255, 0, 10, 255, 0, 255, 20, 255]);
    const out = resizeBilinear(src, 2, 1, 4, 1);
    expect(Array.from(out)).toEqual([255, 0, 10, 255, 191, 64, 13, 255, 64, 191, 18, 255, 0, 255, 20, 255]);
  });

  it('returns the same pixels at the same size', () => {
    const src = new Uint8ClampedArray(Array.from({ length: 5 * 3 * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256)));
    expect(Array.from(resizeBilinear(src, 5, 3, 5, 3))).toEqual(Array.from(src));
  });

  it('stays within one level of exact bilinear interpolation on a noisy image', () => {
    const w = 37, h = 23, W = 50, H = 17;
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % 256);
    const rows = Array.from({ length: h }, () => Array.from({ length: w }, rnd));
    const out = red(resizeBilinear(grey(rows), w, h, W, H), W);
    const at = (x: number, y: number) => rows[Math.min(Math.max(y, 0), h - 1)][Math.min(Math.max(x, 0), w - 1)];
    for (let dy = 0; dy < H; dy++) {
      for (let dx = 0; dx < W; dx++) {
        const fx = Math.min(Math.max((dx + 0.5) * (w / W) - 0.5, 0), w - 1);
        const fy = Math.min(Math.max((dy + 0.5) * (h / H) - 0.5, 0), h - 1);
        const x0 = Math.floor(fx), y0 = Math.floor(fy);
        const ax = fx - x0, ay = fy - y0;
        const top = at(x0, y0) * (1 - ax) + at(x0 + 1, y0) * ax;
        const bottom = at(x0, y0 + 1) * (1 - ax) + at(x0 + 1, y0 + 1) * ax;
        expect(Math.abs(out[dy][dx] - (top * (1 - ay) + bottom * ay))).toBeLessThanOrEqual(1);
      }
    }
  });
});
