import { iouErrors } from '../../../core/report/image-outcome';
import type { ImageResult } from '../../../core/report/schema';

/** What the per-image table shows; every condition set must hold. */
export interface ImageFilter {
  /** At least one care GT region missed (IoU matching). */
  misses: boolean;
  /** At least one false detection (IoU matching). */
  falsePositives: boolean;
  failed: boolean;
  /** Part of the image name, any case; empty for all. */
  name: string;
}

export const NO_IMAGE_FILTER: ImageFilter = { misses: false, falsePositives: false, failed: false, name: '' };

export function filterImages(images: readonly ImageResult[], f: ImageFilter): ImageResult[] {
  const needle = f.name.trim().toLowerCase();
  return images.filter((r) => {
    const errors = iouErrors(r);
    if (f.misses && !(errors && errors.missed > 0)) return false;
    if (f.falsePositives && !(errors && errors.falsePositives > 0)) return false;
    if (f.failed && r.failed === undefined) return false;
    return needle === '' || r.name.toLowerCase().includes(needle);
  });
}
