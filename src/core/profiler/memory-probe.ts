import type { MemorySample } from './memory';
import { now } from './span';

type Perf = Performance & { memory?: { usedJSHeapSize: number } };

/** Which API gave the JS heap (measureUserAgentSpecificMemory includes workers' wasm heaps); null when the browser has neither. */
export type JsHeapSource = 'measureUserAgentSpecificMemory' | 'performance.memory' | null;

/** Where the inference worker's figures come from (the worker measures them itself). */
export interface WorkerMemory {
  wasmBytes(): Promise<number | null>;
  gpuBytes(): Promise<number | null>;
}

/**
 * Memory readings for the profiler, cheap enough to take every second: the page's JS heap
 * from `performance.memory` (Chrome; answers at once), the inference worker's WASM heap
 * and live GPU buffer bytes as that worker counts them. measureUserAgentSpecificMemory is
 * not used: it resolves only at the browser's next garbage collection (12-60 s measured
 * here). What the browser does not offer stays null ("n/a").
 */
export class MemoryProbe {
  private readonly perf = globalThis.performance as Perf;

  constructor(private readonly worker: WorkerMemory) {}

  get jsHeapSource(): JsHeapSource {
    return this.perf.memory ? 'performance.memory' : null;
  }

  async sample(): Promise<MemorySample> {
    const [wasmBytes, gpuBytes] = await Promise.all([this.worker.wasmBytes().catch(() => null), this.worker.gpuBytes().catch(() => null)]);
    return { t: now(), jsHeapBytes: this.perf.memory?.usedJSHeapSize ?? null, wasmBytes, gpuBytes };
  }
}
