import { expect, test } from 'vitest';
import { openApp, runFromUi, waitReady } from './app-page';

test('storage full: a run whose History save fails stays shown and downloadable, and says why', async () => {
  const app = await openApp({ query: '?ep=wasm' });
  try {
    // The run history's IndexedDB refuses every write, as an origin over its quota does.
    await app.context.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
        if (this.transaction.db.name === 'detscope-history') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await app.page.reload();
    await waitReady(app.page);
    const report = await runFromUi(app.page, { limit: 2 });
    expect(report.run.imagesDone).toBe(2);
    // Shown under the Run button that started the run.
    const error = app.page.getByTestId('run-bar').locator('[data-testid=error][data-kind=StorageError]');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.textContent()).toContain(`The report of run ${report.run.id} could not be kept in History`);
    expect(await error.textContent()).toContain('download report.json');
    await app.page.getByTestId('tab-report').click();
    expect(await app.page.getByTestId('report-markdown').textContent()).toContain(report.run.id);
    const download = app.page.waitForEvent('download');
    await app.page.getByTestId('download-report.json').click();
    const saved = JSON.parse(await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
    expect(saved.run.id).toBe(report.run.id);
  } finally {
    await app.close();
  }
});
