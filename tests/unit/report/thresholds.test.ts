import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ThresholdsError } from '../../../src/core/errors';
import type { Report, Thresholds } from '../../../src/core/report/schema';
import { checkThresholds } from '../../../src/core/report/threshold-check';
import { parseThresholds } from '../../../src/core/report/thresholds';
import { fixtureReport } from './helpers';

const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../../thresholds/${name}`, import.meta.url)), 'utf8');

describe('parseThresholds', () => {
  it("loads the original project's thresholds.yaml keys and values unchanged", () => {
    const { thresholds, unknownKeys } = parseThresholds(read('original.yaml'));
    expect(unknownKeys).toEqual([]);
    expect(thresholds).toEqual({
      validation: { time_regression_threshold_pct: 10, max_time_seconds: 300, min_samples_per_second: 50 },
      memory: { max_gpu_memory_pct: 80, max_gpu_memory_gb: 12, max_cpu_memory_pct: 80 },
      cache: { min_hit_rate_pct: 80, warmup_batches: 10 },
      tolerance: { measurement_noise_pct: 2 },
    });
  });

  it('loads the shipped defaults without unknown keys', () => {
    const { thresholds, unknownKeys } = parseThresholds(read('default.yaml'));
    expect(unknownKeys).toEqual([]);
    expect(thresholds.validation!.max_failed_images).toBe(0);
    expect(thresholds.accuracy).toEqual({ min_hmean: expect.any(Number), max_hmean_drop: expect.any(Number) });
  });

  it('reports unknown sections and keys by their path', () => {
    const { thresholds, unknownKeys } = parseThresholds('validation:\n  max_time_seconds: 10\n  max_time_minutes: 1\nlatency:\n  p99_ms: 5\n');
    expect(unknownKeys).toEqual(['validation.max_time_minutes', 'latency']);
    expect(thresholds).toEqual({ validation: { max_time_seconds: 10 } });
    expect(parseThresholds('').thresholds).toEqual({});
  });

  it.each([
    ['memory:\n  max_gpu_memory_pct: 180\n', 'memory.max_gpu_memory_pct', 2, /percentage/],
    ['cache:\n  warmup_batches: 2.5\n', 'cache.warmup_batches', 2, /whole number/],
    ['validation:\n  max_failed_images: -1\n', 'validation.max_failed_images', 2, /whole number of images/],
    ['validation:\n  max_time_seconds: fast\n', 'validation.max_time_seconds', 2, /at least 0/],
    ['accuracy:\n\n  min_hmean: -0.1\n', 'accuracy.min_hmean', 3, /fraction/],
    ['validation: 3\n', 'validation', 1, /Indent/],
  ])('rejects %j with its path, line and a hint', (text, path, line, hint) => {
    try {
      parseThresholds(text, 'my.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ThresholdsError);
      const err = e as ThresholdsError;
      expect(err.where).toEqual({ file: 'my.yaml', line, path });
      expect(err.hint).toMatch(hint);
    }
  });

  it('rejects broken YAML with its line', () => {
    expect(() => parseThresholds('validation:\n  max_time_seconds: [1,\n')).toThrow(ThresholdsError);
    expect(() => parseThresholds('- 1\n- 2\n')).toThrow(/mapping/);
  });
});

const status = (r: Report, t: Thresholds) => checkThresholds(r, t).map((x) => [x.rule, x.status]);

describe('checkThresholds', () => {
  const base = fixtureReport(); // wall 5.74 s, 2.09 images/s, WASM, cache cold, H-mean 0.958

  it.each<[string, Thresholds, (r: Report) => void]>([
    ['validation.max_time_seconds', { validation: { max_time_seconds: 6 } }, (r) => (r.timing.wall_s = 7)],
    ['validation.min_samples_per_second', { validation: { min_samples_per_second: 2 } }, (r) => (r.timing.images_per_s = 1.5)],
    ['memory.max_gpu_memory_gb', { memory: { max_gpu_memory_gb: 1 } }, (r) => (r.memory.summary.gpuBytes.peak = 1.5 * 1024 ** 3)],
    ['memory.max_gpu_memory_pct', { memory: { max_gpu_memory_pct: 50 } }, (r) => (r.memory.summary.gpuBytes.peak = 5e9)],
    ['memory.max_cpu_memory_pct', { memory: { max_cpu_memory_pct: 10 } }, (r) => (r.memory.summary.jsHeapBytes.peak = 2e9)],
    ['cache.min_hit_rate_pct', { cache: { min_hit_rate_pct: 80, warmup_batches: 10 } }, (r) => (r.cache!.hitRateAfterWarmup = 0.79)],
    ['accuracy.min_hmean', { accuracy: { min_hmean: 0.95 } }, (r) => (r.accuracy.cleval!.meanImageHmean = 0.9)],
  ])('%s passes, then fails', (rule, thresholds, worsen) => {
    const r = structuredClone(base);
    // Make every figure measurable: a WebGPU run with known memory sizes and a warm cache.
    r.environment.ep = 'webgpu';
    r.memory.summary.gpuBytes.peak = 0.5 * 1024 ** 3;
    r.memory.gpuTotalBytes = 8e9;
    r.memory.systemTotalBytes = 16e9;
    r.cache!.hitRateAfterWarmup = 0.9;
    expect(status(r, thresholds).find(([k]) => k === rule)).toEqual([rule, 'pass']);
    worsen(r);
    const result = checkThresholds(r, thresholds).find((x) => x.rule === rule)!;
    expect(result.status).toBe('fail');
    expect(result.figure).not.toBeNull();
    expect(result.message).toMatch(/over|under/);
  });

  it('says "not measured", never "pass", for figures this run could not give', () => {
    const t: Thresholds = {
      validation: { time_regression_threshold_pct: 10 },
      memory: { max_gpu_memory_gb: 12, max_gpu_memory_pct: 80, max_cpu_memory_pct: 80 },
      cache: { min_hit_rate_pct: 0 },
      accuracy: { max_hmean_drop: 1 },
    };
    const results = checkThresholds(base, t).filter((x) => x.rule !== 'validation.max_failed_images');
    expect(results.map((x) => x.status)).toEqual(Array(6).fill('not measured'));
    expect(results.every((x) => x.figure === null && x.message.startsWith('not measured: '))).toBe(true);
    expect(checkThresholds({ ...base, cache: null }, { cache: { min_hit_rate_pct: 1 } })[0].message).toMatch(/cache was off/);
    const warm = { ...base, cache: { ...base.cache!, hitRateAfterWarmup: 0.9 } };
    expect(checkThresholds(warm, { cache: { min_hit_rate_pct: 80, warmup_batches: 5 } })[0]).toMatchObject({ status: 'not measured', message: expect.stringMatching(/ask for 5/) });
    const noAccuracy = { ...base, accuracy: { cleval: null, iou: null, loss: null } };
    expect(checkThresholds(noAccuracy, { accuracy: { min_hmean: 0.5 } })[0].status).toBe('not measured');
  });

  it('checks only the rules the thresholds configure, plus the failed-images gate, and notes a partial run', () => {
    const partial = { ...base, run: { ...base.run, partial: true, imagesDone: 5 } };
    const [only, failedGate] = checkThresholds(partial, { validation: { max_time_seconds: 300 } });
    expect(failedGate.rule).toBe('validation.max_failed_images');
    expect(only).toMatchObject({ rule: 'validation.max_time_seconds', status: 'pass', limit: 300, unit: 's' });
    expect(only.message).toMatch(/partial run, 4 of 12 images evaluated, 1 failed/);
    const clean = { ...base, images: base.images.filter((i) => i.failed === undefined), run: { ...base.run, imagesDone: 11, imagesFailed: 0 } };
    expect(checkThresholds(clean, {})).toEqual([expect.objectContaining({ rule: 'validation.max_failed_images', status: 'pass', figure: 0, limit: 0 })]);
  });

  it('fails a run with a failed image unless max_failed_images allows it', () => {
    // The fixture: 12 images reached, one of them failed to decode.
    const gate = (t: Thresholds) => checkThresholds(base, t).find((x) => x.rule === 'validation.max_failed_images')!;
    expect(gate({ accuracy: { min_hmean: 0.5 } })).toMatchObject({ status: 'fail', figure: 1, limit: 0, message: expect.stringMatching(/default 0; set validation.max_failed_images/) });
    expect(gate({ validation: { max_failed_images: 1 } })).toMatchObject({ status: 'pass', figure: 1, limit: 1 });
    const recorded = { ...base, run: { ...base.run, imagesFailed: 3 } };
    expect(checkThresholds(recorded, { validation: { max_failed_images: 2 } }).at(-1)).toMatchObject({ status: 'fail', figure: 3 });
  });

  it('measures no time figure when every image failed', () => {
    const none = { ...base, run: { ...base.run, imagesDone: 12, imagesFailed: 12 } };
    const [time] = checkThresholds(none, { validation: { max_time_seconds: 300 } });
    expect(time).toMatchObject({ status: 'not measured', message: 'not measured: no image was evaluated' });
  });
});
