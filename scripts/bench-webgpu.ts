/**
 * PP-OCRv4 det on WebGPU in headless Chromium (a SwiftShader adapter where there is no GPU),
 * ORT's WebGPU build run in the page with a device of ours: per bucket shape, the first run
 * (kernel compilation and buffers) and the warm runs; one image per call against N images
 * stacked into one call where the model's batch dimension is dynamic; and the peak bytes of
 * live GPU buffers. On the first shape: the output kept on the GPU (`preferredOutputLocation:
 * 'gpu-buffer'`) and read back by `getData()` once the GPU is done (`readback_ms_per_map`), the
 * whole call so (`gpu_output_ms_per_image`) against ORT reading it back inside `run()`; and
 * the per-kernel profile (session option `enableProfiling`, GPU timestamps; onnxruntime-web
 * 1.30's native WebGPU EP ignores JSEP's `env.webgpu.profiling`, and `endProfiling()` prints
 * the profile to the console), its top 10 operators and what profiling costs a warm call.
 * `--quick`: tiny shapes, one warm run (what `npm test` runs; its figures are not asserted).
 * Last line: one JSON object.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { meterDevice } from '../src/core/model/gpu-memory';
import { mulberry32 } from '../src/core/numerics/prng';
import { medianOf } from '../src/core/profiler/stats';
import { launchChromium } from './lib/chromium';
import { quickMode } from './lib/bench-mode';
import { startPreview } from './lib/preview-server';
import { kernelProfile, parseTraceLines } from '../src/core/model/kernel-profile';

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
  /** First shape, output on the GPU: warm run() and getData() times. */
  gpuOutput: { runMs: number[]; readbackMs: number[] };
  /** First shape, session profiled: warm call times, and what endProfiling() printed. */
  profiled: { warmMs: number[]; lines: string[] };
}

/** Runs in the page; the functions it needs come as source. */
async function inPage(a: { ortUrl: string; origin: string; helpers: string; shapes: [number, number][]; warmRuns: number; stack: number; seed: number }): Promise<PageResult> {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const h = new Function(`${a.helpers}; return { meterDevice, mulberry32 };`)() as { meterDevice: typeof meterDevice; mulberry32: typeof mulberry32 };
  // ORT's wasm binds console.log when it loads, and endProfiling() prints there: wrap it first.
  let printed: string[] | null = null;
  const log = console.log.bind(console);
  console.log = (...x: unknown[]) => (printed ? printed.push(x.map(String).join(' ')) : log(...x));
  const ort = await import(/* @vite-ignore */ a.ortUrl);
  ort.env.wasm.wasmPaths = `${a.origin}/ort/`;
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const adapter = (await navigator.gpu.requestAdapter())!;
  const device = await adapter.requestDevice({
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
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
  /**
   * One call: run(), then the GPU's work finishing, then the read-back of its first output,
   * timed apart (a 'gpu-buffer' output's run() returns before the GPU is done).
   */
  const call = async (s: typeof session, n: number, hh: number, ww: number) => {
    const data = new Float32Array(n * 3 * hh * ww);
    for (let i = 0; i < data.length; i++) data[i] = rand() * 4 - 2;
    const t = performance.now();
    const out = await s.run({ [input]: new ort.Tensor('float32', data, [n, 3, hh, ww]) });
    await device.queue.onSubmittedWorkDone();
    const ran = performance.now();
    await out[s.outputNames[0]].getData();
    const read = performance.now();
    for (const v of Object.values(out)) (v as { dispose(): void }).dispose();
    return { runMs: ran - t, readbackMs: read - ran, ms: read - t };
  };
  const run = async (n: number, hh: number, ww: number) => (await call(session, n, hh, ww)).ms;
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
  const [h0, w0] = a.shapes[0];
  const gpuSession = await ort.InferenceSession.create(bytes, { executionProviders: [{ name: 'webgpu', device }], preferredOutputLocation: 'gpu-buffer' });
  await call(gpuSession, 1, h0, w0);
  const gpuOutput = { runMs: [] as number[], readbackMs: [] as number[] };
  for (let i = 0; i < a.warmRuns; i++) {
    const c = await call(gpuSession, 1, h0, w0);
    gpuOutput.runMs.push(c.runMs);
    gpuOutput.readbackMs.push(c.readbackMs);
  }
  await gpuSession.release();
  const profiledSession = await ort.InferenceSession.create(bytes, { executionProviders: [{ name: 'webgpu', device }], enableProfiling: true });
  const profiled = { warmMs: [] as number[], lines: [] as string[] };
  await call(profiledSession, 1, h0, w0);
  for (let i = 0; i < a.warmRuns; i++) profiled.warmMs.push((await call(profiledSession, 1, h0, w0)).ms);
  printed = profiled.lines;
  profiledSession.endProfiling();
  printed = null;
  await profiledSession.release();
  return { adapter: `${info.vendor}/${info.architecture}${info.isFallbackAdapter ? ' (fallback)' : ''}`, batchDim, perShape, gpuPeakBytes: meter.peakBytes(), gpuOutput, profiled };
}

const round = (x: number) => Math.round(x * 10) / 10;
const key = ([hh, ww]: [number, number]) => `${hh}x${ww}`;

const preview = await startPreview();
const browser = await launchChromium({ webgpu: true });
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // Neither the bundled model nor the sample: the page would load them on the cores this measures.
  await page.goto(`${preview.url}?ep=wasm&dataset=none&model=none`);
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
  const first = r.perShape[0];
  const firstWarm = medianOf(first.warmMs);
  const gpuRun = medianOf(r.gpuOutput.runMs);
  const readback = medianOf(r.gpuOutput.readbackMs);
  console.log(`${key(first.shape)}: map read back inside run() ${round(firstWarm)} ms a call; kept on the GPU ${round(gpuRun)} ms to the GPU's end + getData() ${round(readback)} ms`);
  const events = parseTraceLines(r.profiled.lines);
  if (!events) throw new Error(`endProfiling() printed no profile (${r.profiled.lines.length} lines)`);
  const kernels = kernelProfile(events, 'webgpu');
  const top = kernels.ops.slice(0, 10);
  const profiledWarm = medianOf(r.profiled.warmMs);
  console.log(`kernel profile (${kernels.source === 'gpu' ? 'GPU timestamps' : 'host times'}, ${kernels.calls} calls): warm call ${round(profiledWarm)} ms profiled vs ${round(firstWarm)} ms`);
  for (const o of top) console.log(`  ${o.op.padEnd(20)} ${String(o.count).padStart(5)} kernels ${round(o.totalMs / kernels.calls).toString().padStart(9)} ms/call ${(o.share * 100).toFixed(1).padStart(5)} %`);
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
      readback_ms_per_map: round(readback),
      gpu_output_ms_per_image: round(gpuRun + readback),
      kernel_source: kernels.source,
      kernel_top10_ms_per_call: Object.fromEntries(top.map((o) => [o.op, round(o.totalMs / kernels.calls)])),
      kernel_top10_share: Object.fromEntries(top.map((o) => [o.op, Math.round(o.share * 1000) / 1000])),
      kernel_profile_cost_pct: round(((profiledWarm - firstWarm) / firstWarm) * 100),
    }),
  );
} finally {
  await browser.close();
  await preview.close();
}
