import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, runFromUi, waitReady } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;
const DIR = 'tests/fixtures/reference/cleval';
const ORIGINAL_DIR = 'tests/fixtures/reference/cleval-seed';
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));
const expectedOriginal = JSON.parse(readFileSync(join(ORIGINAL_DIR, 'expected.json'), 'utf8'));

/**
 * The whole path without a model, through the UI: ICDAR GT and res_ prediction zips dropped
 * together, "run the model" unticked, CLEval computed in the post workers and accumulated
 * into the report. The official implementation's totals are the reference.
 */
describe('evaluating prediction files without a model', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm&dataset=none' });
    await waitReady(app.page, false);
  });
  afterAll(() => app?.close());

  async function evaluateFiles(files: string[], clevalMode: 'official' | 'seed') {
    const before = await app.page.evaluateHandle(() => window.detscope.workbench.dataset);
    await app.page.locator('input[type=file][accept*=".zip"]').setInputFiles(files);
    await app.page.waitForFunction((old) => {
      const wb = window.detscope.workbench;
      return wb.dataset && wb.dataset !== old && !wb.datasetLoading;
    }, before);
    await app.page.getByTestId('with-model').uncheck();
    return runFromUi(app.page, { clevalMode });
  }

  for (const [pair, want] of Object.entries<any>(expected.pairs)) {
    test(`CLEval totals of the "${pair}" pair match the official implementation`, async () => {
      const report = await evaluateFiles([join(DIR, want.gt), join(DIR, want.res)], 'official');
      expect(report.model).toBeNull();
      expect(report.environment.ep).toBe('none');
      for (const k of ['recall', 'precision', 'hmean'] as const) expect(Math.abs(report.accuracy.cleval[k] - want.det[k])).toBeLessThan(1e-9);
      expect(report.accuracy.cleval.counts.numCharGt).toBe(want.det.num_char_gt);
    });
  }

  for (const [pair, want] of Object.entries<any>(expectedOriginal.pairs)) {
    test(`the original project's variant on the "${pair}" pair matches its reference`, async () => {
      const report = await evaluateFiles([join(ORIGINAL_DIR, want.gt), join(ORIGINAL_DIR, want.res)], 'seed');
      expect(report.accuracy.cleval.mode).toBe('seed');
      for (const k of ['recall', 'precision', 'hmean'] as const) expect(Math.abs(report.accuracy.cleval[k] - want.det[k])).toBeLessThan(1e-9);
      expect(Math.abs(report.accuracy.cleval.meanImageHmean - want.mean_over_images.hmean)).toBeLessThan(1e-6);
    });
  }
});
