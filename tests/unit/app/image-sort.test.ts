import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_SORT, sortImages } from '../../../src/app/components/run/image-sort';
import type { ImageResult } from '../../../src/core/report/schema';

const counts = { numCharGt: 10, numCharDet: 10, numCharTpRecall: 0, numCharTpPrecision: 0, granScoreRecall: 0, granScorePrecision: 0, numCharFp: 0, numSplitted: 0, numMerged: 0, numCharOverlapped: 0 };

function image(index: number, name: string, hmean: number | null, loss: number | null = null): ImageResult {
  return {
    index,
    name,
    cleval: hmean === null ? null : { precision: hmean, recall: hmean, hmean, counts },
    iou: null,
    loss: loss === null ? null : { prob: loss, total: loss },
    ...(hmean === null ? { failed: 'infer: worker died' } : {}),
  };
}

const images = [image(0, 'c.jpg', 0.9, 1), image(1, 'a.jpg', 0.2, 3), image(2, 'd.jpg', null), image(3, 'b.jpg', 0.5, 2), image(4, 'e.jpg', 0.2, 0.5)];
const order = (rows: ImageResult[]) => rows.map((r) => r.index);

describe('sortImages', () => {
  it('puts the worst CLEval H-mean first by default, ties in dataset order, failed last', () => {
    expect(order(sortImages(images, DEFAULT_IMAGE_SORT))).toEqual([1, 4, 3, 0, 2]);
  });

  it('keeps images without the figure last when the order flips', () => {
    expect(order(sortImages(images, { column: 'cleval', ascending: false }))).toEqual([0, 3, 1, 4, 2]);
  });

  it('sorts by text and other numeric columns', () => {
    expect(order(sortImages(images, { column: 'name', ascending: true }))).toEqual([1, 3, 0, 2, 4]);
    expect(order(sortImages(images, { column: 'loss', ascending: false }))).toEqual([1, 3, 0, 4, 2]);
    expect(order(sortImages(images, { column: 'failed', ascending: true }))).toEqual([2, 0, 1, 3, 4]);
  });

  it('sorts names in natural order: img_2 before img_10', () => {
    const named = ['img_10', 'img_2', 'img_1'].map((name, i) => image(i, name, 0.5));
    expect(sortImages(named, { column: 'name', ascending: true }).map((r) => r.name)).toEqual(['img_1', 'img_2', 'img_10']);
  });

  it('puts an image with nothing to score (no care GT, no detection) last, not worst', () => {
    const empty = image(5, 'blank.jpg', 0);
    empty.cleval!.counts = { ...counts, numCharGt: 0, numCharDet: 0 };
    expect(order(sortImages([...images, empty], DEFAULT_IMAGE_SORT))).toEqual([1, 4, 3, 0, 2, 5]);
    expect(order(sortImages([...images, image(6, 'miss.jpg', 0)], DEFAULT_IMAGE_SORT))[0]).toBe(6);
  });

  it('leaves its input alone', () => {
    const before = order(images);
    sortImages(images, DEFAULT_IMAGE_SORT);
    expect(order(images)).toEqual(before);
  });
});
