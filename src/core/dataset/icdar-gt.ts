import { DONT_CARE, type ImageAnnotation } from './annotation';
import type { BoxType } from './box-type';
import { readIcdarLines } from './icdar-lines';
import type { IssueSink } from './issues';
import { baseName } from './sample';

/** `gt_<image stem>.txt`; the captured stem names the image. */
export const GT_FILE = /^gt_(.+)\.txt$/i;

/**
 * ICDAR 2015 ground truth: `x1,y1,...,x4,y4,transcription` per line (other layouts by box
 * type), `###` for don't care. The transcription is the rest of the line, commas and all.
 */
export function parseIcdarGt(bytes: Uint8Array, file: string, report: IssueSink, boxType?: BoxType): ImageAnnotation {
  const stem = GT_FILE.exec(baseName(file))?.[1] ?? baseName(file);
  const gt = readIcdarLines(bytes, file, report, { boxType }).map(({ points, text }) => ({ points, text, dontCare: text === DONT_CARE }));
  return { image: stem, gt, file };
}
