import { describe, expect, it } from 'vitest';
import { compareReports, TIME_PER_IMAGE } from '../../../src/core/report/baseline';
import { identifyIssues } from '../../../src/core/report/issues';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { checkThresholds } from '../../../src/core/report/threshold-check';
import { fixtureReport, slowedBy } from './helpers';

describe('renderMarkdown', () => {
  it('renders the fixture report', async () => {
    await expect(renderMarkdown(fixtureReport())).toMatchFileSnapshot('__snapshots__/report.md');
  });

  it('renders a partial run compared with a baseline', async () => {
    const baseline = fixtureReport();
    const r = slowedBy(fixtureReport(), 1.3);
    r.run = { ...r.run, id: 'run-2', partial: true, imagesDone: 8 };
    r.accuracy.cleval!.meanImageHmean! -= 0.02;
    r.dataset.contentHash = 'a'.repeat(64);
    r.cache = null;
    r.comparison = compareReports(r, baseline, r.thresholds!.values);
    r.thresholds!.results = checkThresholds(r, r.thresholds!.values);
    r.thresholds!.unknownKeys = ['latency.p99_ms'];
    const md = renderMarkdown(r);
    await expect(md).toMatchFileSnapshot('__snapshots__/report-vs-baseline.md');
    expect(md).toContain('**partial run, 7 of 12 images evaluated, 1 failed**');
    expect(md).toContain('| Validation time | 5.74 s | 7.47 s | +30.0 % | worse |');
    expect(md).toMatch(new RegExp(`\\| ${TIME_PER_IMAGE.replace(/[()]/g, '\\$&')} \\| [\\d.]+ ms \\| [\\d.]+ ms \\| \\+30\\.0 % \\(95 % CI \\+30\\.0 to \\+30\\.0 %, 12 images paired\\) \\| \\*\\*regression\\*\\* \\|`));
    expect(md).toContain('Unknown keys, not applied: `latency.p99_ms`.');
    expect(md).toContain('Cache off.');
  });
});

describe('the Markdown report as a baseline document', () => {
  it('opens with FAIL and the failed gates and regressions, or PASS and what was checked', () => {
    // The fixture's one failed image would fail `validation.max_failed_images` in both cases.
    const complete = () => {
      const r = fixtureReport();
      r.images = r.images.filter((i) => i.failed === undefined);
      return r;
    };
    const baseline = complete();
    const r = slowedBy(complete(), 1.5);
    r.comparison = compareReports(r, baseline, r.thresholds!.values);
    r.thresholds!.results = checkThresholds(r, r.thresholds!.values);
    expect(renderMarkdown(r).split('\n')[2]).toBe(`**FAIL**: 1 threshold failed (\`validation.time_regression_threshold_pct\`); regression in ${TIME_PER_IMAGE}.`);
    const same = complete();
    same.comparison = compareReports(same, baseline, same.thresholds!.values);
    same.thresholds!.results = checkThresholds(same, same.thresholds!.values);
    expect(renderMarkdown(same).split('\n')[2]).toBe(`**PASS**: 6 thresholds passed, 3 not measured here; no regression against \`${baseline.run.id}\`.`);
    same.thresholds = null;
    same.comparison = null;
    expect(renderMarkdown(same).split('\n')[2]).toBe('**NO VERDICT**: no thresholds checked and no baseline given.');
  });

  it('leaves images with nothing to score out of the worst-image table, and says so', () => {
    const r = fixtureReport();
    const empty = r.images.find((i) => i.failed === undefined)!;
    empty.cleval = { recall: 0, precision: 0, hmean: 0, counts: { ...empty.cleval!.counts, numCharGt: 0, numCharDet: 0 } };
    empty.iou = { recall: 0, precision: 0, hmean: 0, counts: { gtCare: 0, detCare: 0, matched: 0 } };
    const md = renderMarkdown(r);
    expect(md).toContain('1 image with no care GT and no detection, nothing to score, left out.');
    expect(md).not.toMatch(new RegExp(`\\| ${empty.name} \\|`));
  });
});

describe('the dataset line', () => {
  it('names the box type ICDAR lines were read with, when there were any', () => {
    const r = fixtureReport();
    expect(renderMarkdown(r)).not.toContain('boxes)');
    r.dataset.boxType = 'ltrb';
    expect(renderMarkdown(r)).toContain(`(${r.dataset.format}, LTRB boxes)`);
  });
});

describe('identifyIssues', () => {
  it('flags uneven batch times, a dominant stage, a cold cache, WASM fallback and skipped samples', () => {
    const r = fixtureReport();
    r.timing.batches = { ...r.timing.batches!, mean: 100, p95: 151, std: 51 };
    r.cache!.hitRateAfterWarmup = 0.5;
    const issues = identifyIssues(r);
    expect(issues).toEqual([
      'Batch times vary: P95 151.0 ms is over 1.5x the mean 100.0 ms.',
      'Batch times are unsteady: the standard deviation 51.0 ms is over half the mean 100.0 ms.',
      expect.stringMatching(/^Stage `infer` takes 72\.\d % of the critical path/),
      'Cache hit rate after 10 warm-up batches is 50.0 %, under 80 %.',
      'Inference fell back to WASM: navigator.gpu.requestAdapter() returned null.',
      '1 sample was skipped (see Dataset).',
      '1 image failed and has no results: the figures cover the 11 evaluated.',
    ]);
  });

  it('finds nothing on a steady, balanced run on WebGPU', () => {
    const r = fixtureReport();
    r.timing.batches = { ...r.timing.batches!, mean: 100, p95: 150, std: 50 };
    r.timing.criticalPath = { shares: { infer: 0.6, decode: 0.4 }, idleShare: 0 };
    r.cache!.hitRateAfterWarmup = 0.8;
    r.environment = { ...r.environment, ep: 'webgpu', fallbackReason: null };
    r.dataset.skipped = [];
    r.images = r.images.filter((i) => i.failed === undefined);
    expect(identifyIssues(r)).toEqual([]);
  });
});
