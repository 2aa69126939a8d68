import { DONT_CARE, type ImageAnnotation } from './annotation';
import { readIcdarLines, transcription } from './icdar-lines';
import type { IssueSink } from './issues';
import { baseName } from './sample';

/** `gt_<image stem>.txt`; the captured stem names the image. */
export const GT_FILE = /^gt_(.+)\.txt$/i;

/**
 * ICDAR 2015 ground truth: `x1,y1,...,xn,yn,transcription` per line, `###` for don't care.
 * An odd run of leading numbers ends with a numeric transcription (`...,y4,2023`).
 */
export function parseIcdarGt(bytes: Uint8Array, file: string, report: IssueSink): ImageAnnotation {
  const stem = GT_FILE.exec(baseName(file))?.[1] ?? baseName(file);
  const gt = readIcdarLines(bytes, file, report).map(({ points, rest }) => {
    const text = transcription(rest);
    return { points, text, dontCare: text === DONT_CARE };
  });
  return { image: stem, gt, file };
}
