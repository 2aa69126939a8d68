import type { Report } from './schema';

/** How many images a run evaluated, and how many it reached but could not evaluate. */
export interface RunCounts {
  evaluated: number;
  failed: number;
  /** Images the run meant to evaluate (its limit and shard applied). */
  total: number;
}

/** The counts of a report; one saved before `imagesFailed` was recorded counts its failed images. */
export function runCounts(report: Pick<Report, 'run' | 'images'>): RunCounts {
  const failed = report.run.imagesFailed ?? report.images.filter((i) => i.failed !== undefined).length;
  return { evaluated: report.run.imagesDone - failed, failed, total: report.run.imagesTotal };
}

/** "5 of 6 images evaluated, 1 failed": a failed image is never counted as done. */
export function countsText(c: RunCounts): string {
  return `${c.evaluated} of ${c.total} image${c.total === 1 ? '' : 's'} evaluated${c.failed > 0 ? `, ${c.failed} failed` : ''}`;
}
