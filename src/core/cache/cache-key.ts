import { GT_MAPS_VERSION, type GtMapParams } from '../gt-maps/gt-maps';
import { CODEC_VERSION } from './map-codec';
import { fnv1a, wordsOf } from '../numerics/fnv1a';
import { sha256Hex } from '../numerics/sha256';

/**
 * The bytes everything the GT maps depend on: algorithm and codec versions,
 * map size, shrink ratio, thresh range, and the integer polygons in order. Polygons are
 * the truncated int32 rings the GT maps are made from, so inputs that differ only below the
 * integer share an entry. A whole number of 32-bit words (see memoryKey).
 */
export function keyBytes(params: GtMapParams, polygons: readonly Int32Array[]): Uint8Array {
  let words = 0;
  for (const p of polygons) words += 1 + p.length;
  const buffer = new ArrayBuffer(8 * 8 + 4 * words);
  const head = new Float64Array(buffer, 0, 8);
  head.set([GT_MAPS_VERSION, CODEC_VERSION, params.height, params.width, params.shrinkRatio, params.threshMin, params.threshMax, polygons.length]);
  const body = new Int32Array(buffer, 64);
  let at = 0;
  for (const p of polygons) {
    body[at++] = p.length;
    body.set(p, at);
    at += p.length;
  }
  return new Uint8Array(buffer);
}

/** SHA-256 (hex) of the key bytes: the persistent level's key. */
export async function cacheKey(params: GtMapParams, polygons: readonly Int32Array[]): Promise<string> {
  return sha256Hex(keyBytes(params, polygons));
}

/**
 * A fast 64-bit hash (FNV-1a and a second multiply-xor lane) of the key bytes, for the in-memory level,
 * where a hit must not wait for an asynchronous digest. Not collision-proof: the memory
 * level keeps each entry's key bytes and compares them on a hit (sameKey).
 */
export function memoryKey(bytes: Uint8Array): string {
  const words = wordsOf(bytes);
  let h2 = 0x9e3779b9;
  for (let i = 0; i < words.length; i++) h2 = Math.imul(h2 ^ words[i], 0x85ebca6b) ^ (h2 >>> 13);
  return (fnv1a(words) >>> 0).toString(16) + ':' + (h2 >>> 0).toString(16) + ':' + words.length;
}

export function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = wordsOf(a);
  const y = wordsOf(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
