import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp } from './app-page';
import { modelBytes } from '../fixtures/models/tiny-models';

type App = Awaited<ReturnType<typeof openApp>>;

describe('dropping a model detscope cannot use (WASM)', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm&dataset=none' });
    await app.page.waitForFunction(() => (window as any).detscope?.detector.model?.name === 'ppocr-det.onnx', undefined, { timeout: 180_000 });
  });
  afterAll(() => app?.close());

  /** Boxes the loaded model finds on the bundled sample, through the console API. */
  const detectSample = () =>
    app.page.evaluate(async () => {
      const ds = (window as any).detscope;
      const blob = await (await fetch('/samples/hello.png')).blob();
      return (await ds.detector.detect(blob, ds.profile('ppocr-det'))).boxes.length as number;
    });

  const dropModel = (name: string, bytes: Uint8Array) =>
    app.page.locator('input[type=file][accept*=".onnx"]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });

  test('a model whose output is not a probability map gets that error, and the bundled model keeps working', async () => {
    const before = await detectSample();
    expect(before).toBeGreaterThanOrEqual(4);
    const shownBefore = await app.page.getByTestId('error').count();
    await dropModel('classifier.onnx', modelBytes('not-prob-map'));
    await expect.poll(() => app.page.getByTestId('error').count()).toBe(shownBefore + 1);
    const shown = await app.page.getByTestId('error').first().textContent();
    expect(shown).toContain('No output shaped like a probability map [N,1,H,W] (outputs: "logits" [1,3] float32)');
    expect(shown).toContain('classifier.onnx');
    expect(await app.page.getByTestId('model-name').textContent()).toContain('ppocr-det.onnx');
    // The bundled model's session was never released: it finds the same boxes as before.
    expect(await detectSample()).toBe(before);
    expect(app.errors).toEqual([]);
  });

  test('a fixed 320x320 model under the bundled profile is accepted with the pad-square profile it suggests', async () => {
    await dropModel('fixed-320.onnx', modelBytes('fixed-320'));
    await expect.poll(() => app.page.getByTestId('model-name').textContent(), { timeout: 60_000 }).toContain('fixed-320.onnx');
    const suggested = await app.page.evaluate(() => (window as any).detscope.detector.model.suggested.profile.resize);
    expect(suggested).toEqual({ kind: 'pad-square', side: 320, align: 'center' });
  });

  test('the profile editor says at once when an edit makes the profile unable to feed the model', async () => {
    await expect.poll(() => app.page.getByTestId('profile-side').inputValue()).toBe('320');
    expect(await app.page.getByTestId('profile-problem').count()).toBe(0);
    // The editor may sit in a collapsed <details>: open whatever holds it.
    await app.page.getByTestId('profile-editor').evaluate((el) => el.closest('details')?.setAttribute('open', ''));
    await app.page.getByTestId('profile-resize').selectOption('limit-multiple');
    const problem = app.page.getByTestId('profile-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('has a fixed size 320x320, which the profile\'s resize (longer side limited to 960');
    expect(await problem.textContent()).toContain('Use the pad-square resize with side 320');
  });
});
