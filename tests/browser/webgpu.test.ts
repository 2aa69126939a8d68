import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;

/**
 * The WebGPU path on the SwiftShader adapter headless Chromium offers without a GPU: slow
 * (seconds per run), so a small input (the bundled image resized to 160x96).
 */
describe('WebGPU execution provider', () => {
  let app: App;
  beforeAll(async () => {
    // The page's own model and sample are not used here: loading them would only take the cores.
    app = await openApp({ webgpu: true, query: '?ep=wasm&dataset=none&model=none' });
  });
  afterAll(() => app?.close());

  let out: any;
  test('matches the WASM EP within 1e-3 on a 1x3x96x160 input, with the same boxes', async () => {
    out = await app.page.evaluate(async () => {
      const ds = window.detscope;
      const bytes = new Uint8Array(await (await fetch('/models/ppocr-det.onnx')).arrayBuffer());
      const image = await (await fetch('/samples/hello.png')).blob();
      const profile = ds.profile('ppocr-det');
      Object.assign(profile.resize, { maxSide: 160 });
      const runOn = async (ep: 'wasm' | 'webgpu') => {
        const det = ds.createDetector();
        const model = await det.load('ppocr-det.onnx', bytes, ep);
        const r = await det.detect(image, profile);
        const gpu = await det.infer.gpuBytes();
        return { det, gpu, ep: model.runtime.ep, adapter: model.runtime.adapter, prob: Array.from(r.prob as Float32Array), w: r.probWidth, h: r.probHeight, boxes: r.boxes };
      };
      // Run again after the device is lost (between runs, not in flight): on WASM.
      const afterLoss = async ({ det }: Awaited<ReturnType<typeof runOn>>) => {
        await det.infer.loseDevice();
        const r = await det.detect(image, profile);
        const after = (await det.infer.runtime())!;
        return { ep: after.ep, reason: after.fallbackReason, boxes: r.boxes };
      };
      // Two different images, a ramp and its mirror in the normalised range, stacked in one
      // 2x3x32x32 call and run one by one, on the WebGPU detector already compiled.
      const stackedCalls = async ({ det }: Awaited<ReturnType<typeof runOn>>) => {
        const plane = 3 * 32 * 32;
        const stacked = new Float32Array(2 * plane);
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
        const ep = (await det.infer.runtime())!.ep;
        const single = [...a.data, ...b.data];
        let maxDiff = 0;
        for (let i = 0; i < single.length; i++) maxDiff = Math.max(maxDiff, Math.abs(single[i] - both.data[i]));
        const spread = Math.max(...single) - Math.min(...single);
        return { ep, dims: both.dims, singleDims: a.dims, length: [both.data.length, single.length], maxDiff, spread };
      };
      // The device lost while a run is on it: that image is run again on WASM, not failed.
      const inFlight = async () => {
        const det = ds.createDetector();
        await det.load('ppocr-det.onnx', bytes, 'webgpu');
        const dims = [1, 3, 96, 160];
        const running = det.runTensor('x', new Float32Array(3 * 96 * 160).fill(0.5), dims);
        await det.infer.loseDevice();
        const outputs = await running.then((o: Record<string, { dims: number[] }>) => Object.values(o)[0].dims, (e: Error) => `failed: ${e.message}`);
        const after = (await det.infer.runtime())!;
        det.dispose();
        return { outputs, ep: after.ep, reason: after.fallbackReason };
      };
      const lostInFlight = await inFlight();
      const wasm = await runOn('wasm');
      wasm.det.dispose();
      // One WebGPU detector for these three: its first run sets up SwiftShader's pipelines, ~20 s a session.
      const webgpu = await runOn('webgpu');
      const stacked = await stackedCalls(webgpu);
      const lost = await afterLoss(webgpu);
      webgpu.det.dispose();
      let maxDiff = 0;
      for (let i = 0; i < wasm.prob.length; i++) maxDiff = Math.max(maxDiff, Math.abs(wasm.prob[i] - webgpu.prob[i]));
      const figures = ({ det: _, ...run }: Awaited<ReturnType<typeof runOn>>) => ({ ...run, prob: run.prob.length });
      return { lostInFlight, wasm: figures(wasm), webgpu: figures(webgpu), stacked, lost, maxDiff };
    });
    expect(out.webgpu.ep).toBe('webgpu');
    expect(out.webgpu.adapter).not.toBeNull();
    // GPU memory is counted on our own device: live buffers after a run, none on WASM.
    expect(out.webgpu.gpu.live).toBeGreaterThan(0);
    expect(out.webgpu.gpu.peak).toBeGreaterThanOrEqual(out.webgpu.gpu.live);
    expect(out.wasm.gpu).toBeNull();
    expect([out.wasm.w, out.wasm.h]).toEqual([160, 96]);
    expect(out.webgpu.prob).toBe(160 * 96);
    expect(out.maxDiff).toBeLessThan(1e-3);
    // Same boxes: identical corners, scores equal to within the maps' difference.
    expect(out.webgpu.boxes.map((b: { points: unknown }) => b.points)).toEqual(out.wasm.boxes.map((b: { points: unknown }) => b.points));
    out.webgpu.boxes.forEach((b: { score: number }, i: number) => expect(Math.abs(b.score - out.wasm.boxes[i].score)).toBeLessThan(1e-3));
    expect(out.wasm.boxes.length).toBeGreaterThan(0);
  });

  test('a lost WebGPU device finishes on WASM and says so', () => {
    // Loaded on WebGPU (the first test checks its run there), then lost.
    expect(out.webgpu.ep).toBe('webgpu');
    expect(out.lost.ep).toBe('wasm');
    expect(out.lost.reason).toMatch(/the WebGPU device was lost \(.*\) during the run/);
    expect(out.lost.boxes.map((b: { points: unknown }) => b.points)).toEqual(out.wasm.boxes.map((b: { points: unknown }) => b.points));
  });

  /**
   * The bundled model's batch dimension is dynamic, so images of one bucket shape can share a
   * call (what bench:webgpu's stacked figures rest on).
   */
  test('two images stacked in one WebGPU call give the maps of two single calls within 1e-4', () => {
    expect(out.stacked.ep).toBe('webgpu');
    expect(out.stacked.dims).toEqual([2, 1, 32, 32]);
    expect(out.stacked.singleDims).toEqual([1, 1, 32, 32]);
    expect(out.stacked.length[0]).toBe(out.stacked.length[1]);
    expect(out.stacked.spread).toBeGreaterThan(0); // maps that could differ
    expect(out.stacked.maxDiff).toBeLessThan(1e-4);
  });

  test('the image in flight when the device is lost is run again on WASM', () => {
    expect(out.lostInFlight).toMatchObject({ outputs: [1, 1, 96, 160], ep: 'wasm' });
    expect(out.lostInFlight.reason).toMatch(/the WebGPU device was lost \(.*\) during the run/);
  });
});
