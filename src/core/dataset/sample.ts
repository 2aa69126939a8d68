import type { Polygon } from '../geometry/types';
import type { DatasetEntry } from './entry';

/** One ground-truth region. `dontCare` regions (`###`) neither count as misses nor make detections on them false. */
export interface GtRegion {
  points: Polygon;
  text?: string;
  dontCare: boolean;
}

/** One image to evaluate, indexed without decoding its pixels. */
export interface Sample {
  /** Image file name, the key of the receipt JSON (`img_1.jpg`). */
  name: string;
  /** Predictions `res_<stem>.txt` belong to this sample; read it with `sampleStem`. */
  stem?: string;
  /** Undefined when the annotation names an image that is not in the dataset. */
  image?: DatasetEntry;
  gt: GtRegion[];
  /** From the image header, after EXIF orientation when that option is on. */
  width?: number;
  height?: number;
  /** EXIF orientation 1-8 of a JPEG; 1 when absent. */
  orientation?: number;
}

/** The key of the sample's prediction file: set by the loader, else the image name without extension. */
export function sampleStem(sample: Sample): string {
  return sample.stem ?? stemOf(sample.name);
}

/** A file name without folder and extension. */
export function stemOf(fileName: string): string {
  const base = baseName(fileName);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}
