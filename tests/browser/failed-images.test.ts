import { expect, test } from 'vitest';
import { openApp, runFromUi, waitReady } from './app-page';

test('the Run tab counts undecodable images as failed, not done', async () => {
  const app = await openApp({ query: '?ep=wasm&dataset=none' });
  try {
    await waitReady(app.page, false);
    await app.page.locator('input[webkitdirectory]').setInputFiles('tests/fixtures/bad-inputs/run-undecodable-image');
    await app.page.waitForFunction(() => window.detscope.workbench.dataset?.samples.length === 3 && !window.detscope.workbench.datasetLoading);
    const report = await runFromUi(app.page);
    expect(report.run).toMatchObject({ imagesDone: 3, imagesFailed: 2 });
    const progress = await app.page.getByTestId('progress-text').textContent();
    expect(progress).toMatch(/1 of 3 images evaluated, 2 failed/);
    expect(await app.page.getByTestId('run-done').textContent()).toContain('Done: 1 of 3 images evaluated, 2 failed');
    await app.page.getByTestId('tab-report').click();
    expect(await app.page.getByTestId('report-markdown').textContent()).toContain('validation.max_failed_images');
  } finally {
    await app.close();
  }
});
