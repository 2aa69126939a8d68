import { strToU8, zipSync } from 'fflate';
import { stemOf } from '../dataset/sample';
import type { Polygon } from '../geometry/types';
import type { Report } from './schema';
import { detectionsOf } from '../analysis/findings';

export const PREDICTIONS_SCHEMA = 'detscope.predictions/1';

/** predictions.json: a run's detections, in original-image pixels. */
export interface PredictionsFile {
  schema: typeof PREDICTIONS_SCHEMA;
  run: { id: string; startedAt: string; dataset: string; model: string | null; postprocess: Record<string, unknown> | null };
  /** Every image the run finished, in dataset order; detections in the order the metrics saw them. */
  images: { name: string; detections: { points: Polygon; score: number }[] }[];
}

/** The images of a report that have detections to export (failed ones have none). */
function exported(report: Report) {
  return report.images.flatMap((im) => (im.found ? [{ name: im.name, detections: detectionsOf(im.found) }] : []));
}

/**
 * ICDAR result lines, `x1,y1,...,xn,yn,score`: every vertex as found (4 in box mode, more
 * in poly mode), then the score, shortest exact decimal, no transcription. detscope's
 * reader takes the number after an even run of coordinates as the confidence, so these
 * files evaluate (`--preds`) to exactly the run's metrics; a reader that takes the first
 * 8 numbers as a quadrilateral and the 9th as confidence (CLEval's QUAD layout) reads
 * box-mode files the same way, but not poly-mode polygons of more than 4 points.
 */
export function resultFileText(detections: readonly { points: Polygon; score: number }[]): string {
  return detections.map((d) => `${d.points.flat().join(',')},${d.score}\n`).join('');
}

/** `res_<image stem>.txt` per image (empty when nothing was detected), as `--preds` and the dataset drop read them. */
export function predictionsZip(report: Report): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const im of exported(report)) files[`res_${stemOf(im.name)}.txt`] = strToU8(resultFileText(im.detections));
  return zipSync(files, { level: 6 });
}

export function predictionsJson(report: Report): PredictionsFile {
  return {
    schema: PREDICTIONS_SCHEMA,
    run: {
      id: report.run.id,
      startedAt: report.run.startedAt,
      dataset: report.dataset.name,
      model: report.model?.fileName ?? null,
      postprocess: (report.model?.profile.post as Record<string, unknown> | undefined) ?? null,
    },
    images: exported(report),
  };
}

/** predictions.json as written by the Report tab and the CLI. */
export function predictionsJsonText(report: Report): string {
  return `${JSON.stringify(predictionsJson(report))}\n`;
}

/** Whether the report carries any detections to export (reports from before they were kept do not). */
export function hasPredictions(report: Report): boolean {
  return report.images.some((im) => im.found !== undefined);
}
