import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, runFromUi, waitReady } from './app-page';
import { summarize } from '../../src/core/profiler/stats';
import { validateReport } from '../../src/core/report/validate';
import { mergeReports } from '../../src/core/report/merge';
import type { Span } from '../../src/core/profiler/span';

type App = Awaited<ReturnType<typeof openApp>>;

describe('an evaluation run of the bundled sample (WASM)', () => {
  let app: App;
  let report: any;
  let spans: Span[];
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm' });
    await waitReady(app.page);
    report = await runFromUi(app.page, { batchSize: 8 });
    spans = await app.page.evaluate(() => [...window.detscope.live!.spans]);
  });
  afterAll(() => app?.close());

  test('every image has a result and the metrics are in range', () => {
    expect(report.run.partial).toBe(false);
    expect(report.images).toHaveLength(32);
    expect(report.images.map((i: any) => i.index)).toEqual([...Array(32).keys()]);
    for (const image of report.images) {
      expect(image.failed).toBeUndefined();
      for (const m of [image.cleval, image.iou]) for (const k of ['recall', 'precision', 'hmean']) expect(m[k]).toBeGreaterThanOrEqual(0), expect(m[k]).toBeLessThanOrEqual(1);
      expect(image.loss.total).toBeGreaterThan(0);
    }
    // PP-OCRv4 finds the printed lines of the synthetic receipts.
    expect(report.accuracy.iou.hmean).toBeGreaterThan(0.8);
    expect(report.accuracy.cleval.mode).toBe('official');
    expect(app.errors).toEqual([]);
  });

  test('memory: the inference worker’s WASM heap and the page’s JS heap are measured, GPU is n/a on WASM', () => {
    const m = report.memory.summary;
    // The model's weights alone are 4.7 MB; ORT's heap starts at 16 MiB and only grows.
    expect(m.wasmBytes.peak).toBeGreaterThan(16 * 2 ** 20);
    expect(m.wasmBytes.end).toBe(m.wasmBytes.peak);
    expect(m.jsHeapBytes.peak).toBeGreaterThan(0);
    expect(m.gpuBytes).toEqual({ peak: null, end: null });
    expect(report.memory.jsHeapSource).toBe('performance.memory');
  });

  test('the report validates against its JSON Schema', () => {
    const checked = validateReport(report);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
  });

  test("the profiler's figures agree with its spans", () => {
    expect(spans.length).toBe(32 * 6);
    for (const stage of ['prepare', 'infer', 'postprocess', 'metrics', 'collate', 'loss']) {
      const ms = spans.filter((s) => s.stage === stage).map((s) => s.end - s.start);
      expect(ms).toHaveLength(32);
      const mine = summarize(ms)!;
      const theirs = report.timing.stages[stage];
      for (const k of ['count', 'mean', 'median', 'p95', 'p99', 'min', 'max'] as const) expect(theirs[k]).toBeCloseTo(mine[k], 6);
    }
    const wall = (Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start))) / 1000;
    expect(report.timing.wall_s).toBeCloseTo(wall, 6);
    expect(report.timing.images_per_s).toBeCloseTo(32 / wall, 6);
    // Batch time as the original defined it: first stage start to last stage end of the batch.
    const batch0 = spans.filter((s) => s.batch === 0);
    expect(report.timing.batchTimesMs[0]).toBeCloseTo(Math.max(...batch0.map((s) => s.end)) - Math.min(...batch0.map((s) => s.start)), 6);
    expect(report.timing.batchTimesMs).toHaveLength(4);
  });

  test('each inference span carries its input shape; the report and the Run tab list the shapes', async () => {
    const infer = spans.filter((s) => s.stage === 'infer');
    const distinct = new Set(infer.map((s) => s.shape!.join('x')));
    for (const s of infer) expect(s.shape).toEqual([1, 3, expect.any(Number), expect.any(Number)]);
    expect(report.timing.shapes.map((s: any) => s.shape.join('x')).sort()).toEqual([...distinct].sort());
    expect(report.timing.shapes.reduce((n: number, s: any) => n + s.calls, 0)).toBe(32);
    await app.page.getByTestId('tab-run').click();
    expect(await app.page.locator('[data-testid=shape-table] tbody tr').count()).toBe(distinct.size);
  });

  test('the trace downloads from the report tab, parses, and has one track per worker', async () => {
    await app.page.getByTestId('tab-report').click();
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: /trace\.json/ }).click()]);
    const trace = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    const events = trace.traceEvents ?? trace;
    const workers = new Set(spans.map((s) => s.worker));
    const threadNames = events.filter((e: any) => e.ph === 'M' && e.name === 'thread_name').map((e: any) => e.args.name);
    expect(new Set(threadNames)).toEqual(workers);
    expect(events.filter((e: any) => e.ph === 'X')).toHaveLength(spans.length);
    // The thresholds table appears once: in the baseline panel, not again in the rendered Markdown.
    expect(await app.page.getByTestId('threshold-results').count()).toBe(1);
    expect(await app.page.getByTestId('report-markdown').getByRole('heading', { name: 'Thresholds' }).count()).toBe(0);
  });

  test('two shard runs merge to exactly the accuracy of the whole run', async () => {
    const shards = [];
    for (const index of [1, 2]) {
      await app.page.evaluate((index) => Object.assign(window.detscope.workbench.settings, { shard: { index, count: 2 }, collate: false }), index);
      await app.page.getByTestId('tab-run').click();
      await app.page.getByTestId('run').click();
      await app.page.waitForFunction((index) => window.detscope.report?.settings.shard?.index === index, index, { timeout: 300_000 });
      shards.push(await app.page.evaluate(() => JSON.parse(JSON.stringify(window.detscope.report))));
    }
    expect(shards.map((s) => s.images.length)).toEqual([16, 16]);
    const merged = mergeReports(shards);
    expect(merged.accuracy.cleval).toEqual(report.accuracy.cleval);
    expect(merged.accuracy.iou).toEqual(report.accuracy.iou);
    expect(merged.images.map((i) => [i.index, i.cleval, i.iou])).toEqual(report.images.map((i: any) => [i.index, i.cleval, i.iou]));
  });
});

