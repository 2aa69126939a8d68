/**
 * `npm run merge-reports -- DIR... [--out DIR] [--thresholds FILE] [--baseline FILE]`: merges
 * the shard reports of a `--shard I/N` run (one report.json per DIR, or the JSON files
 * themselves) into one report, checks it against the thresholds (by default the shards')
 * and the baseline, and writes report.json, report.md and trace.json. Exit codes as the CLI's.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mergeReports } from '../src/core/report/merge';
import { parseThresholds } from '../src/core/report/thresholds';
import { attachVerdicts, ownThresholds } from '../src/core/report/verdicts';
import { CliInputError, parseStrict, readReportFile, requirePath } from './lib/cli-args';
import { exitCodeOf, failInput, summaryLines, writeOutputs } from './cli';

const USAGE = 'Usage: npm run merge-reports -- DIR_OR_REPORT_JSON... [--out DIR] [--thresholds FILE.yaml] [--baseline report.json]';

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
  const thresholds = thresholdsFile ? { source: thresholdsFile, loaded: parseThresholds(readFileSync(thresholdsFile, 'utf8'), thresholdsFile) } : ownThresholds(shards[0]);
  const baseline = values.baseline ? readReportFile(values.baseline as string, '--baseline') : null;
  const report = attachVerdicts(mergeReports(shards), thresholds, baseline);
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
