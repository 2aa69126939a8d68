/**
 * PP-OCRv4 det on WebGPU in headless Chromium (a SwiftShader adapter where there is no GPU),
 * ORT's WebGPU build run in the page with a device of ours: per bucket shape, the first run
 * (kernel compilation and buffers) and the warm runs; one image per call against N images
 * stacked into one call where the model's batch dimension is dynamic; and the peak bytes of
 * live GPU buffers. No per-kernel table: onnxruntime-web 1.30's WebGPU build runs the native
 * WebGPU EP, which never calls `env.webgpu.profiling.ondata` (that callback is JSEP's). `--quick`: tiny shapes, one warm run (what
 * `npm test` runs; its figures are not asserted). Last line: one JSON object.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { meterDevice } from '../src/core/model/gpu-memory';
import { mulberry32 } from '../src/core/numerics/prng';
import { medianOf } from '../src/core/profiler/stats';
import { launchChromium } from './lib/chromium';
import { quickMode } from './lib/bench-mode';
import { startPreview } from './lib/preview-server';

const quick = quickMode();
/** Bucket shapes [height, width]: sides in multiples of 128, as `--buckets 128` gives receipts. */
const SHAPES: [number, number][] = quick ? [[64, 64], [128, 64]] : [[640, 640], [896, 640], [1024, 768]];
const WARM_RUNS = quick ? 1 : 3;
const STACK = quick ? 2 : 4;
const SEED = 7;
const root = fileURLToPath(new URL('../', import.meta.url));

interface PageResult {
  adapter: string;
  batchDim: number | string | null;
  perShape: { shape: [number, number]; firstMs: number; warmMs: number[]; stackedMs: number[] | null }[];
  gpuPeakBytes: number;
}

/** Runs in the page; the functions it needs come as source. */
async function inPage(a: { ortUrl: string; origin: string; helpers: string; shapes: [number, number][]; warmRuns: number; stack: number; seed: number }): Promise<PageResult> {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const h = new Function(`${a.helpers}; return { meterDevice, mulberry32 };`)() as { meterDevice: typeof meterDevice; mulberry32: typeof mulberry32 };
  const ort = await import(/* @vite-ignore */ a.ortUrl);
  ort.env.wasm.wasmPaths = `${a.origin}/ort/`;
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const adapter = (await navigator.gpu.requestAdapter())!;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
    },
  });
  const meter = h.meterDevice(device);
  const bytes = new Uint8Array(await (await fetch('/models/ppocr-det.onnx')).arrayBuffer());
  const session = await ort.InferenceSession.create(bytes, { executionProviders: [{ name: 'webgpu', device }] });
  const input = session.inputNames[0];
  const batchDim = session.inputMetadata?.[0]?.shape?.[0] ?? null;
  const rand = h.mulberry32(a.seed);
  const run = async (n: number, hh: number, ww: number) => {
    const data = new Float32Array(n * 3 * hh * ww);
    for (let i = 0; i < data.length; i++) data[i] = rand() * 4 - 2;
    const t = performance.now();
    const out = await session.run({ [input]: new ort.Tensor('float32', data, [n, 3, hh, ww]) });
    await out[session.outputNames[0]].getData();
    const ms = performance.now() - t;
    for (const v of Object.values(out)) (v as { dispose(): void }).dispose();
    return ms;
  };
  const perShape: PageResult['perShape'] = [];
  for (const [hh, ww] of a.shapes) {
    const firstMs = await run(1, hh, ww);
    const warmMs: number[] = [];
    for (let i = 0; i < a.warmRuns; i++) warmMs.push(await run(1, hh, ww));
    let stackedMs: number[] | null = null;
    if (typeof batchDim !== 'number' || batchDim <= 0) {
      await run(a.stack, hh, ww); // a new shape: its own first run
      stackedMs = [];
      for (let i = 0; i < a.warmRuns; i++) stackedMs.push((await run(a.stack, hh, ww)) / a.stack);
    }
    perShape.push({ shape: [hh, ww], firstMs, warmMs, stackedMs });
  }
  const info = adapter.info;
  await session.release();
  return { adapter: `${info.vendor}/${info.architecture}${info.isFallbackAdapter ? ' (fallback)' : ''}`, batchDim, perShape, gpuPeakBytes: meter.peakBytes() };
}

const round = (x: number) => Math.round(x * 10) / 10;
const key = ([hh, ww]: [number, number]) => `${hh}x${ww}`;

const preview = await startPreview();
const browser = await launchChromium({ webgpu: true });
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${preview.url}?ep=wasm&dataset=none`);
  // tsx wraps named functions in __name(), in inPage as in the helpers.
  await page.evaluate('globalThis.__name = (f) => f');
  const ortAsset = readdirSync(`${root}dist/assets`).find((f) => /^ort\.webgpu\.min-.*\.js$/.test(f));
  if (!ortAsset) throw new Error('dist/assets has no ort.webgpu.min-*.js: build the app first (npx vite build)');
  const origin = preview.url.replace(/\/$/, '');
  const helpers = [meterDevice, mulberry32].map((f) => `const ${f.name} = ${f.toString()};`).join('\n');
  const r = await page.evaluate(inPage, { ortUrl: `${origin}/assets/${ortAsset}`, origin, helpers, shapes: SHAPES, warmRuns: WARM_RUNS, stack: STACK, seed: SEED });
  console.log(`adapter ${r.adapter}; batch dimension ${typeof r.batchDim === 'number' && r.batchDim > 0 ? r.batchDim : `dynamic (${r.batchDim ?? 'unnamed'})`}`);
  for (const s of r.perShape) {
    const stacked = s.stackedMs ? `${round(medianOf(s.stackedMs))} ms/image stacked by ${STACK}` : 'no stacked calls (fixed batch)';
    console.log(`${key(s.shape).padEnd(9)} first run ${round(s.firstMs)} ms; warm ${round(medianOf(s.warmMs))} ms/image one per call; ${stacked}`);
  }
  console.log(`peak GPU buffers ${(r.gpuPeakBytes / 2 ** 20).toFixed(1)} MiB`);
  const perShape = (pick: (s: PageResult['perShape'][number]) => number | null) => Object.fromEntries(r.perShape.map((s) => [key(s.shape), pick(s)]));
  console.log(
    JSON.stringify({
      shapes: r.perShape.map((s) => key(s.shape)),
      first_run_ms: perShape((s) => round(s.firstMs)),
      warm_ms_per_image: perShape((s) => round(medianOf(s.warmMs))),
      stacked_ms_per_image: perShape((s) => (s.stackedMs ? round(medianOf(s.stackedMs)) : null)),
      stack_size: STACK,
      gpu_peak_bytes: r.gpuPeakBytes,
      adapter: r.adapter,
    }),
  );
} finally {
  await browser.close();
  await preview.close();
}
