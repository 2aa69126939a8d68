import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/core/report/baseline';
import { identifyIssues } from '../../../src/core/report/issues';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { checkThresholds } from '../../../src/core/report/threshold-check';
import { fixtureReport } from './helpers';

describe('renderMarkdown', () => {
  it('renders the fixture report', async () => {
    await expect(renderMarkdown(fixtureReport())).toMatchFileSnapshot('__snapshots__/report.md');
  });

  it('renders a partial run compared with a baseline', async () => {
    const baseline = fixtureReport();
    const r = fixtureReport();
    r.run = { ...r.run, id: 'run-2', partial: true, imagesDone: 8 };
    r.timing.wall_s *= 1.3;
    r.timing.images_per_s /= 1.3;
    r.accuracy.cleval!.meanImageHmean! -= 0.02;
    r.dataset.contentHash = 'a'.repeat(64);
    r.cache = null;
    r.comparison = compareReports(r, baseline, r.thresholds!.values);
    r.thresholds!.results = checkThresholds(r, r.thresholds!.values);
    r.thresholds!.unknownKeys = ['latency.p99_ms'];
    const md = renderMarkdown(r);
    await expect(md).toMatchFileSnapshot('__snapshots__/report-vs-baseline.md');
    expect(md).toContain('**partial run, 7 of 12 images evaluated, 1 failed**');
    expect(md).toContain('| Validation time | 5.74 s | 7.47 s | +30.0 % | **regression** |');
    expect(md).toContain('Unknown keys, not applied: `latency.p99_ms`.');
    expect(md).toContain('Cache off.');
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
