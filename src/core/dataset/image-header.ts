import { readBmpHeader } from './bmp-header';
import { readJpegHeader } from './jpeg-header';
import { readPngHeader } from './png-header';
import { readWebpHeader } from './webp-header';

export type ImageType = 'jpeg' | 'png' | 'webp' | 'bmp';

export interface ImageInfo {
  type: ImageType;
  /** As stored, before EXIF orientation. */
  width: number;
  height: number;
  orientation: number;
}

/** A header, a reason it cannot be read, or a request for more bytes. */
export type HeaderResult = ImageInfo | { error: string } | { more: true };

export const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp|bmp)$/i;

/** Reads the image's size from its first bytes, by its signature rather than its extension. */
export function readImageHeader(head: Uint8Array): HeaderResult {
  const startsWith = (...signature: number[]) => signature.every((b, i) => head[i] === b);
  if (startsWith(0xff, 0xd8, 0xff)) return readJpegHeader(head);
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return readPngHeader(head);
  if (startsWith(0x52, 0x49, 0x46, 0x46) && ascii(head, 8, 12) === 'WEBP') return readWebpHeader(head);
  if (startsWith(0x42, 0x4d)) return readBmpHeader(head);
  return { error: head.length < 12 ? `only ${head.length} bytes` : 'not a JPEG, PNG, WebP or BMP image' };
}

/**
 * Whether the file ends where its format says it should: JPEG with an end-of-image marker
 * (entropy-coded data cannot contain FF D9, so a marker in the tail is the real end),
 * PNG with a whole IEND chunk, WebP and BMP with the size their headers declare.
 */
export function looksTruncated(type: ImageType, head: Uint8Array, tail: Uint8Array, size: number): boolean {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  switch (type) {
    case 'jpeg':
      return !tail.some((b, i) => b === 0xff && tail[i + 1] === 0xd9);
    case 'png': {
      const end = ascii(tail, 0, tail.length).lastIndexOf('IEND');
      return end === -1 || tail.length - end < 8; // chunk type and its CRC
    }
    case 'webp':
      return view.getUint32(4, true) + 8 > size;
    case 'bmp':
      return view.getUint32(2, true) > size;
  }
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}
