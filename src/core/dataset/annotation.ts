import type { GtRegion } from './sample';

/** The ground truth one annotation file gives one image, before it is joined to the image. */
export interface ImageAnnotation {
  /** Image file name (receipt JSON key) or image stem (ICDAR `gt_<stem>.txt`). */
  image: string;
  gt: GtRegion[];
  /** The annotation file, for messages. */
  file: string;
}

/** ICDAR's mark of a region to ignore. */
export const DONT_CARE = '###';
