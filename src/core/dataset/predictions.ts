import type { Polygon } from '../geometry/types';
import { readIcdarLines, transcription } from './icdar-lines';
import type { IssueSink } from './issues';
import { baseName } from './sample';

/** `res_<image stem>.txt`; the captured stem names the image. */
export const RESULT_FILE = /^res_(.+)\.txt$/i;

export interface Detection {
  points: Polygon;
  score?: number;
  text?: string;
}

/**
 * Predictions in ICDAR style: `x1,y1,...,xn,yn[,confidence][,transcription]`: a number right
 * after the coordinates is a confidence. A confidence followed by a numeric transcription
 * reads as one more point: that layout cannot be told apart from an n+1-point polygon.
 */
export function parsePredictions(bytes: Uint8Array, file: string, report: IssueSink): { stem: string; detections: Detection[] } {
  const stem = RESULT_FILE.exec(baseName(file))?.[1] ?? baseName(file);
  // A degenerate detection is still a detection: CLEval counts it as false-positive characters.
  const detections = readIcdarLines(bytes, file, report, { keepZeroArea: true }).map(({ points, rest }) => {
    return rest.length > 0 && isScoreField(rest[0])
      ? { points, score: Number(rest[0]), text: transcription(rest.slice(1)) }
      : { points, text: transcription(rest) };
  });
  return { stem, detections };
}

function isScoreField(field: string): boolean {
  return field !== '' && Number.isFinite(Number(field));
}
