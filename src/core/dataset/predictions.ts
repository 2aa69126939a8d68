import type { Polygon } from '../geometry/types';
import type { BoxType } from './box-type';
import { readIcdarLines } from './icdar-lines';
import type { IssueSink } from './issues';
import { baseName } from './sample';

/** `res_<image stem>.txt`; the captured stem names the image. */
export const RESULT_FILE = /^res_(.+)\.txt$/i;

/** One line of a prediction file: the score and transcription are there only if the file gives them (a model's `Detection` always has a score). */
export interface PredictedBox {
  points: Polygon;
  score?: number;
  text?: string;
}

/**
 * Predictions in ICDAR style: `x1,y1,...,x4,y4[,confidence][,transcription]` (other
 * layouts by box type). A number from 0 to 1 right after the coordinates is the confidence,
 * as PaddleOCR and MMOCR write it and CLEval reads it with `--CONFIDENCES`.
 */
export function parsePredictions(bytes: Uint8Array, file: string, report: IssueSink, boxType?: BoxType): { stem: string; detections: PredictedBox[] } {
  const stem = RESULT_FILE.exec(baseName(file))?.[1] ?? baseName(file);
  // A degenerate detection is still a detection: CLEval counts it as false-positive characters.
  const detections = readIcdarLines(bytes, file, report, { boxType, confidence: true, keepZeroArea: true }).map(({ points, score, text }) => ({ points, score, text }));
  return { stem, detections };
}
