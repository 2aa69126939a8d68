import type { DatasetProblem, Report } from './schema';

/** How many problems the CLI and the Markdown list one by one; the report keeps them all. */
export const PROBLEMS_LISTED = 20;

/** The report's problems; one saved before they were recorded in full has its skipped list only. */
export function reportProblems(report: Pick<Report, 'dataset'>): DatasetProblem[] {
  return report.dataset.problems ?? report.dataset.skipped.map((s) => ({ kind: 'skipped', severity: 'error', file: s.file, message: s.reason, action: 'skipped' }));
}

/** `train.json:4:3`, `gt_1.txt:7`, or `train.json at images["a.jpg"]`: where to look. */
export function problemWhere(p: DatasetProblem): string {
  const file = p.file || '(dataset)';
  const at = p.line !== undefined ? `${file}:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : file;
  return p.path !== undefined ? `${at} at ${p.path}` : at;
}

/** "2 invalid-json, 1 missing-image", most frequent first. */
export function problemCounts(problems: readonly DatasetProblem[]): string {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([kind, n]) => `${n} ${kind}`).join(', ');
}

/** A count per kind, then the first `listed` problems with where, what and what was done. */
export function problemLines(problems: readonly DatasetProblem[], listed = PROBLEMS_LISTED): string[] {
  if (problems.length === 0) return [];
  const lines = [`${problems.length} dataset problem${problems.length === 1 ? '' : 's'}: ${problemCounts(problems)}`];
  for (const p of problems.slice(0, listed)) lines.push(`${p.severity === 'error' ? 'error' : 'warning'} ${problemWhere(p)}: ${p.message} [${p.action}]`);
  if (problems.length > listed) lines.push(`... and ${problems.length - listed} more (all in report.json, dataset.problems)`);
  return lines;
}