describe('cancel and worker failure', () => {
  test('cancelling mid-run keeps what finished and marks the report partial', async () => {
    const app = await openApp({ query: '?ep=wasm' });
    try {
      await waitReady(app.page);
      await app.page.evaluate(() => Object.assign(window.detscope.workbench.settings, { batchSize: 4 }));
      await app.page.getByTestId('run').click();
      await app.page.waitForFunction(() => (window.detscope.live?.done ?? 0) >= 6, null, { timeout: 300_000 });
      // The live view shows the work under way, not only what finished: inference is the bottleneck here.
      await app.page.waitForFunction(() => /^infer: 1 running/.test(document.querySelector('[data-testid=in-flight-infer]')?.textContent ?? ''), null, { timeout: 30_000 });
      expect(await app.page.getByTestId('in-flight').textContent()).toMatch(/\d+ started, \d+ in progress/);
      expect(await app.page.getByTestId('elapsed').textContent()).toMatch(/^elapsed \d+ s$/);
      // On the spans' clock (epoch ms); the click's handler aborts synchronously.
      const cancelledAt = await app.page.evaluate(() => {
        const at = performance.timeOrigin + performance.now();
        (document.querySelector('[data-testid=cancel]') as HTMLButtonElement).click();
        return at;
      });
      await app.page.getByTestId('run-done').waitFor({ timeout: 300_000 });
      const report = await app.page.evaluate(() => JSON.parse(JSON.stringify(window.detscope.report)));
      // Queued inference never starts after a cancel; only the call in flight may finish.
      const inferStarts = report.spans.filter((s: any) => s.stage === 'infer').map((s: any) => s.start);
      expect(inferStarts.filter((t: number) => t > cancelledAt)).toEqual([]);
      expect(report.run.partial).toBe(true);
      expect(report.run.imagesDone).toBeGreaterThanOrEqual(6);
      expect(report.run.imagesDone).toBeLessThan(32);
      expect(report.images).toHaveLength(report.run.imagesDone);
      for (const image of report.images) expect(image.cleval).not.toBeNull();
      expect(await app.page.getByTestId('run-done').textContent()).toContain(`Partial run: ${report.run.imagesDone} of 32 images`);
    } finally {
      await app.close();
    }
  });

  test('a collate worker that crashes mid-run is replaced and every image is accounted for', async () => {
    const app = await openApp({ query: '?ep=wasm&crash-collate=5' });
    try {
      await waitReady(app.page);
      const report = await runFromUi(app.page, { batchSize: 4, limit: 12 });
      expect(report.images).toHaveLength(12);
      expect(report.images.filter((i: any) => i.failed)).toEqual([]);
      expect(report.images.every((i: any) => i.loss !== null)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
