import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;

async function waitForBoxes(app: App) {
  await app.page.getByTestId('tab-image').click();
  await app.page.getByTestId('box-count').waitFor({ timeout: 180_000 });
}

describe('the app on the bundled model (WASM)', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm&dataset=none' });
    await waitForBoxes(app);
  });
  afterAll(() => app?.close());

  test('loads without console errors and shows the environment', async () => {
    expect(app.errors).toEqual([]);
    expect(await app.page.getByTestId('ep').textContent()).toBe('WASM');
    expect(await app.page.getByTestId('isolated').textContent()).toBe('yes');
    expect(Number(await app.page.getByTestId('threads').textContent())).toBeGreaterThan(1);
  });

  test('the bundled image gives a probability map of the input shape and boxes where the text is', async () => {
    const r = await app.page.evaluate(() => {
      const res = window.detscope.result!;
      let max = 0;
      for (const v of res.prob) max = Math.max(max, v);
      return { len: res.prob.length, w: res.probWidth, h: res.probHeight, max, boxes: res.boxes, width: res.width, height: res.height };
    });
    // 480x320 under the 960 limit, sides rounded to multiples of 32: 480x320 exactly.
    expect([r.w, r.h]).toEqual([480, 320]);
    expect(r.len).toBe(480 * 320);
    expect(r.max).toBeGreaterThan(0.9);
    expect(r.boxes.length).toBeGreaterThanOrEqual(4);
    // The title "detscope" sits in the top-left quarter of the image.
    const title = r.boxes.some((b: { points: number[][] }) => b.points.every(([x, y]) => x < 260 && y < 90));
    expect(title).toBe(true);
  });

  test('a dropped text file and a dropped .ckpt each get their own error, and the app keeps working', async () => {
    const input = app.page.locator('input[type=file][accept*=".onnx"]');
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => app.page.getByTestId('error').count()).toBe(1);
    expect(await app.page.getByTestId('error').first().textContent()).toContain('is not an ONNX model');
    await input.setInputFiles({ name: 'epoch=19.ckpt', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\x03\x04 not a model') });
    await expect.poll(() => app.page.getByTestId('error').count()).toBe(2);
    const ckpt = await app.page.getByTestId('error').first().textContent();
    expect(ckpt).toContain('PyTorch checkpoint');
    expect(ckpt).toContain('docs/export-onnx.md');
    expect(await app.page.getByTestId('model-name').textContent()).toContain('ppocr-det');
    // Still works: run the model again on a new image.
    const png = await app.page.evaluate(async () => {
      const res = await fetch('/samples/hello.png');
      return Array.from(new Uint8Array(await res.arrayBuffer()));
    });
    await app.page.locator('input[type=file][accept="image/*"]').setInputFiles({ name: 'again.png', mimeType: 'image/png', buffer: Buffer.from(png) });
    await waitForBoxes(app);
    expect(Number((await app.page.getByTestId('box-count').textContent())!.split(' ')[0])).toBeGreaterThanOrEqual(4);
  });
});
