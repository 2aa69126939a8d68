import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator } from 'playwright-core';
import { openApp, runFromUi, waitReady } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;
const VIEWPORT = { width: 1440, height: 900 };

/** The element's box, which must lie wholly inside `outer` (the viewport unless given). */
async function expectInside(locator: Locator, outer: { x: number; y: number; width: number; height: number } = { x: 0, y: 0, ...VIEWPORT }) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  const { x, y, width, height } = box!;
  expect({ left: x, top: y, right: x + width, bottom: y + height }).toEqual({
    left: expect.toSatisfy((v: number) => v >= outer.x),
    top: expect.toSatisfy((v: number) => v >= outer.y),
    right: expect.toSatisfy((v: number) => v <= outer.x + outer.width),
    bottom: expect.toSatisfy((v: number) => v <= outer.y + outer.height),
  });
}

/** How far the page itself can scroll: the layout must not need it to show Run and the results. */
const pageOverflow = (app: App) => app.page.evaluate(() => document.scrollingElement!.scrollHeight - innerHeight);

describe('the first screen at 1440x900 (WASM)', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm', viewport: VIEWPORT });
    await waitReady(app.page);
  });
  afterAll(() => app?.close());

  test('Run and the results area are in view without scrolling, on first load and after a run', async () => {
    await expectInside(app.page.getByTestId('run'));
    await expectInside(app.page.getByTestId('results'));
    expect(await pageOverflow(app)).toBeLessThanOrEqual(0);

    const report = await runFromUi(app.page, { limit: 2 });
    for (const id of ['run', 'results', 'run-done', 'metrics']) await expectInside(app.page.getByTestId(id));
    expect(await pageOverflow(app)).toBeLessThanOrEqual(0);
    // A first run in a fresh browser profile hits nothing: its cache's net time saved is a cost, which says why.
    expect(report.cache.memoryHits + report.cache.diskHits).toBe(0);
    expect(report.cache.netTimeSavedMs).toBeLessThan(0);
    expect(await app.page.getByTestId('time-saved-note').textContent()).toBe(
      'Net time saved is negative: the misses paid to compute and store entries that a later run on the same data hits; run it again to see the saving.',
    );
    expect(app.errors).toEqual([]);
  });

  test("each error shows inside the panel of the control that caused it: a broken model by the model's drop zone, a broken zip in the dataset panel", async () => {
    const modelPanel = app.page.getByTestId('model-panel');
    const datasetPanel = app.page.getByTestId('dataset');
    await app.page.locator('input[type=file][accept*=".onnx"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => modelPanel.getByTestId('error').count()).toBe(1);
    expect(await modelPanel.getByTestId('error').textContent()).toContain('"notes.txt" is not an ONNX model');
    await expectInside(modelPanel.getByTestId('error'), (await modelPanel.boundingBox())!);

    // A dataset's problems are listed where it was dropped, open when one is an error.
    await app.page.locator('input[type=file][accept^=".zip"]').setInputFiles({ name: 'receipts.zip', mimeType: 'application/zip', buffer: Buffer.from('<html>not a zip</html>') });
    const issues = datasetPanel.getByTestId('dataset-issues');
    await issues.waitFor({ timeout: 30_000 });
    expect(await issues.textContent()).toContain('receipts.zip Cannot open the zip archive');
    await expectInside(issues, (await datasetPanel.boundingBox())!);
    // Each stays with its own control.
    expect(await app.page.getByTestId('error').count()).toBe(1);
    expect(await modelPanel.getByTestId('error').count()).toBe(1);
  });

  test("the model profile's boxes stay inside its panel", async () => {
    await app.page.getByText('Model profile', { exact: true }).first().click();
    const editor = app.page.getByTestId('profile-editor');
    const panel = (await editor.boundingBox())!;
    const fields = editor.locator('input:not([type=file]), select');
    expect(await fields.count()).toBeGreaterThan(10);
    for (const field of await fields.all()) {
      const box = (await field.boundingBox())!;
      expect(box.x + box.width, `${await field.evaluate((e) => e.outerHTML.slice(0, 80))} ends past the panel`).toBeLessThanOrEqual(panel.x + panel.width);
    }
  });
});
