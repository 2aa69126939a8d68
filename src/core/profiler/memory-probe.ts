import type { Report } from '../report/schema';
import type { MemorySample } from './memory';
import { now } from './span';

interface UaMemory {
  bytes: number;
  breakdown: { bytes: number; attribution: { url?: string }[] }[];
}

type Perf = Performance & {
  measureUserAgentSpecificMemory?: () => Promise<UaMemory>;
  memory?: { usedJSHeapSize: number };
};

export type JsHeapSource = Report['memory']['jsHeapSource'];

/**
 * Memory readings for the profiler, cheap enough to take every second.
 *
 * measureUserAgentSpecificMemory is the only API that sees workers and their WASM heaps,
 * but it resolves at the browser's next garbage collection (12-60 s measured here), so it
 * runs in the background, one at a time, and each sample carries the latest result it
 * gave: the inference worker's bytes (its WASM heap plus its JS). The page's JS heap comes
 * from `performance.memory`, which answers at once. What the browser does not offer stays
 * null ("n/a").
 */
export class MemoryProbe {
  private readonly perf = globalThis.performance as Perf;
  private inferBytes: number | null = null;
  private measuring = false;

  constructor(
    private readonly inferWorkerName: string,
    private readonly gpuBytes: () => Promise<number | null>,
  ) {}

  get jsHeapSource(): JsHeapSource {
    return this.perf.memory ? 'performance.memory' : null;
  }

  private measureWorkers(): void {
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
    if (this.measuring || !isolated || !this.perf.measureUserAgentSpecificMemory) return;
    this.measuring = true;
    this.perf
      .measureUserAgentSpecificMemory()
      .then((m) => {
        const infer = m.breakdown.filter((b) => b.attribution.some((a) => a.url?.includes(this.inferWorkerName)));
        this.inferBytes = infer.length ? infer.reduce((sum, b) => sum + b.bytes, 0) : null;
      })
      .catch(() => undefined)
      .finally(() => (this.measuring = false));
  }

  async sample(): Promise<MemorySample> {
    this.measureWorkers();
    return {
      t: now(),
      jsHeapBytes: this.perf.memory?.usedJSHeapSize ?? null,
      wasmBytes: this.inferBytes,
      gpuBytes: await this.gpuBytes().catch(() => null),
    };
  }
}
