import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, runFromUi, waitReady } from './app-page';

/** What each place of the Run tab shows that comes from the run (not the clock: elapsed and images/s tick on). */
async function runTabFigures(page: Page) {
  const text = (id: string) => page.getByTestId(id).innerText();
  await page.getByTestId('image-table').locator('tbody tr button').first().click();
  await page.getByTestId('inspector-canvas').waitFor();
  const figures = {
    progress: await text('progress-text'),
    batches: await page.getByTestId('batch-chart').locator('p').first().innerText(),
    stages: await text('stage-table'),
    cacheAndMemory: await text('cache-memory'),
    metrics: await text('metrics'),
    images: await text('image-table'),
    inspector: (await text('inspector')).replace(/\n/g, ' '),
    tuner: (await text('tune-timing')).replace(/ in [\d.]+ ms$/, ''),
  };
  await page.getByTestId('inspector').getByRole('button', { name: 'Close' }).click();
  return figures;
}

test('History -> Open shows that run whole: progress, charts, profiler, metrics, images, inspector and tuner', async () => {
  const app = await openApp({ query: '?ep=wasm' });
  try {
    await waitReady(app.page);
    const older = await runFromUi(app.page, { limit: 4, batchSize: 2 });
    const olderFigures = await runTabFigures(app.page);
    expect(olderFigures.progress).toContain('4 of 4 images evaluated');
    expect(olderFigures.batches).toMatch(/^2 batches/);
    expect(olderFigures.tuner).toBe('4 images re-evaluated');

    const newer = await runFromUi(app.page, { limit: 9, batchSize: 3 });
    const newerFigures = await runTabFigures(app.page);
    for (const key of Object.keys(olderFigures) as (keyof typeof olderFigures)[]) expect(newerFigures[key], key).not.toBe(olderFigures[key]);

    await app.page.getByTestId('tab-history').click();
    await app.page.locator(`[data-testid=history-row][data-run-id="${older.run.id}"]`).getByRole('button', { name: 'Open' }).click();
    expect(await app.page.getByTestId('report-markdown').textContent()).toContain(older.run.id);
    await app.page.getByTestId('tab-run').click();
    expect(await app.page.getByTestId('opened-run').textContent()).toContain('opened from History');
    expect(await runTabFigures(app.page)).toEqual(olderFigures);

    // And back: the page's latest run, whole again.
    await app.page.getByTestId('opened-run').getByRole('button', { name: 'Show the latest run' }).click();
    expect(await app.page.evaluate(() => (window as any).detscope.report.run.id)).toBe(newer.run.id);
    expect(await runTabFigures(app.page)).toEqual(newerFigures);
  } finally {
    await app.close();
  }
});
