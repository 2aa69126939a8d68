import type { NonNegative } from '../numerics/number-kinds';
/**
 * One memory reading. A figure the environment cannot give is null ("n/a"), never a guess:
 * GPU bytes exist only on WebGPU with a tracked device, the JS heap only where Chrome exposes it.
 */
export interface MemorySample {
  /** Epoch ms, on the spans' clock. */
  t: number;
  jsHeapBytes: NonNegative | null;
  wasmBytes: NonNegative | null;
  gpuBytes: NonNegative | null;
}

export type MemoryKind = 'jsHeapBytes' | 'wasmBytes' | 'gpuBytes';

export interface PeakAndEnd {
  peak: NonNegative | null;
  end: NonNegative | null;
}

export type MemorySummary = Record<MemoryKind, PeakAndEnd>;

const kinds: MemoryKind[] = ['jsHeapBytes', 'wasmBytes', 'gpuBytes'];

/** Peak and last reading of each figure over the samples that measured it. */
export function summarizeMemory(samples: readonly MemorySample[]): MemorySummary {
  const summary = {} as MemorySummary;
  const inOrder = [...samples].sort((a, b) => a.t - b.t);
  for (const kind of kinds) {
    let peak: number | null = null;
    let end: number | null = null;
    for (const s of inOrder) {
      const v = s[kind];
      if (v === null) continue;
      peak = peak === null ? v : Math.max(peak, v);
      end = v;
    }
    summary[kind] = { peak, end };
  }
  return summary;
}
