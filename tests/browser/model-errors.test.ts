import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp } from './app-page';
import { modelBytes, TINY_MODELS } from '../fixtures/models/tiny-models';
import { buildOnnxModel, buildOnnxModelWithExternalData } from '../../scripts/lib/onnx-builder';

type App = Awaited<ReturnType<typeof openApp>>;

describe('dropping a model detscope cannot use (WASM)', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm&dataset=none' });
    await app.page.waitForFunction(() => window.detscope?.detector.model?.name === 'ppocr-det.onnx', undefined, { timeout: 180_000 });
  });
  afterAll(() => app?.close());

  /** Boxes the loaded model finds on the bundled sample, through the console API. */
  const detectSample = () =>
    app.page.evaluate(async () => {
      const ds = window.detscope;
      const blob = await (await fetch('/samples/hello.png')).blob();
      return (await ds.detector.detect(blob, ds.profile('ppocr-det'))).boxes.length as number;
    });

  const dropModel = (name: string, bytes: Uint8Array, companions: { name: string; bytes: Uint8Array }[] = []) =>
    app.page
      .locator('input[type=file][accept*=".onnx"]')
      .setInputFiles([{ name, bytes }, ...companions].map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.bytes) })));

  /** The newest error shown, once one more than `before` is shown. */
  const nextError = async (before: number) => {
    await expect.poll(() => app.page.getByTestId('error').count(), { timeout: 60_000 }).toBe(before + 1);
    return app.page.getByTestId('error').first().textContent();
  };

  test('a model whose output is not a probability map gets that error, and the bundled model keeps working', async () => {
    const before = await detectSample();
    expect(before).toBeGreaterThanOrEqual(4);
    const shownBefore = await app.page.getByTestId('error').count();
    await dropModel('classifier.onnx', modelBytes('not-prob-map'));
    const shown = await nextError(shownBefore);
    expect(shown).toContain('No output shaped like a probability map [N,1,H,W] (outputs: "logits" [1,3] float32)');
    expect(shown).toContain('classifier.onnx');
    expect(await app.page.getByTestId('model-name').textContent()).toContain('ppocr-det.onnx');
    // The bundled model's session was never released: it finds the same boxes as before.
    expect(await detectSample()).toBe(before);
    expect(app.errors).toEqual([]);
  });

  test("a model onnxruntime cannot run (an operator it does not know) gets onnxruntime's cause, and the bundled model stays loaded and keeps working", async () => {
    const before = await detectSample();
    const fancy = buildOnnxModel({
      ...TINY_MODELS['ink-full'],
      nodes: [...TINY_MODELS['ink-full'].nodes.slice(0, 1), { op: 'FancyOp', inputs: ['mean'], outputs: ['fancy'] }, { op: 'Sigmoid', inputs: ['fancy'], outputs: ['prob'] }],
    });
    const count = await app.page.getByTestId('error').count();
    await dropModel('fancy.onnx', fancy);
    const text = await nextError(count);
    expect(text).toContain('fancy.onnx');
    expect(text).toContain('FancyOp');
    expect(text).toContain('("ppocr-det.onnx" is still loaded)');
    expect(text).not.toContain('no model loaded');
    expect(await app.page.getByTestId('model-name').textContent()).toContain('ppocr-det.onnx');
    expect(await detectSample()).toBe(before);
  });

  test('a model whose weights are in a .onnx.data file: dropped alone it says to drop both; dropped together it loads and runs', async () => {
    const { model, data } = buildOnnxModelWithExternalData(TINY_MODELS['ink-full'], 'ink-full.onnx.data');
    const count = await app.page.getByTestId('error').count();
    await dropModel('ink-full.onnx', model);
    expect(await nextError(count)).toContain('"ink-full.onnx" keeps its weights in "ink-full.onnx.data", which was not dropped with it');
    await dropModel('ink-full.onnx', model, [{ name: 'ink-full.onnx.data', bytes: data }]);
    await expect.poll(() => app.page.getByTestId('model-name').textContent(), { timeout: 60_000 }).toContain('ink-full.onnx');
    // The weights (a gain of -3) came from the data file: dark text scores high, white paper low.
    const range = await app.page.evaluate(async () => {
      const ds = window.detscope;
      const blob = await (await fetch('/samples/hello.png')).blob();
      const r = await ds.detector.detect(blob, ds.profile('ppocr-det'));
      return (r.prob as Float32Array).reduce(([lo, hi], p) => [Math.min(lo, p), Math.max(hi, p)], [1, 0]);
    });
    expect(range[0]).toBeLessThan(0.01);
    expect(range[1]).toBeGreaterThan(0.9);
    expect(app.errors).toEqual([]);
  });

  test('a model with a 1/4-resolution map finds its boxes where the input-sized one does', async () => {
    const models = { full: Array.from(modelBytes('ink-full')), quarter: Array.from(modelBytes('ink-quarter')) };
    const boxes = await app.page.evaluate(async (models) => {
      const ds = window.detscope;
      // White 300x150 with two black bars.
      const canvas = new OffscreenCanvas(300, 150);
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 300, 150);
      g.fillStyle = '#000';
      g.fillRect(40, 20, 80, 36);
      g.fillRect(150, 76, 110, 44);
      const image = await canvas.convertToBlob({ type: 'image/png' });
      const profile = ds.profile('ppocr-det');
      profile.post.unclipRatio = 0.2;
      const out: Record<string, number[][][]> = {};
      for (const [kind, bytes] of Object.entries(models)) {
        const det = ds.createDetector();
        await det.load(`ink-${kind}.onnx`, new Uint8Array(bytes as number[]), 'wasm');
        out[kind] = (await det.detect(image, profile)).boxes.map((b: { points: number[][] }) => b.points);
        det.dispose();
      }
      return out;
    }, models);
    expect(boxes.full).toHaveLength(2);
    expect(boxes.quarter).toHaveLength(2);
    boxes.quarter.forEach((box, i) =>
      box.forEach(([x, y], k) => {
        expect(Math.abs(x - boxes.full[i][k][0])).toBeLessThanOrEqual(4);
        expect(Math.abs(y - boxes.full[i][k][1])).toBeLessThanOrEqual(4);
      }),
    );
  });

  test('a fixed 320x320 model under the bundled profile is accepted with the pad-square profile it suggests', async () => {
    await dropModel('fixed-320.onnx', modelBytes('fixed-320'));
    await expect.poll(() => app.page.getByTestId('model-name').textContent(), { timeout: 60_000 }).toContain('fixed-320.onnx');
    const suggested = await app.page.evaluate(() => window.detscope.detector.model!.suggested.profile.resize);
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
