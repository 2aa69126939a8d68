import type { HeaderResult } from './image-header';

/** Width and height from the IHDR chunk, which the format requires first. */
export function readPngHeader(bytes: Uint8Array): HeaderResult {
  if (bytes.length < 24) return { more: true };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return { error: 'the first PNG chunk is not IHDR' };
  return { type: 'png', width: view.getUint32(16), height: view.getUint32(20), orientation: 1 };
}
