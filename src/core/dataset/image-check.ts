import type { DatasetEntry } from './entry';
import { looksTruncated, readImageHeader, type ImageInfo } from './image-header';
import type { DatasetIssue } from './issues';

/** Enough for a JPEG's frame header behind a full EXIF segment in almost every file. */
const HEAD_BYTES = 65_536;
const TAIL_BYTES = 4_096;

export interface CheckedImage extends ImageInfo {
  /** Width and height as displayed, after EXIF orientation when it is applied. */
  displayWidth: number;
  displayHeight: number;
}

/**
 * Reads an image's size from its header and checks that it is not cut short, reading a few
 * KB from each end. Whether the pixels decode is left to the decode worker.
 */
export async function checkImage(entry: DatasetEntry, applyExifOrientation: boolean): Promise<CheckedImage | DatasetIssue> {
  const problem = (kind: DatasetIssue['kind'], message: string): DatasetIssue => ({ kind, severity: 'error', file: entry.path, message, action: 'skipped' });
  const range = rangeReader(entry, entry.size <= HEAD_BYTES + TAIL_BYTES);
  let head = await range(0, HEAD_BYTES);
  let header = readImageHeader(head);
  if ('more' in header && entry.size > head.length) {
    head = await range(0, entry.size);
    header = readImageHeader(head);
  }
  if ('more' in header) return problem('truncated-image', 'The image ends inside its header; the image is skipped');
  if ('error' in header) return problem('undecodable-image', `Cannot read the image header (${header.error}); the image is skipped`);
  if (header.width === 0 || header.height === 0) return problem('undecodable-image', `The header gives a ${header.width}x${header.height} image; the image is skipped`);
  const tail = await range(Math.max(0, entry.size - TAIL_BYTES), entry.size);
  if (looksTruncated(header.type, head, tail, entry.size)) {
    return problem('truncated-image', `The ${header.type.toUpperCase()} file is cut short (its end is missing); the image is skipped`);
  }
  const turned = applyExifOrientation && header.orientation >= 5;
  return { ...header, displayWidth: turned ? header.height : header.width, displayHeight: turned ? header.width : header.height };
}

/** Byte ranges of an entry; a small one, or one that cannot seek (a zip entry), is read once, whole. */
function rangeReader(entry: DatasetEntry, small: boolean): (start: number, end: number) => Promise<Uint8Array> {
  if (entry.slice && !small) return (start, end) => entry.slice!(start, end);
  const whole = entry.read();
  return async (start, end) => (await whole).subarray(start, end);
}
