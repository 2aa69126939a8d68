/** Decoded pixels, RGBA row-major, as the preprocessing reads them. */
export interface DecodedImage {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Decodes with the browser's codecs (page or worker). EXIF orientation is applied on request;
 * Chromium applies it even for 'none' on some images, so the option is recorded, not assumed.
 */
export async function decodeImage(blob: Blob, applyExifOrientation = true): Promise<DecodedImage> {
  const bitmap = await createImageBitmap(blob, { imageOrientation: applyExifOrientation ? 'from-image' : 'none' });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D canvas context in this worker');
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { rgba: data, width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}
