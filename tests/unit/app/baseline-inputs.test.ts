import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readReportText } from '../../../src/app/components/report/read-report-file';
import { reportFiles } from '../../../src/app/components/report/report-files';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { parseThresholds } from '../../../src/core/report/thresholds';
import { validateReport } from '../../../src/core/report/validate';
import { attachVerdicts } from '../../../src/core/report/verdicts';
import { TIME_PER_IMAGE } from '../../../src/core/report/baseline';
import { fixtureReport, slowedBy } from '../report/helpers';

const defaults = parseThresholds(readFileSync(new URL('../../../thresholds/default.yaml', import.meta.url), 'utf8'));

describe('readReportText', () => {
  it('reads a report.json', () => {
    const result = readReportText(JSON.stringify(fixtureReport()), 'report.json');
    expect(result.ok && result.report.run.id).toBe(fixtureReport().run.id);
  });

  it('says when the file is not JSON', () => {
    const result = readReportText('{"schema_version": 1,', 'broken.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([expect.stringMatching(/^broken\.json is not JSON: /)]);
  });

  it('lists every schema error with its JSON path', () => {
    const r = fixtureReport() as unknown as { timing: { wall_s: number }; dataset: Record<string, unknown> };
    r.timing.wall_s = -1;
    delete r.dataset.contentHash;
    const result = readReportText(JSON.stringify(r), 'old.json');
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContain('/timing/wall_s: must be >= 0');
    expect(errors.some((e) => e.startsWith('/dataset: ') && e.includes('contentHash'))).toBe(true);
  });
});

describe('attachVerdicts', () => {
  it('compares with a faster, more accurate baseline: regressions, failed gates, like-with-like warnings', () => {
    const now = fixtureReport();
    const baseline = slowedBy(fixtureReport(), 1 / 1.5);
    baseline.run.id = 'base';
    baseline.accuracy.cleval!.meanImageHmean! += 0.05;
    baseline.environment.ep = 'webgpu';
    const out = attachVerdicts(now, { source: 'thresholds/default.yaml', loaded: defaults }, baseline);
    expect(out.comparison!.baseline.runId).toBe('base');
    expect(out.comparison!.warnings).toEqual(['execution provider differs: baseline webgpu, now wasm']);
    const verdict = (m: string) => out.comparison!.rows.find((r) => r.metric === m)!.verdict;
    expect(verdict(TIME_PER_IMAGE)).toBe('regression');
    expect(verdict('H-mean')).toBe('regression');
    const status = (rule: string) => out.thresholds!.results.find((r) => r.rule === rule)!.status;
    expect(status('validation.time_regression_threshold_pct')).toBe('fail');
    expect(status('accuracy.max_hmean_drop')).toBe('fail');
    expect(out.thresholds!.source).toBe('thresholds/default.yaml');
    // The result is still a valid report, and its Markdown carries the comparison.
    expect(validateReport(out).ok).toBe(true);
    expect(renderMarkdown(out)).toContain('| Validation time | 3.83 s | 5.74 s | +50.0 % | worse |');
    expect(now.comparison).toBeNull();
  });

  it('without a baseline, the baseline gates are not measured and the comparison is cleared', () => {
    const now = fixtureReport();
    now.comparison = attachVerdicts(now, { source: 'x', loaded: defaults }, fixtureReport()).comparison;
    const out = attachVerdicts(now, { source: 'x', loaded: defaults }, null);
    expect(out.comparison).toBeNull();
    const results = out.thresholds!.results.filter((r) => r.rule === 'accuracy.max_hmean_drop' || r.rule === 'validation.time_regression_threshold_pct');
    expect(results.map((r) => r.status)).toEqual(['not measured', 'not measured']);
  });

  it('reports unknown keys of the thresholds it applied', () => {
    const out = attachVerdicts(fixtureReport(), { source: 'mine.yaml', loaded: parseThresholds('latency:\n  p99_ms: 5\naccuracy:\n  min_hmean: 0.99\n') }, null);
    expect(out.thresholds!.unknownKeys).toEqual(['latency']);
    // The fixture's failed image fails the failed-images gate, which applies unconfigured.
    expect(out.thresholds!.results).toEqual([expect.objectContaining({ rule: 'accuracy.min_hmean', status: 'fail' }), expect.objectContaining({ rule: 'validation.max_failed_images', status: 'fail' })]);
  });
});

describe('reportFiles', () => {
  it('gives the Markdown, the JSON and the trace the CLI writes', () => {
    const r = fixtureReport();
    const [md, json, trace] = reportFiles(r);
    expect(md.content()).toBe(renderMarkdown(r));
    expect(JSON.parse(json.content() as string)).toEqual(r);
    const events = JSON.parse(trace.content() as string).traceEvents as { ph: string }[];
    expect(events.filter((e) => e.ph === 'X')).toHaveLength(r.spans!.length);
    expect(trace.unavailable).toBeUndefined();
    delete r.spans;
    expect(reportFiles(r)[2].unavailable).toBe('this report carries no profiler spans');
  });
});
