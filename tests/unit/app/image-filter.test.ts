import { describe, expect, it } from 'vitest';
import { filterImages, NO_IMAGE_FILTER } from '../../../src/app/components/run/image-filter';
import { sortImages } from '../../../src/app/components/run/image-sort';
import type { ImageResult } from '../../../src/core/report/schema';

/** An image scored by IoU with `gt` care regions, `det` counted detections, `matched` pairs. */
function image(index: number, name: string, gt: number, det: number, matched: number): ImageResult {
  const recall = gt ? matched / gt : 0;
  const precision = det ? matched / det : 0;
  return { index, name, cleval: null, iou: { recall, precision, hmean: recall + precision ? (2 * recall * precision) / (recall + precision) : 0, counts: { gtCare: gt, detCare: det, matched } }, loss: null };
}

const images: ImageResult[] = [
  image(0, 'img_1.jpg', 4, 4, 4),
  image(1, 'img_2.jpg', 4, 3, 3), // one miss
  image(2, 'IMG_10.jpg', 2, 4, 2), // two false positives
  { index: 3, name: 'img_3.jpg', cleval: null, iou: null, loss: null, failed: 'decode: not an image' },
  image(4, 'scan_4.jpg', 3, 4, 2), // a miss and a false positive
];
const indices = (rows: ImageResult[]) => rows.map((r) => r.index);

describe('filterImages', () => {
  it('keeps everything with no condition set', () => {
    expect(indices(filterImages(images, NO_IMAGE_FILTER))).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps images with a missed care GT, with a false positive, or failed', () => {
    expect(indices(filterImages(images, { ...NO_IMAGE_FILTER, misses: true }))).toEqual([1, 4]);
    expect(indices(filterImages(images, { ...NO_IMAGE_FILTER, falsePositives: true }))).toEqual([2, 4]);
    expect(indices(filterImages(images, { ...NO_IMAGE_FILTER, failed: true }))).toEqual([3]);
  });

  it('matches part of the name in any case, and all conditions together', () => {
    expect(indices(filterImages(images, { ...NO_IMAGE_FILTER, name: ' img_1' }))).toEqual([0, 2]);
    expect(indices(filterImages(images, { ...NO_IMAGE_FILTER, name: 'img', misses: true }))).toEqual([1]);
  });
});

describe('the error columns', () => {
  it('sort by missed GT and by false positives, images without IoU last', () => {
    expect(indices(sortImages(images, { column: 'missed', ascending: false }))).toEqual([1, 4, 0, 2, 3]);
    expect(indices(sortImages(images, { column: 'falsePositives', ascending: false }))).toEqual([2, 4, 0, 1, 3]);
  });
});
