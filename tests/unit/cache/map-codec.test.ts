import { describe, expect, it } from 'vitest';
import { CorruptEntryError, decodeMaps, encodeMaps } from '../../../src/core/cache/map-codec';
import { makeGtMaps, gtMapParams, type GtMapSet } from '../../../src/core/gt-maps/gt-maps';
import { syntheticCurvedReceipt, syntheticReceipt } from '../../../scripts/lib/synthetic/receipt-polygons';
import { loadCase, sha256 } from '../gt-maps/fixtures';

const sameBits = (a: Float32Array, b: Float32Array) => sha256(a) === sha256(b);
const sameMaps = (a: GtMapSet, b: GtMapSet) => sameBits(a.prob, b.prob) && sameBits(a.thresh, b.thresh) && a.threshMask.join() === b.threshMask.join();

/** A reference case's maps, with the threshold mask makeGtMaps makes for its polygons (the reference has none). */
function caseMaps(name: string): { input: ReturnType<typeof loadCase>['input']; maps: GtMapSet } {
  const { input, prob, thresh } = loadCase(name);
  const params = { height: input.height, width: input.width, shrinkRatio: input.shrink_ratio, threshMin: input.thresh_min, threshMax: input.thresh_max };
  return { input, maps: { prob, thresh, threshMask: makeGtMaps(params, input.polygons).threshMask } };
}

describe('map codec', () => {
  for (const name of ['receipt_quads', 'rotated_quads', 'border_and_degenerate', 'empty']) {
    it(`round-trips the reference maps of ${name} bit for bit`, () => {
      const { input, maps } = caseMaps(name);
      const bytes = encodeMaps(maps, input.height, input.width, input.thresh_min)!;
      const back = decodeMaps(bytes, input.height, input.width);
      expect(sameBits(back.prob, maps.prob)).toBe(true);
      expect(sameBits(back.thresh, maps.thresh)).toBe(true);
      expect(back.threshMask).toEqual(maps.threshMask);
    });
  }

  it('keeps a 640x640 receipt entry under 0.15 of the raw maps', () => {
    const maps = makeGtMaps(gtMapParams(640, 640), syntheticReceipt(7));
    const bytes = encodeMaps(maps, 640, 640, 0.3)!;
    expect(bytes.byteLength / (2 * 640 * 640 * 4)).toBeLessThan(0.15);
    const back = decodeMaps(bytes, 640, 640);
    expect(sameMaps(back, maps)).toBe(true);
  });

  it('decodes into maps of the same size, whatever they held, and allocates when the size differs', () => {
    const params = gtMapParams(320, 320);
    const [first, second] = [5, 6].map((seed) => makeGtMaps(params, syntheticReceipt(seed, 320, 40)));
    const into = decodeMaps(encodeMaps(first, 320, 320, 0.3)!, 320, 320);
    const again = decodeMaps(encodeMaps(second, 320, 320, 0.3)!, 320, 320, into);
    expect(again).toBe(into);
    expect(sameMaps(again, second)).toBe(true);
    const other = decodeMaps(encodeMaps(first, 320, 320, 0.3)!, 320, 320, { prob: new Float32Array(4), thresh: new Float32Array(4), threshMask: new Uint8Array(4) });
    expect(sameMaps(other, first)).toBe(true);
  });

  it('keeps thresh values that are not the background anywhere, whatever their neighbours', () => {
    const thresh = new Float32Array([0.3, 0.5, 0.69999, 0.3, 0.31, 0.7, 0.3, 0.3, 0.41, 0.3, 0.6, 0.55]);
    const prob = new Float32Array([0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1]);
    const threshMask = new Uint8Array([0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1]);
    const back = decodeMaps(encodeMaps({ prob, thresh, threshMask }, 3, 4, 0.3)!, 3, 4);
    expect(back.threshMask).toEqual(threshMask);
    expect(sameBits(back.thresh, thresh)).toBe(true);
    expect(sameBits(back.prob, prob)).toBe(true);
  });

  it('round-trips the maps of 14-point (curved) polygons and of other thresh ranges', () => {
    for (const [threshMin, threshMax] of [[0.3, 0.7], [0.25, 0.75], [0.5, 0.9]]) {
      const params = { ...gtMapParams(320, 320), threshMin, threshMax };
      const maps = makeGtMaps(params, syntheticCurvedReceipt(3, 320, 40));
      const back = decodeMaps(encodeMaps(maps, 320, 320, threshMin)!, 320, 320);
      expect(sameMaps(back, maps)).toBe(true);
    }
  });

  it('refuses thresh values its residuals cannot reproduce bit for bit (NaN, -0)', () => {
    const prob = new Float32Array(4);
    const threshMask = new Uint8Array(4);
    expect(encodeMaps({ prob, thresh: new Float32Array([0.3, NaN, 0.5, 0.3]), threshMask }, 2, 2, 0.3)).toBeNull();
    expect(encodeMaps({ prob, thresh: new Float32Array([0.3, -0, 0.5, 0.3]), threshMask }, 2, 2, 0.3)).toBeNull();
  });

  it('refuses maps whose prob or mask is not binary', () => {
    const prob = new Float32Array([0, 0.5]);
    const threshMask = new Uint8Array(2);
    expect(encodeMaps({ prob, thresh: new Float32Array(2), threshMask }, 1, 2, 0.3)).toBeNull();
    expect(encodeMaps({ prob: new Float32Array([-0, 1]), thresh: new Float32Array(2), threshMask }, 1, 2, 0.3)).toBeNull();
    expect(encodeMaps({ prob: new Float32Array([0, 1]), thresh: new Float32Array(2), threshMask: new Uint8Array([1, 2]) }, 1, 2, 0.3)).toBeNull();
  });

  it('rejects damaged, truncated, foreign and wrong-size entries', () => {
    const { input, maps } = caseMaps('receipt_quads');
    const good = encodeMaps(maps, input.height, input.width, 0.3)!;
    const flipped = good.slice();
    flipped[good.length >> 1] ^= 0x10;
    const bad = [flipped, good.slice(0, good.length - 7), new Uint8Array(3), new Uint8Array(100)];
    for (const b of bad) expect(() => decodeMaps(b, input.height, input.width)).toThrow(CorruptEntryError);
    expect(() => decodeMaps(good, input.height, input.width + 1)).toThrow(/size/);
  });
});
