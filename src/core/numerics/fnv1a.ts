/** FNV-1a's offset basis: the seed of a fresh hash. */
export const FNV1A_SEED = 0x811c9dc5 | 0;

/**
 * FNV-1a over 32-bit words (a quarter of the steps of the bytewise hash), as an int32;
 * pass a previous result as `seed` to hash several arrays as one. No `>>> 0` on the way
 * out: V8 compiled this loop before that line had run once and then deoptimized the
 * function on every call (~0.5 ms each in Chromium); callers that print it unsign it.
 */
export function fnv1a(words: Uint32Array, seed: number = FNV1A_SEED): number {
  let h = seed;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  return h;
}

/** The whole 32-bit words of a byte view (a trailing partial word is left out). */
export function wordsOf(bytes: ArrayBufferView): Uint32Array {
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
}
