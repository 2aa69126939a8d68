import { compareReports } from './baseline';
import type { Comparison, Report } from './schema';
import { checkThresholds } from './threshold-check';
import type { LoadedThresholds } from './thresholds';

export interface ThresholdsSource {
  /** Where the thresholds came from: a file name, or `thresholds/default.yaml`. */
  source: string;
  loaded: LoadedThresholds;
}

/** The thresholds a report was checked against, to check it again after a change. */
export const ownThresholds = (r: Report): ThresholdsSource | null =>
  r.thresholds && { source: r.thresholds.source, loaded: { thresholds: r.thresholds.values, unknownKeys: r.thresholds.unknownKeys } };

/**
 * The one place a report gets its verdicts: compared with `baseline` (none: no comparison;
 * a comparison made earlier, when the baseline report itself is no longer at hand), then
 * checked against the thresholds (none: no thresholds block), whose baseline rules read that
 * comparison. A run, a report loaded in the UI, merged shards and the CLI all come here.
 */
export function attachVerdicts(report: Report, thresholds: ThresholdsSource | null, baseline: Report | Comparison | null): Report {
  const values = thresholds?.loaded.thresholds ?? {};
  const comparison = baseline === null ? null : 'rows' in baseline ? baseline : compareReports(report, baseline, values);
  const out: Report = { ...report, comparison, thresholds: null };
  if (thresholds) out.thresholds = { source: thresholds.source, values, unknownKeys: thresholds.loaded.unknownKeys, results: checkThresholds(out, values, out.comparison) };
  return out;
}
