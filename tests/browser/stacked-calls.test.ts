import { afterAll, beforeAll, expect, test } from 'vitest';
import { openApp } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;

let app: App;
beforeAll(async () => {
  app = await openApp({ webgpu: true, query: '?ep=wasm' });
});
afterAll(() => app?.close());

/**
 * The bundled model's batch dimension is dynamic, so images of one bucket shape can share a
 * call (what bench:webgpu's stacked figures rest on). On the SwiftShader adapter: a tiny
 * 2x3x32x32 input, whose first run alone takes ~25 s.
 */
test('two images stacked in one WebGPU call give the maps of two single calls within 1e-4', async () => {
  const out = await app.page.evaluate(async () => {
    const ds = window.detscope;
    ds.detector.dispose(); // the page's own detector would compete for the cores
    const bytes = new Uint8Array(await (await fetch('/models/ppocr-det.onnx')).arrayBuffer());
    const det = ds.createDetector();
    const model = await det.load('ppocr-det.onnx', bytes, 'webgpu');
    const plane = 3 * 32 * 32;
    const stacked = new Float32Array(2 * plane);
    // Two different images: a ramp and its mirror, in the normalised range.
    for (let i = 0; i < plane; i++) {
      stacked[i] = (i % 97) / 24 - 2;
      stacked[plane + i] = 2 - (i % 89) / 22;
    }
    const prob = async (data: Float32Array, n: number) => {
      const outputs = await det.runTensor('x', data, [n, 3, 32, 32]);
      const first = Object.values(outputs)[0] as { data: Float32Array; dims: number[] };
      return { data: Array.from(first.data), dims: first.dims };
    };
    const both = await prob(stacked, 2);
    const a = await prob(stacked.slice(0, plane), 1);
    const b = await prob(stacked.slice(plane), 1);
    det.dispose();
    const single = [...a.data, ...b.data];
    let maxDiff = 0;
    for (let i = 0; i < single.length; i++) maxDiff = Math.max(maxDiff, Math.abs(single[i] - both.data[i]));
    const spread = Math.max(...single) - Math.min(...single);
    return { ep: model.runtime.ep, dims: both.dims, singleDims: a.dims, length: [both.data.length, single.length], maxDiff, spread };
  });
  expect(out.ep).toBe('webgpu');
  expect(out.dims).toEqual([2, 1, 32, 32]);
  expect(out.singleDims).toEqual([1, 1, 32, 32]);
  expect(out.length[0]).toBe(out.length[1]);
  expect(out.spread).toBeGreaterThan(0); // maps that could differ
  expect(out.maxDiff).toBeLessThan(1e-4);
}, 240_000);
