import { COLLATE_VERSION, type CollateParams } from '../collate/collate';
import { CODEC_VERSION } from './map-codec';

/**
 * SHA-256 (hex) of everything the collate output depends on: algorithm and codec
 * versions, map size, shrink ratio, thresh range, and the integer polygons in order.
 * Polygons are the truncated int32 rings the collate works on, so inputs that differ
 * only below the integer still share an entry.
 */
export async function cacheKey(params: CollateParams, polygons: readonly Int32Array[]): Promise<string> {
  let size = 8 * 8;
  for (const p of polygons) size += 4 + p.byteLength;
  const view = new DataView(new ArrayBuffer(size));
  const head = [COLLATE_VERSION, CODEC_VERSION, params.height, params.width, params.shrinkRatio, params.threshMin, params.threshMax, polygons.length];
  head.forEach((v, i) => view.setFloat64(8 * i, v, true));
  let at = 64;
  for (const p of polygons) {
    view.setUint32(at, p.length, true);
    at += 4;
    for (let i = 0; i < p.length; i++, at += 4) view.setInt32(at, p[i], true);
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view.buffer));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
