/**
 * PP-OCRv4 det inference speed on a fixed seeded input: onnxruntime-web WASM in headless
 * Chromium through the app's inference worker (each runTensor timed in the page, worker round
 * trip included), then onnxruntime-node on the CPU with the same thread count, one after the
 * other (the machine has few cores). Median of RUNS after WARMUP. Last line: one JSON object.
 * `--explore` also sweeps session settings with a bare ORT worker in the page and in Node;
 * `--quick` times one run of each size, no warm-up (scripts/lib/bench-mode.ts).
 */
import { median, medianOf } from '../src/core/profiler/stats';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as ortNode from 'onnxruntime-node';
import type { Page } from 'playwright-core';
import { mulberry32 } from '../src/core/numerics/prng';
import { quickMode } from './lib/bench-mode';
import { launchChromium } from './lib/chromium';
import { startPreview } from './lib/preview-server';
import '../src/app/console-api'; // types window.detscope, which this drives

const QUICK = quickMode();
const SIZES = [640, 960];
const WARMUP = QUICK ? 0 : 2;
const RUNS = QUICK ? 1 : 10;
const SEED = 5;
/** Every SAMPLE_STRIDE-th output value is compared between web and native. */
const SAMPLE_STRIDE = 997;
const MODEL_URL = '/models/ppocr-det.onnx';
const root = fileURLToPath(new URL('../', import.meta.url));
const modelPath = `${root}public/models/ppocr-det.onnx`;

type Level = 'disabled' | 'basic' | 'extended' | 'all';
/** One way to open the session; the app's is { threads, level: 'all' }. */
interface Variant {
  name: string;
  threads: number;
  level: Level;
  fixDims?: boolean;
  config?: Record<string, string>;
}
interface Timing {
  ms: Record<number, number>;
  sessionMs: number;
  samples: Record<number, number[]>;
}


/** Uniform in [-2, 2): runs in Node and, serialised, in the page and its workers. */
function randomInput(size: number, rand: () => number): Float32Array {
  const data = new Float32Array(3 * size * size);
  for (let i = 0; i < data.length; i++) data[i] = rand() * 4 - 2;
  return data;
}

function sample(data: Float32Array, stride: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += stride) out.push(data[i]);
  return out;
}

/** The model's symbolic input dimensions, pinned to one size (freeDimensionOverrides). */
function fixedDims(size: number): Record<string, number> {
  return { 'p2o.DynamicDimension.0': 1, 'p2o.DynamicDimension.1': size, 'p2o.DynamicDimension.2': size };
}

/**
 * The functions above and the stats they call, as source for the page and its workers, each
 * under its own name: the source calls its dependencies by name (medianOf calls median), so
 * an alias would call itself. tsx wraps named functions in __name().
 */
function helpers(scope: 'const ' | 'globalThis.'): string {
  const fns = [mulberry32, randomInput, sample, median, medianOf, fixedDims];
  return [`${scope}__name = (f) => f;`, ...fns.map((f) => `${scope}${f.name} = ${f.toString()};`)].join('\n');
}

/** The app's own path: createDetector() → load → runTensor, each call timed in the page. */
async function webApp(page: Page): Promise<Timing & { threads: number; isolated: boolean }> {
  return page.evaluate(
    async ({ sizes, warmup, runs, seed, stride, url }) => {
      const g = globalThis as unknown as Record<string, (...a: unknown[]) => unknown>;
      const make = g.randomInput as typeof randomInput;
      const rng = g.mulberry32 as typeof mulberry32;
      const take = g.sample as typeof sample;
      const d = window.detscope.createDetector();
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const t0 = performance.now();
      const { runtime } = await d.load('ppocr-det.onnx', bytes, 'wasm');
      const sessionMs = performance.now() - t0;
      const ms: Record<number, number> = {};
      const samples: Record<number, number[]> = {};
      for (const size of sizes) {
        const data = make(size, rng(seed));
        const times: number[] = [];
        for (let i = 0; i < warmup + runs; i++) {
          const t = performance.now();
          const out = await d.runTensor('x', data, [1, 3, size, size]);
          times.push(performance.now() - t);
          samples[size] = take(Object.values(out)[0].data, stride);
        }
        ms[size] = (g.medianOf as typeof medianOf)(times.slice(warmup));
      }
      d.dispose();
      return { ms, sessionMs, samples, threads: runtime.wasmThreads, isolated: runtime.crossOriginIsolated };
    },
    { sizes: SIZES, warmup: WARMUP, runs: RUNS, seed: SEED, stride: SAMPLE_STRIDE, url: MODEL_URL },
  );
}

