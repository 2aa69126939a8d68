import { describe, expect, it } from 'vitest';
import { busyShares } from '../../../src/core/profiler/busy-shares';
import { criticalPath } from '../../../src/core/profiler/critical-path';
import type { Span } from '../../../src/core/profiler/span';

const span = (stage: string, batch: number, start: number, end: number, worker = stage): Span => ({ stage, batch, worker, start, end });

// Three batches, inference-bound: decode of the next batch hides behind inference.
const pipelined: Span[] = [
  span('decode', 0, 0, 10),
  span('decode', 1, 10, 20),
  span('decode', 2, 20, 30),
  span('infer', 0, 10, 40),
  span('infer', 1, 40, 70),
  span('infer', 2, 70, 100),
  span('post', 0, 40, 50),
  span('post', 1, 70, 80),
  span('post', 2, 100, 110),
];

describe('criticalPath', () => {
  it('walks back through inference on an inference-bound pipeline', () => {
    const cp = criticalPath(pipelined)!;
    expect(cp.path.map((s) => `${s.stage}${s.batch}`)).toEqual(['decode0', 'infer0', 'infer1', 'infer2', 'post2']);
    expect(cp.shares.decode).toBeCloseTo(10 / 110, 12);
    expect(cp.shares.infer).toBeCloseTo(90 / 110, 12);
    expect(cp.shares.post).toBeCloseTo(10 / 110, 12);
    expect(cp.idleShare).toBe(0);
  });

  it('counts waiting between a predecessor and its successor as idle', () => {
    const cp = criticalPath([span('decode', 0, 0, 10), span('infer', 0, 15, 40), span('post', 0, 42, 50)])!;
    expect(cp.idleShare).toBeCloseTo(7 / 50, 12);
    expect(cp.shares).toEqual({ decode: 10 / 50, infer: 25 / 50, post: 8 / 50 });
  });

  it('cuts the first span where its successor starts when everything earlier still runs', () => {
    const cp = criticalPath([span('a', 0, 0, 100), span('b', 0, 50, 60), span('c', 0, 20, 120)])!;
    expect(cp.path.map((s) => [s.stage, s.start, s.end])).toEqual([
      ['a', 0, 20],
      ['c', 20, 120],
    ]);
    expect(cp.shares.a + cp.shares.c + cp.idleShare).toBeCloseTo(1, 12);
    expect(cp.shares.a).toBeCloseTo(20 / 120, 12);
  });

  it('prefers the longer of two predecessors that end together, and ignores empty spans', () => {
    const cp = criticalPath([span('short', 0, 8, 10), span('long', 0, 0, 10), span('zero', 0, 10, 10), span('last', 0, 10, 20)])!;
    expect(cp.path.map((s) => s.stage)).toEqual(['long', 'last']);
    expect(criticalPath([])).toBeNull();
  });
});

describe('busyShares', () => {
  it('is the union of each stage over the wall time', () => {
    const shares = busyShares([span('x', 0, 0, 10), span('x', 1, 5, 15), span('x', 2, 20, 30), span('y', 0, 0, 30)]);
    expect(shares.x).toBeCloseTo(25 / 30, 12);
    expect(shares.y).toBe(1);
    expect(busyShares(pipelined).infer).toBeCloseTo(90 / 110, 12);
  });
});
