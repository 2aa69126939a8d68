import { describe, expect, it } from 'vitest';
import { FNV1A_SEED, fnv1a, wordsOf } from '../../../src/core/numerics/fnv1a';

/** FNV-1a written out with BigInt arithmetic, one 32-bit word per step. */
function reference(words: readonly number[]): number {
  let h = 0x811c9dc5n;
  for (const w of words) h = ((h ^ BigInt(w)) * 0x01000193n) & 0xffffffffn;
  return Number(BigInt.asIntN(32, h));
}

describe('fnv1a', () => {
  it('matches FNV-1a computed with exact integers', () => {
    const words = [0, 1, 0xffffffff, 0x12345678, 0x80000000, 7];
    expect(fnv1a(Uint32Array.from(words))).toBe(reference(words));
    expect(fnv1a(new Uint32Array(0))).toBe(FNV1A_SEED);
  });

  it('hashes two arrays chained through the seed as their concatenation', () => {
    const a = Uint32Array.from([3, 1, 4, 1]);
    const b = Uint32Array.from([5, 9, 2, 6]);
    expect(fnv1a(b, fnv1a(a))).toBe(fnv1a(Uint32Array.from([...a, ...b])));
  });

  it('reads the whole words of a byte view at its (4-aligned) offset', () => {
    const bytes = new Uint8Array(13);
    bytes.set([1, 0, 0, 0, 2, 0, 0, 0, 9], 4);
    expect([...wordsOf(bytes.subarray(4))]).toEqual([1, 2]);
  });
});