/** A bare ORT worker (the app's plain WASM build) per variant: numThreads is fixed at ORT's first init. */
function variantWorker(ortUrl: string, origin: string): string {
  return `import * as ort from '${ortUrl}';
  ${helpers('const ')}
  ort.env.wasm.wasmPaths = '${origin}/ort/';
  ort.env.logLevel = 'error';
  onmessage = async ({ data: { v, bytes, sizes, warmup, runs, seed } }) => {
    ort.env.wasm.numThreads = v.threads;
    const ms = {}, sessionMs = [];
    for (const size of sizes) {
      const t0 = performance.now();
      const s = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: v.level,
        ...(v.fixDims ? { freeDimensionOverrides: fixedDims(size) } : {}), ...(v.config ? { extra: v.config } : {}) });
      sessionMs.push(performance.now() - t0);
      const data = randomInput(size, mulberry32(seed));
      const times = [];
      for (let i = 0; i < warmup + runs; i++) {
        const t = performance.now();
        const out = await s.run({ x: new ort.Tensor('float32', data, [1, 3, size, size]) });
        await out[s.outputNames[0]].getData();
        times.push(performance.now() - t);
      }
      ms[size] = medianOf(times.slice(warmup));
      await s.release();
    }
    postMessage({ ms, sessionMs: sessionMs[0], samples: {} });
  };`;
}

async function webVariant(page: Page, code: string, v: Variant): Promise<Timing> {
  return page.evaluate(
    async ({ code, v, sizes, warmup, runs, seed, url }) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const w = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })), { type: 'module' });
      const result = await new Promise<Timing>((resolve, reject) => {
        w.onmessage = (e) => resolve(e.data);
        w.onerror = (e) => reject(new Error(e.message));
        w.postMessage({ v, bytes, sizes, warmup, runs, seed });
      });
      w.terminate();
      return result;
    },
    { code, v, sizes: SIZES, warmup: WARMUP, runs: RUNS, seed: SEED, url: MODEL_URL },
  );
}

async function native(v: Variant): Promise<Timing> {
  const ms: Record<number, number> = {};
  const samples: Record<number, number[]> = {};
  let sessionMs = 0;
  for (const size of SIZES) {
    const t0 = performance.now();
    const s = await ortNode.InferenceSession.create(modelPath, {
      executionProviders: ['cpu'],
      intraOpNumThreads: v.threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: v.level,
      ...(v.fixDims ? { freeDimensionOverrides: fixedDims(size) } : {}),
    });
    if (size === SIZES[0]) sessionMs = performance.now() - t0;
    const data = randomInput(size, mulberry32(SEED));
    const times: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t = performance.now();
      const out = await s.run({ x: new ortNode.Tensor('float32', data, [1, 3, size, size]) });
      times.push(performance.now() - t);
      samples[size] = sample(out[s.outputNames[0]].data as Float32Array, SAMPLE_STRIDE);
    }
    ms[size] = medianOf(times.slice(WARMUP));
    await s.release();
  }
  return { ms, sessionMs, samples };
}

function exploreVariants(threads: number): Variant[] {
  const base: Variant = { name: `app (${threads} threads, all)`, threads, level: 'all' };
  const counts = [...new Set([1, 2, threads])].filter((t) => t !== threads);
  return [
    base,
    ...counts.map((t) => ({ ...base, name: `${t} thread${t > 1 ? 's' : ''}`, threads: t })),
    ...(['extended', 'basic', 'disabled'] as const).map((level) => ({ ...base, name: `level ${level}`, level })),
    { ...base, name: 'freeDimensionOverrides', fixDims: true },
    { ...base, name: 'no intra-op spinning', config: { 'session.intra_op.allow_spinning': '0' } },
    { ...base, name: 'denormals as zero', config: { 'session.set_denormal_as_zero': '1' } },
  ];
}

