import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectionsOf } from '../../src/core/analysis/findings';
import { score } from '../../src/core/report/format';
import { openApp, runFromUi, waitReady } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;
const RUN = { limit: 12, batchSize: 4, collate: false };

/** The bundled model on the first images of the bundled sample: a run, then what can be done with what it kept. */
describe('after a run: re-scoring without the model', () => {
  let app: App;
  let first: any;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm' });
    await waitReady(app.page);
    first = await runFromUi(app.page, RUN);
  });
  afterAll(() => app?.close());

  test('the breakdowns count every care GT and every counted detection once, and show in the Run tab', async () => {
    const sum = (rows: any[], k: string) => rows.reduce((n, r) => n + r[k], 0);
    for (const rows of [first.breakdowns.iou.byHeight, first.breakdowns.iou.byOrientation]) {
      expect(sum(rows, 'gt')).toBe(first.accuracy.iou.counts.gtCare);
      expect(sum(rows, 'det')).toBe(first.accuracy.iou.counts.detCare);
      expect(sum(rows, 'gtMatched')).toBe(first.accuracy.iou.counts.matched);
    }
    await expect(app.page.getByTestId('breakdowns').locator('tr[data-bin]').count()).resolves.toBe(8);
  });

  test('another box_thresh in the Run tab gives exactly what a fresh run with it gives (boxes and metrics)', async () => {
    const boxThresh = 0.75;
    expect(first.model.profile.post.boxThresh).toBe(0.6);
    await app.page.getByTestId('tune-box-thresh-number').fill(String(boxThresh));
    const shown = await app.page.getByTestId('tuned-iou-hmean').textContent();
    // The curve over box_thresh, its best value named.
    await app.page.getByTestId('tune-best').waitFor({ timeout: 60_000 });
    const rescored = await app.page.evaluate((p) => JSON.parse(JSON.stringify(window.detscope.rescore(p))), { boxThresh, minSize: 3 });

    await app.page.evaluate((t) => (window.detscope.workbench.profile.post.boxThresh = t), boxThresh);
    const fresh = await runFromUi(app.page, RUN);
    expect(fresh.model.profile.post.boxThresh).toBe(boxThresh);
    expect(rescored.accuracy).toEqual(fresh.accuracy);
    expect(fresh.accuracy).not.toEqual(first.accuracy);
    first.images.forEach((im: any, k: number) => {
      const again = detectionsOf({ polygons: im.found.polygons, detections: rescored.detections[k] });
      expect(again).toEqual(detectionsOf(fresh.images[k].found));
    });
    expect(shown).toBe(score(fresh.accuracy.iou.hmean));
    expect(app.errors).toEqual([]);
  });

  test("predictions.zip from the Report tab, evaluated as prediction files, gives exactly the run's metrics", async () => {
    const run = await app.page.evaluate(() => JSON.parse(JSON.stringify(window.detscope.report)));
    await app.page.getByTestId('tab-report').click();
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('download-predictions.zip').click()]);
    const zip = join(mkdtempSync(join(tmpdir(), 'detscope-preds-')), 'predictions.zip');
    await download.saveAs(zip);

    const before = await app.page.evaluateHandle(() => window.detscope.workbench.dataset);
    const sample = 'public/samples/receipts';
    const files = readdirSync(sample).filter((f) => f.endsWith('.jpg') || f === 'receipts.json');
    await app.page.locator('input[type=file][accept*=".zip"]').setInputFiles([...files.map((f) => join(sample, f)), zip]);
    await app.page.waitForFunction((old) => {
      const wb = window.detscope.workbench;
      return wb.dataset && wb.dataset !== old && !wb.datasetLoading;
    }, before);
    await app.page.getByTestId('with-model').uncheck();
    const fromFiles = await runFromUi(app.page, RUN);
    expect(fromFiles.model).toBeNull();
    expect(fromFiles.images.map((i: any) => i.name)).toEqual(run.images.map((i: any) => i.name));
    expect(fromFiles.accuracy).toEqual(run.accuracy);
    expect(app.errors).toEqual([]);
  });
});
