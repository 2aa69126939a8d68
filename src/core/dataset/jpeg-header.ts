import type { HeaderResult } from './image-header';

/**
 * Size from the first start-of-frame segment and EXIF orientation from APP1, walking the
 * marker segments without decoding. `more` when the frame header lies beyond the bytes given.
 */
export function readJpegHeader(bytes: Uint8Array): HeaderResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let orientation = 1;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return { error: `no JPEG marker at byte ${at}` };
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte before a marker
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return { error: 'no frame header before the image data' };
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (isStartOfFrame(marker)) {
      if (at + 9 > bytes.length) break;
      return { type: 'jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7), orientation };
    }
    if (marker === 0xe1 && at + 2 + length <= bytes.length) {
      orientation = exifOrientation(bytes.subarray(at + 4, at + 2 + length)) ?? orientation;
    }
    at += 2 + length;
  }
  return { more: true };
}

/** SOF0-SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Tag 0x0112 of IFD0 in an `Exif\0\0` APP1 payload. */
function exifOrientation(app1: Uint8Array): number | undefined {
  const exif = [0x45, 0x78, 0x69, 0x66, 0, 0];
  if (app1.length < 14 || exif.some((b, i) => app1[i] !== b)) return undefined;
  const tiff = new DataView(app1.buffer, app1.byteOffset + 6, app1.byteLength - 6);
  const little = tiff.getUint16(0) === 0x4949;
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return undefined;
  const count = tiff.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.byteLength) return undefined;
    if (tiff.getUint16(entry, little) === 0x0112) {
      const value = tiff.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}
