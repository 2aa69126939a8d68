import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/numerics/prng';
import { compareReports, TIME_PER_IMAGE } from '../../../src/core/report/baseline';
import type { Report, Thresholds } from '../../../src/core/report/schema';
import { checkThresholds } from '../../../src/core/report/threshold-check';
import { fixtureReport, slowedBy } from './helpers';

const gates: Thresholds = { validation: { time_regression_threshold_pct: 10 }, tolerance: { measurement_noise_pct: 2 }, accuracy: { max_hmean_drop: 0.01 } };
const baseline = fixtureReport();
const slower = (factor: number): Report => slowedBy(fixtureReport(), factor);
/** Each span's duration times its own factor from `draw`: the jitter of a shared machine. */
const jittered = (draw: () => number): Report => {
  const r = fixtureReport();
  r.spans = r.spans!.map((s) => ({ ...s, end: s.start + (s.end - s.start) * draw() }));
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
  ])('time per image x%d is %s (a 10 percent gate plus 2 percent noise)', (factor, verdict) => {
    const r = row(slower(factor), TIME_PER_IMAGE);
    expect(r.verdict).toBe(verdict);
    // Spans are epoch milliseconds: a duration keeps ~1e-4 ms of precision.
    expect(r.changePct).toBeCloseTo((factor - 1) * 100, 2);
    // Every image slowed alike: the paired interval has no width.
    expect(r.interval).toMatchObject({ lowPct: expect.closeTo((factor - 1) * 100, 2), highPct: expect.closeTo((factor - 1) * 100, 2), paired: true, samplesNow: 12 });
  });

  it('gates neither wall time nor throughput: one sample per run says nothing about noise', () => {
    const r = fixtureReport();
    r.timing.wall_s *= 1.5;
    expect(row(r, 'Validation time').verdict).toBe('worse');
    expect(row(r, TIME_PER_IMAGE).verdict).toBe('unchanged');
  });

  it('does not flag the same run with a shared machine\'s jitter and a few stalled images', () => {
    const rand = mulberry32(7);
    // Each span 0.8-1.25x, and two images' work five times longer: the mean moves by ~30 %.
    const r = jittered(() => 0.8 + 0.45 * rand());
    for (const s of r.spans!) if (s.image === 3 || s.image === 8) s.end = s.start + (s.end - s.start) * 5;
    const t = row(r, TIME_PER_IMAGE);
    expect(t.verdict).not.toBe('regression');
    expect(t.interval!.lowPct).toBeLessThan(10);
    expect(checkThresholds(r, gates, compareReports(r, baseline, gates)).find((x) => x.rule === 'validation.time_regression_threshold_pct')!.status).toBe('pass');
  });

  it('finds a slowdown of every image through the same jitter', () => {
    const rand = mulberry32(11);
    const r = jittered(() => 1.4 * (0.95 + 0.1 * rand()));
    const t = row(r, TIME_PER_IMAGE);
    expect(t.verdict).toBe('regression');
    expect(t.interval!.lowPct).toBeGreaterThan(30);
  });

  it('compares medians unpaired when the runs timed different images', () => {
    const r = slower(2);
    r.spans = r.spans!.map((s) => ({ ...s, image: s.image === undefined ? undefined : s.image + 100 }));
    const t = row(r, TIME_PER_IMAGE);
    expect(t.interval!.paired).toBe(false);
    expect(t.changePct).toBeCloseTo(100, 2);
    expect(t.interval!.lowPct).toBeLessThan(t.interval!.highPct);
  });

  it('gives no time verdict, and says why, with fewer than 5 timed images', () => {
    const r = fixtureReport();
    r.spans = r.spans!.filter((s) => s.image === undefined || s.image < 4);
    const c = compareReports(r, baseline, gates);
    expect(c.rows.find((x) => x.metric === TIME_PER_IMAGE)!.verdict).toBe('n/a');
    expect(c.warnings).toContain('no time verdict: this run has 4 timed images (at least 5 each are needed; reports without spans have none)');
    expect(checkThresholds(r, gates, c).find((x) => x.rule === 'validation.time_regression_threshold_pct')!.status).toBe('not measured');
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
