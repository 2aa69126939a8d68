/**
 * The bundled sample image (public/samples/hello.png, 480x320) through the app's detector:
 * inference time on WASM and on WebGPU (a SwiftShader adapter where there is no GPU),
 * median of 5 runs after 2 warm-ups, timed in the page around the worker call. Last line:
 * one JSON object. `--quick`: one WASM run and no WebGPU (webgpu_ms and webgpu_adapter are
 * null): SwiftShader's first run compiles its shaders for ~40 s even on a tiny input, and
 * tests/browser/webgpu.test.ts runs that path already.
 */
import { quickMode } from './lib/bench-mode';
import { launchChromium } from './lib/chromium';
import { startPreview } from './lib/preview-server';
import { medianOf } from '../src/core/profiler/stats';
import '../src/app/console-api'; // types window.detscope, which this drives

const QUICK = quickMode();
const WARMUP = QUICK ? 0 : 2;
const RUNS = QUICK ? 1 : 5;

async function measure(appUrl: string, ep: 'wasm' | 'webgpu') {
  const browser = await launchChromium({ webgpu: ep === 'webgpu' });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${appUrl}?ep=wasm&dataset=none`);
    await page.waitForFunction(() => window.detscope?.workbench?.model, null, { timeout: 120_000 });
    return await page.evaluate(
      async ({ ep, warmup, runs }) => {
        const ds = window.detscope;
        ds.detector.dispose(); // the page's own detector would compete for the cores
        const bytes = new Uint8Array(await (await fetch('/models/ppocr-det.onnx')).arrayBuffer());
        const image = await (await fetch('/samples/hello.png')).blob();
        const det = ds.createDetector();
        const model = await det.load('ppocr-det.onnx', bytes, ep);
        const ms: number[] = [];
        let boxes = 0;
        for (let i = 0; i < warmup + runs; i++) {
          const r = await det.detect(image, ds.profile('ppocr-det'));
          if (i >= warmup) ms.push(r.ms.infer);
          boxes = r.boxes.length;
        }
        det.dispose();
        return { ep: model.runtime.ep, threads: model.runtime.wasmThreads, adapter: model.runtime.adapter, ms, boxes };
      },
      { ep, warmup: WARMUP, runs: RUNS },
    );
  } finally {
    await browser.close();
  }
}

const server = await startPreview();
try {
  const out: Record<string, unknown> = { wasm_ms: null, threads: null, webgpu_ms: null, webgpu_adapter: null };
  for (const ep of QUICK ? (['wasm'] as const) : (['wasm', 'webgpu'] as const)) {
    const r = await measure(server.url, ep);
    const adapter = r.adapter ? `${r.adapter.vendor}/${r.adapter.architecture}${r.adapter.isFallback ? ' (fallback)' : ''}` : 'none';
    console.log(`${ep.padEnd(7)} ran on ${r.ep}, ${r.threads} WASM threads, adapter ${adapter}: ${r.ms.map((m) => m.toFixed(0)).join(', ')} ms; median ${medianOf(r.ms).toFixed(1)} ms; ${r.boxes} boxes`);
    out[`${ep}_ms`] = Math.round(medianOf(r.ms) * 10) / 10;
    if (ep === 'wasm') out.threads = r.threads;
    else out.webgpu_adapter = adapter;
  }
  console.log(JSON.stringify(out));
} finally {
  await server.close();
}