/** Until the page has shown no busy indicator for IDLE_MS, or IDLE_CAP_MS have passed. */
async function waitIdle(page: Page): Promise<void> {
  const IDLE_MS = 2000;
  const IDLE_CAP_MS = 120_000;
  const start = Date.now();
  let idleSince = Date.now();
  while (Date.now() - idleSince < IDLE_MS) {
    if (Date.now() - start > IDLE_CAP_MS) return console.error('the page is still busy with its own start-up; measuring anyway');
    if (await page.$('[data-testid="busy"]')) idleSince = Date.now();
    await new Promise((r) => setTimeout(r, 200));
  }
}

const fmt = (x: number) => x.toFixed(1).padStart(8);

async function main() {
  const explore = process.argv.includes('--explore');
  const server = await startPreview();
  const browser = await launchChromium();
  let web: Awaited<ReturnType<typeof webApp>>;
  const sweep: { v: Variant; web: Timing; nat: Timing; load: number }[] = [];
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${server.url}?ep=wasm&dataset=none`);
    await page.evaluate(helpers('globalThis.'));
    // The page loads the bundled model on its own first; let it finish, then stop its workers so
    // only the measured session competes for the cores.
    await page.waitForFunction(() => 'detscope' in globalThis, null, { timeout: 60_000 });
    await waitIdle(page);
    await page.evaluate(() => window.detscope.detector.dispose());
    web = await webApp(page);
    if (explore) {
      const ortAsset = readdirSync(`${root}dist/assets`).find((f) => /^ort\.wasm\.min-.*\.js$/.test(f));
      const code = variantWorker(`${server.url}assets/${ortAsset}`, server.url.replace(/\/$/, ''));
      // Native right after each web variant: on shared cores the load drifts, and the ratio is what counts.
      for (const v of exploreVariants(web.threads)) {
        const w = await webVariant(page, code, v);
        sweep.push({ v, web: w, nat: await native(v), load: loadavg()[0] });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const nat = await native({ name: 'native', threads: web.threads, level: 'all' });
  const diff = Math.max(...SIZES.flatMap((s) => web.samples[s].map((x, i) => Math.abs(x - nat.samples[s][i]))));

  console.log(`PP-OCRv4 det, input 1x3xNxN seeded in [-2,2], median of ${RUNS} after ${WARMUP} warm-ups, ${web.threads} threads (cross-origin isolated: ${web.isolated})`);
  console.log('size       web ms   native ms   web/native');
  for (const s of SIZES) console.log(`${String(s).padEnd(6)} ${fmt(web.ms[s])}    ${fmt(nat.ms[s])}    ${(web.ms[s] / nat.ms[s]).toFixed(2).padStart(8)}`);
  console.log(`session creation: web ${web.sessionMs.toFixed(0)} ms (worker load + ORT init + session), native ${nat.sessionMs.toFixed(0)} ms`);
  console.log(`max |web - native| over sampled outputs: ${diff.toExponential(2)}; 1-min load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);

  if (explore) {
    console.log('\nSettings sweep (bare ORT worker in the page, no round trip; native with the same settings)');
    console.log(`variant                          ${SIZES.map((s) => `web ${s}  nat ${s}  ratio`).join('   ')}   load`);
    for (const { v, web: w, nat: n, load } of sweep) {
      console.log(`${v.name.padEnd(30)} ${SIZES.map((s) => `${fmt(w.ms[s])} ${fmt(n.ms[s])} ${(w.ms[s] / n.ms[s]).toFixed(2).padStart(6)}`).join('   ')}   ${load.toFixed(1)}`);
    }
  }

  const r = (x: number) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify({
      web_ms_640: r(web.ms[640]),
      native_ms_640: r(nat.ms[640]),
      web_ms_960: r(web.ms[960]),
      native_ms_960: r(nat.ms[960]),
      threads: web.threads,
      web_over_native_640: Math.round((web.ms[640] / nat.ms[640]) * 100) / 100,
      web_over_native_960: Math.round((web.ms[960] / nat.ms[960]) * 100) / 100,
      session_ms: Math.round(web.sessionMs),
      max_abs_diff: diff,
    }),
  );
}

await main();
