/**
 * `npm run merge-reports -- DIR... [--out DIR] [--thresholds FILE] [--baseline FILE]`: merges
 * the shard reports of a `--shard I/N` run (one report.json per DIR, or the JSON files
 * themselves) into one report, checks it against the thresholds (by default the shards')
 * and the baseline, and writes report.json, report.md and trace.json. Exit codes as the CLI's.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compareReports } from '../src/core/report/baseline';
import { mergeReports } from '../src/core/report/merge';
import { checkThresholds } from '../src/core/report/threshold-check';
import { parseThresholds, type LoadedThresholds } from '../src/core/report/thresholds';
import type { Report } from '../src/core/report/schema';
import { CliInputError, parseStrict, readReportFile, requirePath } from './lib/cli-args';
import { exitCodeOf, failInput, summaryLines, writeOutputs } from './cli';

const USAGE = 'Usage: npm run merge-reports -- DIR_OR_REPORT_JSON... [--out DIR] [--thresholds FILE.yaml] [--baseline report.json]';

/** The merged report checked like a run: thresholds (given, or the shards'), and the baseline when given. */
export function checkMerged(merged: Report, thresholds: { source: string; loaded: LoadedThresholds } | null, baseline: Report | null): Report {
  const values = thresholds?.loaded.thresholds ?? {};
  const comparison = baseline ? compareReports(merged, baseline, values) : null;
  return {
    ...merged,
    comparison,
    thresholds: thresholds && { source: thresholds.source, values, unknownKeys: thresholds.loaded.unknownKeys, results: checkThresholds(merged, values, comparison) },
  };
}

function reportPath(input: string): string {
  requirePath(input, 'a shard report', 'any');
  const path = statSync(input).isDirectory() ? join(input, 'report.json') : input;
  if (!existsSync(path)) throw new CliInputError(`${input} has no report.json`, 'Give the --out folder of each shard run, or its report.json.', { file: input });
  return path;
}

function main(): void {
  const { values, positionals } = parseStrict(
    process.argv.slice(2),
    { out: { type: 'string', default: 'detscope-report-merged' }, thresholds: { type: 'string' }, baseline: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    true,
  );
  if (values.help) return console.log(USAGE);
  if (positionals.length === 0) throw new CliInputError('no shard reports given', USAGE);
  const shards = positionals.map((p) => readReportFile(reportPath(p), p));
  const thresholdsFile = values.thresholds as string | undefined;
  if (thresholdsFile) requirePath(thresholdsFile, '--thresholds', 'file');
  const own = shards[0].thresholds;
  const thresholds = thresholdsFile
    ? { source: thresholdsFile, loaded: parseThresholds(readFileSync(thresholdsFile, 'utf8'), thresholdsFile) }
    : own && { source: own.source, loaded: { thresholds: own.values, unknownKeys: own.unknownKeys } };
  const baseline = values.baseline ? readReportFile(values.baseline as string, '--baseline') : null;
  const report = checkMerged(mergeReports(shards), thresholds, baseline);
  const written = writeOutputs(report, report.spans ?? [], resolve(values.out as string));
  for (const line of summaryLines(report)) console.log(line);
  console.log(`merged ${shards.length} reports; wrote ${written.join(', ')}`);
  process.exitCode = exitCodeOf(report);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main();
  } catch (e) {
    failInput(e);
  }
}
