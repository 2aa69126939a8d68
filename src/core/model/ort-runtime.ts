import type * as Ort from 'onnxruntime-web';

/** Which onnxruntime-web execution provider a session runs on. */
export type ExecutionProvider = 'webgpu' | 'wasm';

export type OrtModule = typeof Ort;

/** Where install-time copies of ORT's wasm binaries and glue are served (scripts/copy-model.mjs). */
const WASM_BASE = '/ort/';

/**
 * The only place that loads onnxruntime-web. Each EP gets the build made for it: the WebGPU
 * build running the WASM EP spends its first seconds compiling twice the wasm, every run
 * meanwhile 3-5x slower (docs/reference-figures.md, "onnxruntime-web builds"), so WASM uses
 * the plain build.
 */
export async function loadOrt(ep: ExecutionProvider, threads: number): Promise<OrtModule> {
  const ort = (ep === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm')) as OrtModule;
  ort.env.wasm.wasmPaths = new URL(WASM_BASE, globalThis.location?.href ?? 'http://localhost/').href;
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.simd = true;
  ort.env.logLevel = 'error';
  return ort;
}

/**
 * Threads for the WASM EP: more than the cores slows it down (measured 250-300 ms vs 130 ms at
 * 640x640 on 2 cores), and without cross-origin isolation there is no SharedArrayBuffer at all.
 */
export function wasmThreads(hardwareConcurrency: number, crossOriginIsolated: boolean): number {
  if (!crossOriginIsolated) return 1;
  return Math.max(1, Math.min(4, hardwareConcurrency));
}
