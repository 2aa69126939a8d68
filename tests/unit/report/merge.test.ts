import { describe, expect, it } from 'vitest';
import { ReportError } from '../../../src/core/errors';
import { summarizeTiming } from '../../../src/core/profiler/timing';
import { accuracyFromImages } from '../../../src/core/metrics/accuracy';
import { mergeReports } from '../../../src/core/report/merge';
import type { Report } from '../../../src/core/report/schema';
import { validateReport } from '../../../src/core/report/validate';
import { fixtureReport, referenceImages, referencePairs } from './helpers';

/** The shard of `whole` that holds the given batches, with its own timing and accuracy, as a shard run would write it. */
function shard(whole: Report, batches: number[], index: number, count: number): Report {
  const r = structuredClone(whole);
  const imageBatch = new Map(whole.spans!.filter((s) => s.image !== undefined).map((s) => [s.image!, s.batch]));
  r.run.id = `shard-${index}`;
  r.images = whole.images.filter((i) => batches.includes(imageBatch.get(i.index)!));
  r.spans = whole.spans!.filter((s) => batches.includes(s.batch));
  r.run.imagesDone = r.run.imagesTotal = r.images.length;
  r.timing = summarizeTiming(r.spans, { images: r.images.length, warmupRuns: whole.timing.inference!.warmupRuns });
  r.accuracy = accuracyFromImages(r.images, 'seed');
  r.settings.shard = { index, count };
  r.cache = { ...r.cache!, misses: r.images.length - 1, entries: r.images.length - 1 };
  return r;
}

describe('mergeReports', () => {
  const whole = fixtureReport();
  const merged = mergeReports([shard(whole, [1], 2, 2), shard(whole, [0, 2], 1, 2)]);

  it('gives the unsharded run accuracy exactly, and its per-image results in dataset order', () => {
    expect(merged.accuracy).toEqual(whole.accuracy);
    expect(merged.images).toEqual(whole.images);
    expect(merged.run).toMatchObject({ partial: false, imagesDone: 12, imagesTotal: 12, mergedFrom: ['shard-2', 'shard-1'] });
  });

  it('gives the unsharded stage and batch statistics from the merged spans and batch times', () => {
    expect(merged.timing.stages).toEqual(whole.timing.stages);
    expect(merged.timing.batches).toEqual(whole.timing.batches);
    // Each shard ran its own workers: one trace track per shard and worker.
    const workers = new Set(merged.spans!.map((s) => s.worker));
    expect(workers.size).toBe(2 * new Set(whole.spans!.map((s) => s.worker)).size);
    expect([...workers].every((w) => /^shard [12]\//.test(w))).toBe(true);
    expect(validateReport(merged).ok).toBe(true);
  });

  it('adds the shard wall times and counts each shard session warm-up as cold', () => {
    const shards = [shard(whole, [1], 2, 2), shard(whole, [0, 2], 1, 2)];
    expect(merged.timing.wall_s).toBeCloseTo(shards[0].timing.wall_s + shards[1].timing.wall_s, 12);
    // One of the 12 images failed: throughput counts the 11 evaluated.
    expect(merged.timing.images_per_s).toBeCloseTo(11 / merged.timing.wall_s, 12);
    expect(merged.run).toMatchObject({ imagesDone: 12, imagesFailed: 1 });
    expect(merged.timing.inference!.cold!.count).toBe(2);
    expect(merged.cache).toMatchObject({ misses: 10, entries: 10, hitRate: 0 });
  });

  it('equals the whole on every reference CLEval pair split in two', () => {
    for (const [name, pair] of Object.entries(referencePairs('cleval-seed'))) {
      const images = referenceImages(pair, 'seed');
      const base = { ...whole, spans: [], accuracy: accuracyFromImages(images, 'seed') };
      const half = (keep: (i: number) => boolean, index: number): Report => {
        const part = images.filter((img) => keep(img.index));
        return { ...base, run: { ...base.run, id: `${name}-${index}` }, settings: { ...base.settings, shard: { index, count: 2 } }, images: part, accuracy: accuracyFromImages(part, 'seed') };
      };
      const m = mergeReports([half((i) => i % 2 === 1, 2), half((i) => i % 2 === 0, 1)]);
      expect(m.accuracy, name).toEqual(base.accuracy);
      expect(m.accuracy.cleval!.meanImageHmean, name).toBe(pair.mean_over_images!.hmean);
    }
  });

  it('refuses shards of different runs, repeated shards, and shards without spans', () => {
    const a = shard(whole, [0], 1, 2);
    const b = shard(whole, [1, 2], 2, 2);
    expect(() => mergeReports([a, { ...b, dataset: { ...b.dataset, contentHash: 'f'.repeat(64) } }])).toThrow(/dataset content hash/);
    expect(() => mergeReports([a, a])).toThrow(/in two shard reports/);
    expect(() => mergeReports([a, { ...b, spans: undefined }])).toThrow(ReportError);
    expect(() => mergeReports([])).toThrow(ReportError);
    expect(mergeReports([a]).run.partial).toBe(true);
  });
});
