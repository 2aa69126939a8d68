import type { ImageResult } from './schema';

/**
 * An image with no care GT and no detection scores 0 by the metrics' convention, though
 * nothing went wrong there: lists of the worst images leave it out.
 */
export function nothingToScore(img: ImageResult): boolean {
  if (img.failed !== undefined) return false;
  if (img.iou) return img.iou.counts.gtCare === 0 && img.iou.counts.detCare === 0;
  return img.cleval ? img.cleval.counts.numCharGt === 0 && img.cleval.counts.numCharDet === 0 : false;
}

/** Missed care GT boxes and false detections of an image, by IoU matching; null without IoU. */
export function iouErrors(img: ImageResult): { missed: number; falsePositives: number } | null {
  if (!img.iou) return null;
  const { gtCare, detCare, matched } = img.iou.counts;
  return { missed: gtCare - matched, falsePositives: detCare - matched };
}
