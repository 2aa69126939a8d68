import type { HeaderResult } from './image-header';

/** Canvas size of lossy (VP8), lossless (VP8L) and extended (VP8X) WebP. */
export function readWebpHeader(bytes: Uint8Array): HeaderResult {
  if (bytes.length < 30) return { more: true };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8 ') {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return { error: 'bad VP8 frame start code' };
    return { type: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff, orientation: 1 };
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return { error: 'bad VP8L signature' };
    const bits = view.getUint32(21, true);
    return { type: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1, orientation: 1 };
  }
  if (chunk === 'VP8X') {
    const uint24 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
    return { type: 'webp', width: uint24(24) + 1, height: uint24(27) + 1, orientation: 1 };
  }
  return { error: `unknown WebP chunk ${JSON.stringify(chunk)}` };
}
