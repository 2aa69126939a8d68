import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/core/report/baseline';
import type { Report, Thresholds } from '../../../src/core/report/schema';
import { checkThresholds } from '../../../src/core/report/threshold-check';
import { fixtureReport } from './helpers';

const gates: Thresholds = { validation: { time_regression_threshold_pct: 10 }, tolerance: { measurement_noise_pct: 2 }, accuracy: { max_hmean_drop: 0.01 } };
const baseline = fixtureReport();
const slower = (factor: number): Report => {
  const r = fixtureReport();
  r.timing.wall_s *= factor;
  r.timing.images_per_s /= factor;
  return r;
};
const row = (r: Report, metric: string) => compareReports(r, baseline, gates).rows.find((x) => x.metric === metric)!;

describe('compareReports', () => {
  it('finds nothing changed against itself, and no like-with-like warnings', () => {
    const c = compareReports(fixtureReport(), baseline, gates);
    expect(c.warnings).toEqual([]);
    expect(c.baseline).toEqual({ runId: baseline.run.id, startedAt: baseline.run.startedAt, detscopeVersion: '0.1.0' });
    expect(new Set(c.rows.map((x) => x.verdict))).toEqual(new Set(['unchanged', 'n/a']));
    expect(c.rows.find((x) => x.verdict === 'n/a')!.metric).toBe('Cache hit rate after warm-up');
  });

  it.each([
    [0.9, 'improved'],
    [1.015, 'unchanged'],
    [1.11, 'worse'],
    [1.125, 'regression'],
  ])('validation time x%d is %s (10 %% gate plus 2 %% noise)', (factor, verdict) => {
    const r = row(slower(factor), 'Validation time');
    expect(r.verdict).toBe(verdict);
    expect(r.changePct).toBeCloseTo((factor - 1) * 100, 9);
    expect(r.delta).toBeCloseTo(baseline.timing.wall_s * (factor - 1), 9);
  });

  it('gates the H-mean drop, and reports other accuracy changes without a gate', () => {
    const r = fixtureReport();
    r.accuracy.cleval!.meanImageHmean! -= 0.005;
    r.accuracy.cleval!.recall += 0.01;
    expect(row(r, 'H-mean').verdict).toBe('worse');
    expect(row(r, 'CLEval recall').verdict).toBe('improved');
    r.accuracy.cleval!.meanImageHmean! -= 0.01;
    expect(row(r, 'H-mean')).toMatchObject({ verdict: 'regression', delta: expect.closeTo(-0.015, 12) });
  });

  it('warns when dataset, model or execution provider differ', () => {
    const r = fixtureReport();
    r.dataset.contentHash = '0'.repeat(64);
    r.model!.sha256 = '1'.repeat(64);
    r.environment.ep = 'webgpu';
    const warnings = compareReports(r, baseline).warnings;
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^dataset content hash differs/);
    expect(warnings[1]).toMatch(/^model SHA-256 differs/);
    expect(warnings[2]).toBe('execution provider differs: baseline wasm, now webgpu');
  });

  it('feeds the baseline rules of the thresholds check', () => {
    const check = (r: Report) => checkThresholds(r, gates, compareReports(r, baseline, gates)).map((x) => [x.rule, x.status]);
    // The fixture has a failed image: the failed-images gate (default 0) applies without being configured.
    expect(check(slower(1.11))).toEqual([
      ['validation.time_regression_threshold_pct', 'pass'],
      ['accuracy.max_hmean_drop', 'pass'],
      ['validation.max_failed_images', 'fail'],
    ]);
    const bad = slower(1.2);
    bad.accuracy.cleval!.meanImageHmean! -= 0.02;
    expect(check(bad)).toEqual([
      ['validation.time_regression_threshold_pct', 'fail'],
      ['accuracy.max_hmean_drop', 'fail'],
      ['validation.max_failed_images', 'fail'],
    ]);
  });
});
