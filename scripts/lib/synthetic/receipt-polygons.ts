import { Rng } from '../../../src/core/numerics/prng';
import type { Polygon } from '../../../src/core/geometry/types';

/**
 * Receipt-like word quads for a `size` x `size` image, for GT-map and cache benches:
 * text lines top to bottom, words of varied width left to right, slightly sheared and
 * skewed as a photographed receipt, with float coordinates as a dataset gives them.
 * The same seed gives the same `words` quads (fewer if the page fills up).
 */
export function syntheticReceipt(seed: number, size = 640, words = 100): Polygon[] {
  const rng = new Rng(seed);
  const polygons: Polygon[] = [];
  const skew = rng.range(-0.03, 0.03);
  let y = rng.range(4, 16);
  while (polygons.length < words && y < size - 10) {
    const lineHeight = rng.range(12, 24);
    let x = rng.range(4, 40);
    const wordsInLine = rng.int(2, 7);
    for (let k = 0; k < wordsInLine && polygons.length < words; k++) {
      const wordWidth = rng.range(18, 110);
      if (x + wordWidth > size - 4) break;
      const shear = rng.range(-2, 2);
      const top = y + x * skew;
      const bottom = top + lineHeight;
      const dy = wordWidth * skew;
      polygons.push([
        [x + shear, top],
        [x + wordWidth + shear, top + dy],
        [x + wordWidth - shear, bottom + dy],
        [x - shear, bottom],
      ]);
      x += wordWidth + rng.range(4, 24);
    }
    y += lineHeight + rng.range(1, 8);
  }
  return polygons;
}

/** Benches name curved sets by seed: seeds from here on are syntheticCurvedReceipt(seed - CURVED_SEEDS). */
export const CURVED_SEEDS = 1_000_000;

/**
 * The same receipt with every quad as a 14-point polygon (7 points along each long side,
 * slightly bowed), as curved-text datasets (Total-Text style) annotate words: GT-map
 * costs grow with the vertices, a cache entry's decode does not.
 */
export function syntheticCurvedReceipt(seed: number, size = 640, words = 100): Polygon[] {
  return syntheticReceipt(seed, size, words).map(([a, b, c, d]) => {
    const side = (from: Polygon[number], to: Polygon[number]): Polygon =>
      Array.from({ length: 7 }, (_, k) => {
        const t = k / 6;
        return [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t + Math.sin(t * Math.PI) * 3];
      });
    return [...side(a, b), ...side(c, d)];
  });
}
