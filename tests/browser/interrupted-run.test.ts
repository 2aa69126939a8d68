import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { accuracyFromImages } from '../../src/core/metrics/accuracy';
import { APP_URL, openApp, waitReady } from './app-page';

/** The run summaries the app keeps in IndexedDB (read directly, as the page's History would after a reload). */
const storedSummaries = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<any[]>((resolve, reject) => {
        const open = indexedDB.open('detscope-history');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('reports')) return resolve([]);
          const get = db.transaction('reports').objectStore('reports').get('summaries');
          get.onsuccess = () => resolve(get.result ?? []);
          get.onerror = () => reject(get.error);
        };
      }),
  );

test('a page reloaded mid-run offers the interrupted run\'s partial report: its finished images, their metrics', async () => {
  const app = await openApp({ query: '?ep=wasm' });
  try {
    await waitReady(app.page);
    await app.page.evaluate(() => Object.assign((window as any).detscope.workbench.settings, { batchSize: 4 }));
    await app.page.getByTestId('run').click();
    // Finished images are checkpointed while the run goes on.
    await expect.poll(async () => (await storedSummaries(app.page)).find((s) => s.checkpoint)?.imagesDone ?? 0, { timeout: 300_000, interval: 200 }).toBeGreaterThanOrEqual(3);
    const runId = await app.page.evaluate(() => (window as any).detscope.live.runId);
    // Another tab of the app sees the run going on, not an interrupted one.
    const other = await app.context.newPage();
    await other.goto(`${APP_URL}?ep=wasm&model=none&dataset=none`);
    await other.getByTestId('tab-history').click();
    const elsewhere = other.locator(`[data-testid=history-row][data-run-id="${runId}"]`);
    await elsewhere.waitFor({ timeout: 60_000 });
    expect(await elsewhere.textContent()).toContain('running in another tab');
    expect(await other.getByTestId('interrupted-notice').count()).toBe(0);
    await other.close();
    await app.page.reload();

    const [kept] = (await storedSummaries(app.page)).filter((s) => s.id === runId);
    expect(kept).toMatchObject({ checkpoint: true, partial: true, imagesTotal: 32 });
    const n = kept.imagesDone;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThan(32);

    // The first screen says so and links to it.
    const notice = app.page.getByTestId('interrupted-notice');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.textContent()).toContain(`An earlier run was interrupted at ${n} of 32 images`);
    await waitReady(app.page);
    await app.page.getByTestId('open-interrupted').click();
    await app.page.getByTestId('run-done').waitFor();
    const report = await app.page.evaluate(() => JSON.parse(JSON.stringify((window as any).detscope.report)));
    expect(report.run).toMatchObject({ id: runId, partial: true, cancelled: true, imagesDone: n, imagesTotal: 32 });
    expect(report.images).toHaveLength(n);
    expect(new Set(report.images.map((i: any) => i.index)).size).toBe(n);
    for (const image of report.images) expect(image.cleval).not.toBeNull();
    // The metrics are those of the finished images alone.
    expect(report.accuracy).toEqual(accuracyFromImages(report.images, report.accuracy.cleval.mode));
    expect(await app.page.getByTestId('progress-text').textContent()).toContain(`${n} of 32 images evaluated`);
    expect(await notice.count()).toBe(0);

    // In History like any other run, marked interrupted; its report renders as a cancelled partial run and downloads.
    await app.page.getByTestId('tab-history').click();
    const row = app.page.locator(`[data-testid=history-row][data-run-id="${runId}"]`);
    expect(await row.getByTestId('interrupted').textContent()).toBe(`interrupted at ${n} of 32 images`);
    await row.getByRole('button', { name: 'Open' }).click();
    expect(await app.page.getByTestId('report-markdown').textContent()).toContain(`partial run (cancelled), ${n} of 32 images`);
    const download = app.page.waitForEvent('download');
    await app.page.getByTestId('download-report.json').click();
    const saved = JSON.parse(await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
    expect(saved.images).toHaveLength(n);
  } finally {
    await app.close();
  }
});
