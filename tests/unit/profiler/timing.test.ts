import { describe, expect, it } from 'vitest';
import { batchTimes } from '../../../src/core/profiler/batch-times';
import { summarizeMemory } from '../../../src/core/profiler/memory';
import { now, type Span } from '../../../src/core/profiler/span';
import { summarize } from '../../../src/core/profiler/stats';
import { summarizeTiming } from '../../../src/core/profiler/timing';
import { toChromeTrace } from '../../../src/core/profiler/trace';

const spans: Span[] = [
  { stage: 'decode', batch: 0, image: 0, worker: 'decode-1', start: 1000, end: 1010 },
  { stage: 'decode', batch: 0, image: 1, worker: 'decode-2', start: 1000, end: 1012 },
  { stage: 'infer', batch: 0, worker: 'infer', start: 1012, end: 1100 },
  { stage: 'decode', batch: 1, image: 2, worker: 'decode-1', start: 1012, end: 1020 },
  { stage: 'infer', batch: 1, worker: 'infer', start: 1100, end: 1150 },
  { stage: 'post', batch: 0, image: 0, worker: 'post-1', start: 1100, end: 1105 },
  { stage: 'post', batch: 1, image: 2, worker: 'post-1', start: 1150, end: 1160 },
  { stage: 'infer', batch: 2, worker: 'infer', start: 1160, end: 1200 },
];

describe('summarizeTiming', () => {
  it('derives wall time, throughput, per-stage and per-batch figures from the spans', () => {
    const t = summarizeTiming(spans, { images: 3, warmupRuns: 1 });
    expect(t.wall_s).toBeCloseTo(0.2, 12);
    expect(t.images_per_s).toBeCloseTo(15, 9);
    expect(t.stages.decode).toEqual(summarize([10, 12, 8]));
    expect(t.stages.infer.total).toBe(88 + 50 + 40);
    // batch 0: 1000..1105, batch 1: 1012..1160, batch 2: 1160..1200
    expect(t.batchTimesMs).toEqual([105, 148, 40]);
    expect(t.batches).toEqual(summarize([105, 148, 40]));
    expect(t.inference).toEqual({ stage: 'infer', warmupRuns: 1, cold: summarize([88]), warm: summarize([50, 40]) });
    const sum = Object.values(t.criticalPath!.shares).reduce((a, b) => a + b, 0) + t.criticalPath!.idleShare;
    expect(sum).toBeCloseTo(1, 12);
  });

  it('has no inference figures without inference spans, and zero throughput without spans', () => {
    expect(summarizeTiming(spans.filter((s) => s.stage !== 'infer'), { images: 3 }).inference).toBeNull();
    const empty = summarizeTiming([], { images: 0 });
    expect(empty).toMatchObject({ wall_s: 0, images_per_s: 0, batches: null, batchTimesMs: [], criticalPath: null });
  });

  it('batch time runs from the first stage start to the last stage end', () => {
    expect(batchTimes(spans)[1]).toEqual({ batch: 1, start: 1012, end: 1160, ms: 148 });
  });
});

describe('now', () => {
  it('is on the wall clock, as spans from every worker must be', () => {
    expect(Math.abs(now() - Date.now())).toBeLessThan(1000);
  });
});

describe('summarizeMemory', () => {
  it('keeps n/a as null and takes peak and last reading per figure', () => {
    const m = summarizeMemory([
      { t: 2, jsHeapBytes: 300, wasmBytes: null, gpuBytes: null },
      { t: 1, jsHeapBytes: 100, wasmBytes: 50, gpuBytes: null },
      { t: 3, jsHeapBytes: 200, wasmBytes: null, gpuBytes: null },
    ]);
    expect(m).toEqual({
      jsHeapBytes: { peak: 300, end: 200 },
      wasmBytes: { peak: 50, end: 50 },
      gpuBytes: { peak: null, end: null },
    });
  });
});

describe('toChromeTrace', () => {
  it('parses as JSON with one named track per worker and complete events in microseconds', () => {
    const trace = JSON.parse(JSON.stringify(toChromeTrace(spans)));
    const names = trace.traceEvents.filter((e: { name: string }) => e.name === 'thread_name');
    expect(names.map((e: { args: { name: string } }) => e.args.name).sort()).toEqual(['decode-1', 'decode-2', 'infer', 'post-1']);
    expect(new Set(names.map((e: { tid: number }) => e.tid)).size).toBe(4);
    const complete = trace.traceEvents.filter((e: { ph: string }) => e.ph === 'X');
    expect(complete).toHaveLength(spans.length);
    const infer1 = complete.find((e: { name: string; args: { batch: number } }) => e.name === 'infer' && e.args.batch === 1);
    expect(infer1).toMatchObject({ ts: 100_000, dur: 50_000, pid: 1 });
    const inferTid = names.find((e: { args: { name: string } }) => e.args.name === 'infer').tid;
    expect(complete.filter((e: { tid: number }) => e.tid === inferTid)).toHaveLength(3);
  });
});
