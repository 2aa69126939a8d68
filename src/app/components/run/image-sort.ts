import { iouErrors, nothingToScore } from '../../../core/report/image-outcome';
import type { ImageResult } from '../../../core/report/schema';
import { naturalCompare } from '../../../core/dataset/natural-order';

export const IMAGE_COLUMNS = {
  index: { label: '#', value: (r: ImageResult) => r.index },
  name: { label: 'Image', value: (r: ImageResult) => r.name },
  cleval: { label: 'CLEval H', value: (r: ImageResult) => r.cleval?.hmean ?? null },
  clevalPrecision: { label: 'CLEval P', value: (r: ImageResult) => r.cleval?.precision ?? null },
  clevalRecall: { label: 'CLEval R', value: (r: ImageResult) => r.cleval?.recall ?? null },
  iou: { label: 'IoU H', value: (r: ImageResult) => r.iou?.hmean ?? null },
  iouPrecision: { label: 'IoU P', value: (r: ImageResult) => r.iou?.precision ?? null },
  iouRecall: { label: 'IoU R', value: (r: ImageResult) => r.iou?.recall ?? null },
  missed: { label: 'Missed', value: (r: ImageResult) => iouErrors(r)?.missed ?? null },
  falsePositives: { label: 'False pos.', value: (r: ImageResult) => iouErrors(r)?.falsePositives ?? null },
  loss: { label: 'Loss', value: (r: ImageResult) => r.loss?.total ?? null },
  failed: { label: 'Failed', value: (r: ImageResult) => r.failed ?? null },
} satisfies Record<string, { label: string; value: (r: ImageResult) => number | string | null }>;

export type ImageColumn = keyof typeof IMAGE_COLUMNS;

export interface ImageSort {
  column: ImageColumn;
  ascending: boolean;
}

/** Worst CLEval H-mean first: where to look first after a run. */
export const DEFAULT_IMAGE_SORT: ImageSort = { column: 'cleval', ascending: true };

const SCORE_COLUMNS: ReadonlySet<ImageColumn> = new Set(['cleval', 'clevalPrecision', 'clevalRecall', 'iou', 'iouPrecision', 'iouRecall']);

/**
 * Sorted copy of `images`. Images without the figure (failed, not measured, or with nothing
 * to score, whose 0 is no error) go last in either direction, so flipping the order shows
 * the best instead of the failures; ties keep the dataset order.
 */
export function sortImages(images: readonly ImageResult[], { column, ascending }: ImageSort): ImageResult[] {
  const figure = IMAGE_COLUMNS[column].value;
  const value = SCORE_COLUMNS.has(column) ? (r: ImageResult) => (nothingToScore(r) ? null : figure(r)) : figure;
  const dir = ascending ? 1 : -1;
  return [...images].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? a.index - b.index : va === null ? 1 : -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : naturalCompare(String(va), String(vb));
    return c !== 0 ? c * dir : a.index - b.index;
  });
}
