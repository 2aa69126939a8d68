import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headlineHmean } from '../../src/core/metrics/headline';
import { validateReport } from '../../src/core/report/validate';
import { openApp, runFromUi, waitReady } from './app-page';
import { readReport, script } from './cli-script';

type App = Awaited<ReturnType<typeof openApp>>;
const RUN = { limit: 4, batchSize: 4, collate: false };
// The profile's own values (thresh 0.3, unclip_ratio 1.5) are not in the grid: the best cell is always another setting.
const GRID = { thresh: [0.2, 0.45], unclipRatio: [1.3, 2.2] };

describe('a thresh x unclip_ratio sweep from the run settings', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm' });
    await waitReady(app.page);
  });
  afterAll(() => app?.close());

  test('a bad value is named next to the field and holds the run', async () => {
    await app.page.getByTestId('sweep-on').check();
    await app.page.getByTestId('sweep-thresh').fill('0.2,abc');
    await expect(app.page.getByTestId('sweep-problem').textContent()).resolves.toContain('thresh values "0.2,abc": "abc" is not a number');
    await expect(app.page.getByTestId('run').isDisabled()).resolves.toBe(true);
  });

  test("its best setting, applied to the profile, gives in a fresh run the H-mean the sweep found", async () => {
    await app.page.getByTestId('sweep-thresh').fill(GRID.thresh.join(','));
    await app.page.getByTestId('sweep-unclip').fill(GRID.unclipRatio.join(','));
    const swept = await runFromUi(app.page, RUN);
    expect(validateReport(swept).ok).toBe(true);
    expect(swept.settings.sweep).toEqual(GRID);
    expect(swept.timing.stages.sweep.count).toBe(RUN.limit);
    const s = swept.sensitivity;
    expect(s.cells).toHaveLength(4);
    expect(s.profile.hmean).toBe(headlineHmean(swept.accuracy)!.value);
    await expect(app.page.getByTestId('sweep-grid').locator('[data-best=true]').getAttribute('data-thresh')).resolves.toBe(String(s.best.thresh));

    await app.page.getByTestId('sweep-apply').click();
    const post = await app.page.evaluate(() => JSON.parse(JSON.stringify((window as any).detscope.workbench.profile.post)));
    expect(post).toMatchObject({ thresh: s.best.thresh, unclipRatio: s.best.unclipRatio, boxThresh: swept.model.profile.post.boxThresh });
    await app.page.getByTestId('sweep-on').uncheck();
    const fresh = await runFromUi(app.page, RUN);
    expect(fresh.sensitivity).toBeUndefined();
    expect(fresh.model.profile.post).toMatchObject({ thresh: s.best.thresh, unclipRatio: s.best.unclipRatio });
    expect(headlineHmean(fresh.accuracy)!.value).toBe(s.best.hmean);
    expect(fresh.accuracy.iou.hmean).toBe(s.best.iou.hmean);
    expect(fresh.accuracy.cleval.hmean).toBe(s.best.cleval.hmean);
    expect(app.errors).toEqual([]);
  });
});

test('the CLI sweep flags reach the report and its Markdown', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'detscope-sweep-')), 'out');
  const r = await script('cli', ['--limit', '2', '--no-collate', '--sweep-thresh', '0.2,0.4', '--sweep-unclip', '2', '--out', out]);
  expect(r.code, r.stdout + r.stderr).toBeLessThan(2);
  const report = readReport(out);
  expect(report.settings.sweep).toEqual({ thresh: [0.2, 0.4], unclipRatio: [2] });
  expect(report.sensitivity?.cells.map((c) => [c.thresh, c.unclipRatio])).toEqual([[0.2, 2], [0.4, 2]]);
  expect(report.sensitivity?.msPerImage).toBeGreaterThan(0);
  expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## Post-processing sensitivity');
});
