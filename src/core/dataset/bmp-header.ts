import type { HeaderResult } from './image-header';

/** Size from the DIB header: the 12-byte OS/2 core header or the Windows info headers (negative height = top-down). */
export function readBmpHeader(bytes: Uint8Array): HeaderResult {
  if (bytes.length < 26) return { more: true };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dibSize = view.getUint32(14, true);
  if (dibSize === 12) return { type: 'bmp', width: view.getUint16(18, true), height: view.getUint16(20, true), orientation: 1 };
  if (dibSize < 40) return { error: `unknown BMP header size ${dibSize}` };
  return { type: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)), orientation: 1 };
}
