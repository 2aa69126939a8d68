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
    app = await openApp({ webgpu: true, query: '?ep=wasm' });
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
      const runOn = async (ep: 'wasm' | 'webgpu', loseDevice = false) => {
        const det = ds.createDetector();
        const model = await det.load('ppocr-det.onnx', bytes, ep);
        let r = await det.detect(image, profile);
        const gpu = await det.infer.gpuBytes();
        if (loseDevice) {
          await det.infer.loseDevice();
          r = await det.detect(image, profile);
        }
        const after = (await det.infer.runtime())!;
        det.dispose();
        return { gpu, ep: model.runtime.ep, after: { ep: after.ep, reason: after.fallbackReason }, adapter: model.runtime.adapter, prob: Array.from(r.prob as Float32Array), w: r.probWidth, h: r.probHeight, boxes: r.boxes };
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
      const webgpu = await runOn('webgpu');
      const lost = await runOn('webgpu', true);
      let maxDiff = 0;
      for (let i = 0; i < wasm.prob.length; i++) maxDiff = Math.max(maxDiff, Math.abs(wasm.prob[i] - webgpu.prob[i]));
      return { lostInFlight, wasm: { ...wasm, prob: wasm.prob.length }, webgpu: { ...webgpu, prob: webgpu.prob.length }, lost: { ...lost, prob: lost.prob.length }, maxDiff };
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
    expect(out.lost.ep).toBe('webgpu');
    expect(out.lost.after.ep).toBe('wasm');
    expect(out.lost.after.reason).toMatch(/the WebGPU device was lost \(.*\) during the run/);
    expect(out.lost.boxes.map((b: { points: unknown }) => b.points)).toEqual(out.wasm.boxes.map((b: { points: unknown }) => b.points));
  });

  test('the image in flight when the device is lost is run again on WASM', () => {
    expect(out.lostInFlight).toMatchObject({ outputs: [1, 1, 96, 160], ep: 'wasm' });
    expect(out.lostInFlight.reason).toMatch(/the WebGPU device was lost \(.*\) during the run/);
  });
});
