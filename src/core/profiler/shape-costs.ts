import type { Span } from './span';
import { summarize, type Stats } from './stats';
import type { Integer, NonNegative, PositiveCount } from '../numerics/number-kinds';

/** What one input shape cost a run: its first call compiles kernels and allocates buffers on WebGPU. */
export interface ShapeCost {
  /** The input tensor's dims, e.g. [1, 3, 960, 640]. */
  shape: Integer[];
  /** Inference calls with this shape. */
  calls: PositiveCount;
  /** The first call of this shape (compile and allocation included), ms; the mean over workers when several sessions ran it (merged shards). */
  firstMs: NonNegative;
  /** Every later call of this shape; null when it ran once per session. */
  warm: Stats | null;
}

/** Dims as `1×3×960×640`. */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

/**
 * Per distinct input shape of a stage's spans (those that carry a shape), in the order the
 * shapes first ran: what a dataset of many image sizes pays in first runs. Each worker holds
 * its own session, so each pays its own first run of a shape.
 */
export function shapeCosts(spans: readonly Span[], stage = 'infer'): ShapeCost[] {
  const byShape = new Map<string, { shape: number[]; first: number[]; warm: number[]; seen: Set<string> }>();
  const runs = spans.filter((s) => s.stage === stage && s.shape).sort((a, b) => a.start - b.start);
  // Images stacked into one call each carry the call's span: the call counts once.
  const calls = new Set<string>();
  for (const s of runs) {
    const call = `${s.worker}@${s.start}`;
    if (calls.has(call)) continue;
    calls.add(call);
    const key = s.shape!.join('x');
    let entry = byShape.get(key);
    if (!entry) byShape.set(key, (entry = { shape: s.shape!, first: [], warm: [], seen: new Set() }));
    const ms = s.end - s.start;
    if (entry.seen.has(s.worker)) {
      entry.warm.push(ms);
    } else {
      entry.seen.add(s.worker);
      entry.first.push(ms);
    }
  }
  return [...byShape.values()].map((e) => ({
    shape: e.shape,
    calls: e.first.length + e.warm.length,
    firstMs: e.first.reduce((a, b) => a + b, 0) / e.first.length,
    warm: summarize(e.warm),
  }));
}
