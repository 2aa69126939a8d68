import { describe, expect, test } from 'vitest';
import { exitCodeOf, nothingEvaluated, summaryLines, withHost } from '../../../scripts/cli';
import { compareReports, TIME_PER_IMAGE } from '../../../src/core/report/baseline';
import type { HostInfo } from '../../../src/core/report/schema';
import { validateReport } from '../../../src/core/report/validate';
import { fixtureReport, slowedBy } from '../report/helpers';

const cpuRule = (r: ReturnType<typeof fixtureReport>) => r.thresholds!.results.find((x) => x.rule === 'memory.max_cpu_memory_pct')!;

const host = (totalMemBytes: number, loadAverage1m = 0.1): HostInfo => ({ totalMemBytes, cpus: 2, cpuModel: 'Test CPU', loadAverage1m, platform: 'linux 6.1' });

describe('withHost', () => {
  test("the machine's memory turns the CPU memory gate from not measured into a figure", () => {
    const before = fixtureReport();
    expect(cpuRule(before).status).toBe('not measured');
    const peak = before.memory.summary.jsHeapBytes.peak!;
    const after = withHost(before, null, host(peak * 2));
    expect(after.memory.systemTotalBytes).toBe(peak * 2);
    expect(after.environment.host).toEqual(host(peak * 2));
    expect(cpuRule(after)).toMatchObject({ status: 'pass', figure: 50 });
    expect(cpuRule(withHost(before, null, host(peak)))).toMatchObject({ status: 'fail', figure: 100 });
    expect(validateReport(after).ok).toBe(true);
  });

  test('a busy machine, on either side, is a like-with-like warning of the comparison', () => {
    const baseline = withHost(fixtureReport(), null, host(2 ** 34, 1.6));
    const now = withHost(fixtureReport(), baseline, host(2 ** 34));
    expect(now.comparison!.warnings).toEqual(['the machine was busy before baseline (load 1.60 on 2 cores): its times include other processes\' work']);
    expect(withHost(fixtureReport(), null, host(2 ** 34)).comparison).toBeNull();
  });
});

describe('exitCodeOf', () => {
  test('0 when every check passes or is not measured', () => {
    const r = fixtureReport();
    expect(r.thresholds!.results.every((x) => x.status !== 'fail')).toBe(true);
    expect(exitCodeOf(r)).toBe(0);
  });

  test('1 when a threshold fails', () => {
    const r = fixtureReport();
    r.thresholds!.results[0].status = 'fail';
    expect(exitCodeOf(r)).toBe(1);
  });

  test('1 on a regression verdict even without thresholds', () => {
    const r = fixtureReport();
    const faster = slowedBy(fixtureReport(), 0.5);
    r.thresholds = null;
    r.comparison = compareReports(r, faster, { validation: { time_regression_threshold_pct: 10 } });
    expect(r.comparison.rows.find((x) => x.metric === TIME_PER_IMAGE)!.verdict).toBe('regression');
    expect(exitCodeOf(r)).toBe(1);
  });

  test('2 when every image failed, whatever the thresholds say, with the first failure named', () => {
    const r = fixtureReport();
    r.thresholds = null;
    r.run.imagesFailed = r.run.imagesDone;
    expect(exitCodeOf(r)).toBe(2);
    expect(nothingEvaluated(r)).toMatch(/^no image was evaluated: 12 of 12 failed \(first: receipt_0008\.jpg: decode failed: /);
  });
});

describe('summaryLines', () => {
  test('say evaluated and failed apart, and list the dataset problems first', () => {
    const r = fixtureReport();
    r.dataset.problems = [{ kind: 'invalid-json', severity: 'error', file: 'a.json', line: 2, column: 5, message: 'Invalid JSON', action: 'skipped' }];
    const lines = summaryLines(r);
    expect(lines[0]).toBe('1 dataset problem: 1 invalid-json');
    expect(lines[1]).toBe('error a.json:2:5: Invalid JSON [skipped]');
    expect(lines[2]).toMatch(/^Run \S+: 11 of 12 images evaluated, 1 failed on wasm, \d+\.\d\d s/);
    expect(lines.join('\n')).not.toMatch(/Infinity|NaN/);
  });

  test("a sweep's best setting is said, marked as tuned on the evaluation data, with its gain", () => {
    const r = fixtureReport();
    expect(summaryLines(r).join('\n')).not.toContain('sweep');
    const cell = (thresh: number, unclipRatio: number, hmean: number) => ({ thresh, unclipRatio, cleval: null, iou: null, hmean });
    const best = cell(0.2, 2, 0.9512);
    r.sensitivity = {
      tunedOnEvaluationData: true, metric: 'CLEval H-mean', grid: { thresh: [0.2, 0.3], unclipRatio: [1.5, 2] }, boxThresh: 0.6, minSize: 3, images: 12,
      cells: [cell(0.3, 1.5, 0.9), best], profile: { thresh: 0.3, unclipRatio: 1.5, hmean: 0.9 }, best, gain: 0.0512, msPerImage: 80, boxThreshTuned: null,
    };
    expect(summaryLines(r)).toContain("sweep, tuned on the evaluation data: best thresh 0.2, unclip_ratio 2: CLEval H-mean 0.9512 (+0.0512 over the profile's thresh 0.3, unclip_ratio 1.5); see report.md");
  });
});
