import { compareReports } from '../../../core/report/baseline';
import type { Report } from '../../../core/report/schema';
import { checkThresholds } from '../../../core/report/threshold-check';
import type { LoadedThresholds } from '../../../core/report/thresholds';

/**
 * The report compared with `baseline` (none: no comparison) and checked against the
 * thresholds: what its report.json and report.md then carry.
 */
export function applyBaseline(report: Report, baseline: Report | null, loaded: LoadedThresholds, source: string): Report {
  const values = loaded.thresholds;
  const comparison = baseline ? compareReports(report, baseline, values) : null;
  const results = checkThresholds(report, values, comparison);
  return { ...report, comparison, thresholds: { source, values, unknownKeys: loaded.unknownKeys, results } };
}
