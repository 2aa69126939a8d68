import { describe, expect, it } from 'vitest';
import { batchSeries, finishedBatches } from '../../../src/app/components/run/batch-series';
import { stageColor } from '../../../src/app/components/run/stage-colors';
import { stageBreakdown } from '../../../src/app/components/run/stage-rows';
import type { Span } from '../../../src/core/profiler/span';

const span = (stage: string, start: number, end: number, batch = 0, worker = 'w'): Span => ({ stage, batch, worker, start, end });

describe('stageBreakdown', () => {
  it('gives each stage its critical-path share and stats, in pipeline order', () => {
    const spans = [
      span('zzz', 1, 2),
      span('postprocess', 40, 45),
      span('collate', 12, 20),
      span('infer', 10, 40),
      span('aaa', 3, 4),
      span('prepare', 0, 10),
      span('prepare', 0, 4),
    ];
    const { rows, idleShare } = stageBreakdown(spans);
    expect(rows.map((r) => r.stage)).toEqual(['prepare', 'infer', 'postprocess', 'collate', 'aaa', 'zzz']);
    // Path: prepare 0-10, infer 10-40, postprocess 40-45; collate ran beside it.
    const share = Object.fromEntries(rows.map((r) => [r.stage, r.share]));
    expect(share.prepare).toBeCloseTo(10 / 45, 12);
    expect(share.infer).toBeCloseTo(30 / 45, 12);
    expect(share.postprocess).toBeCloseTo(5 / 45, 12);
    expect(share.collate).toBe(0);
    expect(idleShare).toBe(0);
    const prepare = rows[0].stats;
    expect(prepare.count).toBe(2);
    expect(prepare.mean).toBe(7);
    expect(prepare.max).toBe(10);
  });

  it('counts the gaps on the path as idle', () => {
    const { rows, idleShare } = stageBreakdown([span('prepare', 0, 10), span('infer', 20, 30)]);
    expect(idleShare).toBeCloseTo(10 / 30, 12);
    expect(rows.reduce((s, r) => s + r.share, idleShare)).toBeCloseTo(1, 12);
  });

  it('is empty without spans', () => {
    expect(stageBreakdown([])).toEqual({ rows: [], idleShare: 0 });
  });
});

describe('batchSeries', () => {
  it('gives batch times in batch order with their mean and P95', () => {
    const s = batchSeries([span('infer', 30, 50, 1), span('a', 0, 10, 0), span('b', 5, 30, 0), span('c', 40, 100, 2)]);
    expect(s.batch).toEqual([0, 1, 2]);
    expect(s.ms).toEqual([30, 20, 60]);
    expect(s.mean).toBeCloseTo(110 / 3, 12);
    // np.percentile([20, 30, 60], 95) = 57
    expect(s.p95).toBeCloseTo(57, 12);
  });

  it('has no mean or P95 before the first batch', () => {
    expect(batchSeries([])).toEqual({ batch: [], ms: [], mean: null, p95: null, sumMs: 0, wallMs: 0 });
  });

  it('leaves out the batch in progress, and sums the overlapping batches apart from the wall time', () => {
    const spans = [span('a', 0, 10, 0), span('b', 5, 30, 0), span('infer', 20, 50, 1), span('c', 40, 100, 2)];
    // Batches of 2 of 5 images: batch 0 and the last batch (1 image) are done, batch 1 has 1 of 2.
    const s = batchSeries(spans, finishedBatches([0, 0, 1, 2], 2, 5));
    expect(s.batch).toEqual([0, 2]);
    expect(s.sumMs).toBe(30 + 60);
    expect(s.wallMs).toBe(100);
  });
});

describe('stageColor', () => {
  it('gives the pipeline stages distinct, stable colours', () => {
    const colors = ['prepare', 'infer', 'postprocess', 'metrics', 'collate'].map(stageColor);
    expect(new Set(colors).size).toBe(5);
    expect(stageColor('custom')).toBe(stageColor('custom'));
    expect(colors).not.toContain(stageColor('custom'));
  });
});
