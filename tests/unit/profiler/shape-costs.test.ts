import { describe, expect, test } from 'vitest';
import { shapeCosts } from '../../../src/core/profiler/shape-costs';
import type { Span } from '../../../src/core/profiler/span';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { fixtureReport } from '../report/helpers';

const infer = (start: number, ms: number, shape: number[], worker = 'infer'): Span => ({ stage: 'infer', batch: 0, worker, start, end: start + ms, shape });

describe('shapeCosts', () => {
  test('per shape in order of first run: the first call apart, the later ones as warm', () => {
    const spans = [
      infer(0, 900, [1, 3, 64, 32]),
      infer(1000, 800, [1, 3, 128, 128]),
      infer(2000, 100, [1, 3, 64, 32]),
      infer(3000, 120, [1, 3, 64, 32]),
      { stage: 'post', batch: 0, worker: 'post-1', start: 0, end: 5 },
      { stage: 'infer', batch: 0, worker: 'infer', start: 4000, end: 4010 }, // no shape: not counted
    ];
    const costs = shapeCosts(spans);
    expect(costs.map((c) => [c.shape, c.calls, c.firstMs, c.warm?.mean ?? null])).toEqual([
      [[1, 3, 64, 32], 3, 900, 110],
      [[1, 3, 128, 128], 1, 800, null],
    ]);
  });

  test('each worker (a shard, a restarted session) pays its own first run', () => {
    const costs = shapeCosts([infer(0, 900, [1, 3, 32, 32], 'shard 1/infer'), infer(10, 700, [1, 3, 32, 32], 'shard 2/infer'), infer(1000, 50, [1, 3, 32, 32], 'shard 1/infer')]);
    expect(costs).toEqual([{ shape: [1, 3, 32, 32], calls: 3, firstMs: 800, warm: expect.objectContaining({ count: 1, mean: 50 }) }]);
  });
});

describe('the report', () => {
  test('lists the input shapes under the performance table', () => {
    const r = fixtureReport();
    r.timing.shapes = shapeCosts([infer(0, 900, [1, 3, 64, 32]), infer(1000, 100, [1, 3, 64, 32])]);
    expect(renderMarkdown(r)).toContain('### Input shapes\n\n1 distinct input shape.');
    expect(renderMarkdown(r)).toContain('| 1×3×64×32 | 2 | 900.0 ms | 100.0 ms | 100.0 ms |');
  });
});
