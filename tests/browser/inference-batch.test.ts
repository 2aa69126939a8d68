import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, runFromUi, waitReady } from './app-page';
import { modelBytes } from '../fixtures/models/tiny-models';

type App = Awaited<ReturnType<typeof openApp>>;

/**
 * The profile's inference batch in the app (WASM, the bundled sample): images of one bucket
 * shape stacked into one call give each image what a call of its own gives; a model with a
 * fixed batch of 1 runs one image per call and says so.
 */
describe('inference batch', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm' });
    await waitReady(app.page);
  });
  afterAll(() => app?.close());

  const setProfile = (patch: Record<string, unknown>) =>
    app.page.evaluate((p) => {
      const wb = (window as any).detscope.workbench;
      wb.profile = { ...wb.profile, ...p };
    }, patch);
  const inferShapes = (report: any) => [...new Set(report.spans.filter((s: any) => s.stage === 'infer').map((s: any) => s.shape.join('x')))];

  test('PP-OCRv4 det, 4 receipts in one 960x960 bucket: stacked by 2, the same detections and metrics as one per call', async () => {
    const settings = { limit: 4, batchSize: 4, collate: false };
    await setProfile({ buckets: { sides: [960] }, inferenceBatch: undefined });
    const single = await runFromUi(app.page, settings);
    await setProfile({ buckets: { sides: [960] }, inferenceBatch: 2 });
    const stacked = await runFromUi(app.page, settings);
    expect(inferShapes(single)).toEqual(['1x3x960x960']);
    expect(inferShapes(stacked)).toEqual(['2x3x960x960']);
    expect(stacked.settings.inferenceBatch).toEqual({ requested: 2, used: 2, note: null });
    expect(single.images.map((i: any) => i.found.polygons.sizes.length).reduce((a: number, b: number) => a + b)).toBeGreaterThan(50);
    for (let k = 0; k < 4; k++) {
      expect(stacked.images[k].found.polygons).toEqual(single.images[k].found.polygons);
      expect(stacked.images[k].cleval).toEqual(single.images[k].cleval);
      expect(stacked.images[k].iou).toEqual(single.images[k].iou);
    }
  }, 300_000);

  test('a model with a fixed batch of 1: the editor and the report say it runs one image per call', async () => {
    await app.page
      .locator('input[type=file][accept*=".onnx"]')
      .setInputFiles([{ name: 'ink-full.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(modelBytes('ink-full')) }]);
    await app.page.waitForFunction(() => (window as any).detscope.workbench.model?.name === 'ink-full.onnx' && !(window as any).detscope.workbench.busy, undefined, { timeout: 60_000 });
    await app.page.getByText('Model profile', { exact: true }).first().click();
    await app.page.getByTestId('profile-inference-batch').fill('4');
    await app.page.getByTestId('profile-inference-batch').dispatchEvent('change');
    await expect.poll(() => app.page.getByTestId('profile-inference-batch-note').textContent()).toContain('input "image" has a fixed batch of 1: each image runs in a call of its own');
    const report = await runFromUi(app.page, { limit: 3, batchSize: 3, collate: false });
    expect(report.settings.inferenceBatch).toMatchObject({ requested: 4, used: 1 });
    expect(inferShapes(report).every((s) => (s as string).startsWith('1x'))).toBe(true);
    expect(await app.page.getByTestId('inference-batch-note').textContent()).toContain('has a fixed batch of 1: each image runs in a call of its own');
    await app.page.getByTestId('tab-report').click();
    await expect.poll(() => app.page.getByText('inference batch 4 needs a dynamic batch dimension').count()).toBeGreaterThan(0);
    expect(app.errors).toEqual([]);
  }, 300_000);
});
