import { packPolygons } from '../../../src/core/geometry/polygon-list';
import type { DbResult } from '../../../src/core/postprocess/db-postprocess';
import { describe, expect, test } from 'vitest';
import type { Dataset } from '../../../src/core/dataset/load-dataset';
import { bytesEntry } from '../../../src/core/dataset/entry';
import type { Sample } from '../../../src/core/dataset/sample';
import { evaluateImage } from '../../../src/core/metrics/image-metrics';
import { PRESETS } from '../../../src/core/model/profiles';
import { DEFAULT_EVALUATION_SETTINGS, evaluate, shardIndices, type LiveState, type WorkerFactories } from '../../../src/core/pipeline/evaluation';
import type { GtLossResult, InferApi, PostprocessJob } from '../../../src/core/pipeline/worker-apis';
import { inProcess } from './in-process-bridge';
import { now } from '../../../src/core/profiler/span';
import { checkThresholds } from '../../../src/core/report/threshold-check';
import { validateReport } from '../../../src/core/report/validate';
import type { CheckpointStats, CheckpointTarget } from '../../../src/core/report/checkpoint';
import { accuracyFromImages } from '../../../src/core/metrics/accuracy';
import type { Report } from '../../../src/core/report/schema';
import { renderMarkdown } from '../../../src/core/report/markdown';
import type { PostResult } from '../../../src/core/analysis/sweep';

const square = (x: number): [number, number][] => [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10]];

/** Image i has one GT word; the fake model finds it on even images only. */
function dataset(count: number, missingImage?: number): Dataset {
  const samples: Sample[] = Array.from({ length: count }, (_, i) => ({
    name: `img_${i}.png`,
    image: i === missingImage ? undefined : bytesEntry(`img_${i}.png`, new Uint8Array([i])),
    gt: [{ points: square(i), text: 'W', dontCare: false }],
  }));
  return {
    format: 'receipt-json',
    samples,
    predictions: new Map(),
    issues: [],
    summary: { format: 'receipt-json', images: count, polygons: count, dontCares: 0, skipped: 0, skippedPolygons: 0, errors: 0, warnings: 0, warningsByKind: {} },
  };
}

/** Every post-processing job the fake post workers got. */
const postJobs: PostprocessJob[] = [];

/**
 * `sources[i]`: where image i's GT maps come from (its polygon's x is i). `byImage`: the map
 * follows the image (its index, carried through the input tensor) instead of the call count,
 * so that stacked and single calls can be compared; `calls` records each call's dims.
 */
function fakes(sources: GtLossResult['source'][], inferMs = 0, byImage?: { calls: number[][] }) {
  const workers: WorkerFactories = {
    prep: () =>
      inProcess({
        async prepare(job) {
          const index = byImage ? new Uint8Array(await job.image.arrayBuffer())[0] : 0;
          return { width: 32, height: 16, tensor: new Float32Array(3 * 16 * 32).fill(index), dims: [1, 3, 16, 32], transform: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
        },
      }),
    post: () =>
      inProcess({
        evaluate: async (job) => evaluateImage(job.gt, job.detections, job.mode),
        async postprocess(job) {
        const i = job.prob[0];
        // A lower thresh finds the word on every image; the profile's 0.3 on even ones only.
        const found = (thresh: number) => (i % 2 === 0 || thresh < 0.3 ? [{ points: square(i), score: 0.9 }] : []);
        const boxes = found(job.profile.post.thresh);
        const candidates = { ...packPolygons(boxes), sides: boxes.map(() => 10), grownSides: boxes.map(() => 10) };
        const result = { boxes, candidates, detected: boxes.map((_, k) => k), truncated: false, contours: 1 } satisfies DbResult;
        postJobs.push(job);
        const sw = job.sweep;
        if (!sw) return result;
        const t = now();
        const cells = sw.grid.thresh.flatMap((thresh) => sw.grid.unclipRatio.map(() => {
          const m = evaluateImage(sw.gt, found(thresh), sw.mode);
          return { cleval: m.cleval, iou: m.iou };
        }));
        return { ...result, sweep: { cells, timing: { postprocess: [t, t + 1], sweep: [t + 1, t + 3] } } } satisfies PostResult;
        },
      }),
    gtMaps: () =>
      inProcess({
        async loss(job) {
          const source = sources[job.polygons[0][0][0]] ?? 'computed';
          const t = now();
          return { loss: { prob: 1, dice: 0.5, total: 5.5 }, source, timing: { collate: [t, t + 1], loss: [t + 1, t + 2] } };
        },
        maps: async () => {
          throw new Error('not used');
        },
        stats: async () => {
          throw new Error('not used');
        },
        clear: async () => {},
      }),
    gtMapsStats: async () => null,
  };
  let image = 0;
  const infer: InferApi = {
    load: async () => {
      throw new Error('not used');
    },
    // The map's first value tells the post stage which image this is.
    run: async (_name, input, dims) => {
      if (inferMs) await new Promise((r) => setTimeout(r, inferMs));
      if (!byImage) return { out: { data: new Float32Array(16 * 32).fill(image++), dims: [1, 1, 16, 32] } };
      byImage.calls.push(dims);
      const n = dims[0];
      const data = new Float32Array(n * 16 * 32);
      for (let k = 0; k < n; k++) data.fill(input[k * 3 * 16 * 32], k * 16 * 32, (k + 1) * 16 * 32);
      return { out: { data, dims: [n, 1, 16, 32] } };
    },
    gpuBytes: async () => null,
    wasmBytes: async () => 2 ** 24,
    runtime: async () => null,
    startKernelProfile: async () => {},
    endKernelProfile: async () => ({ source: 'host', calls: image, totalMs: 2, ops: [{ op: 'Conv', count: image, totalMs: 2, share: 1 }], cpuNodes: [] }),
    loseDevice: async () => {},
  };
  return { workers, infer };
}

/** `undecodable`: names of images whose reading fails, as a 30000x30000 image's decode does. */
async function run(
  data: Dataset,
  settings: Partial<typeof DEFAULT_EVALUATION_SETTINGS> = {},
  sources: GtLossResult['source'][] = [],
  undecodable: string[] = [],
  live: { inferMs?: number; onUpdate?: (s: LiveState) => void; checkpoint?: CheckpointTarget; signal?: AbortSignal; byImage?: { calls: number[][] }; batchDim?: number | null; inferenceBatch?: number } = {},
) {
  const { workers, infer } = fakes(sources, live.inferMs, live.byImage);
  return evaluate({
    dataset: data,
    datasetName: 'fake',
    datasetHash: 'ab'.repeat(32),
    model: {
      infer: inProcess(infer),
      loaded: {
        name: 'm.onnx',
        bytes: 1,
        runtime: { ep: 'wasm', requested: 'wasm', fallbackReason: null, adapter: null, ortVersion: 'x', wasmThreads: 1, crossOriginIsolated: false, hardwareConcurrency: 2 },
        io: { inputNames: ['x'], outputNames: ['out'], inputShapes: [[live.batchDim === undefined ? 1 : live.batchDim, 3, null, null]], outputShapes: [[1, 1, null, null]] },
      } as never,
      sha256: 'cd'.repeat(32),
      profile: { ...structuredClone(PRESETS['ppocr-det']), ...(live.inferenceBatch ? { inferenceBatch: live.inferenceBatch } : {}) },
    },
    settings: { ...DEFAULT_EVALUATION_SETTINGS, workers: 1, batchSize: 2, clevalMode: 'official', ...settings },
    workers,
    readImage: async (s) => {
      if (undecodable.includes(s.name)) throw new Error('The image cannot be decoded');
      return new Blob([(await s.image!.read()) as Uint8Array<ArrayBuffer>]);
    },
    memory: { sample: async () => ({ t: now(), jsHeapBytes: 1, wasmBytes: 2 ** 24, gpuBytes: null }), jsHeapSource: 'performance.memory' },
    userAgent: 'test',
    thresholds: null,
    baseline: null,
    onUpdate: live.onUpdate,
    checkpoint: live.checkpoint,
    signal: live.signal,
  });
}

describe('evaluate (the run with fake workers)', () => {
  test('every image goes through every stage; the report is valid and adds up', async () => {
    const report = await run(dataset(6));
    expect(validateReport(report).ok).toBe(true);
    expect(report.images.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5]);
    // Found on even images only: 3 of 6 words.
    expect(report.accuracy.iou).toMatchObject({ recall: 0.5, precision: 1 });
    // What was found stays in the report: the detection, and who matched whom.
    expect(report.images[0].found).toMatchObject({ detections: [0], polygons: { sizes: [4], scores: [0.9] } });
    expect(report.images[0].found?.matching?.iou).toMatchObject({ pairs: [0, 0], missedGt: [], falseDet: [] });
    // Squares of side 10: 8-16 px, horizontal; half found.
    expect(report.breakdowns?.iou.byHeight.find((r) => r.label === '8-16 px')).toMatchObject({ gt: 6, gtMatched: 3, det: 3, detMatched: 3 });
    expect(report.images[1].found).toMatchObject({ detections: [], matching: { cleval: { pairs: [], missedGt: [0] }, iou: { missedGt: [0] } } });
    expect(report.accuracy.loss).toEqual({ prob: 1, dice: 0.5, total: 5.5 });
    expect(Object.keys(report.timing.stages).sort()).toEqual(['collate', 'infer', 'loss', 'metrics', 'postprocess', 'prepare']);
    expect(report.memory.summary.wasmBytes).toEqual({ peak: 2 ** 24, end: 2 ** 24 });
  });

  test('the live state shows work in flight: images started, inference running and queued', async () => {
    const states: LiveState[] = [];
    await run(dataset(8), { batchSize: 4 }, [], [], { inferMs: 120, onUpdate: (s) => states.push(s) });
    const mid = states.filter((x) => x.done < x.total);
    const infer = (x: LiveState) => x.inFlight.find((l) => l.stage === 'infer')!;
    expect(mid.some((x) => infer(x).running === 1 && x.started > x.done)).toBe(true);
    expect(mid.some((x) => infer(x).queued > 0)).toBe(true);
    for (const x of states) expect(x.started).toBeGreaterThanOrEqual(x.done);
    const last = states.at(-1)!;
    expect(last).toMatchObject({ started: 8, done: 8 });
    expect(last.inFlight.map((l) => [l.stage, l.running, l.queued])).toEqual([
      ['prepare', 0, 0],
      ['infer', 0, 0],
      ['postprocess + metrics', 0, 0],
      ['collate + loss', 0, 0],
    ]);
  });

  test('inference batch 3 on a dynamic batch: fewer calls, each image the results of a call of its own', async () => {
    const single = { calls: [] as number[][] };
    const stacked = { calls: [] as number[][] };
    const one = await run(dataset(7), { batchSize: 4 }, [], [], { byImage: single, batchDim: null });
    const three = await run(dataset(7), { batchSize: 4 }, [], [], { byImage: stacked, batchDim: null, inferenceBatch: 3 });
    expect(single.calls.map((d) => d[0])).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(stacked.calls.length).toBeLessThan(7);
    expect(stacked.calls.map((d) => d[0]).reduce((a, b) => a + b)).toBe(7);
    expect(Math.max(...stacked.calls.map((d) => d[0]))).toBe(3);
    expect(three.images.map((i) => i.found)).toEqual(one.images.map((i) => i.found));
    expect(three.images.map((i) => i.found?.detections.length)).toEqual([1, 0, 1, 0, 1, 0, 1]);
    expect(three.settings.inferenceBatch).toEqual({ requested: 3, used: 3, note: null });
    // Stacked images share their call's span, which the shape table counts once.
    expect(three.timing.shapes?.find((s) => s.shape[0] === 3)?.calls).toBe(stacked.calls.filter((d) => d[0] === 3).length);
    expect(validateReport(three).ok).toBe(true);
  });

  test('a model with a fixed batch of 1 runs one image per call and the report says why', async () => {
    const calls = { calls: [] as number[][] };
    const report = await run(dataset(4), { batchSize: 4 }, [], [], { byImage: calls, batchDim: 1, inferenceBatch: 4 });
    expect(calls.calls.map((d) => d[0])).toEqual([1, 1, 1, 1]);
    expect(report.settings.inferenceBatch).toMatchObject({ requested: 4, used: 1 });
    expect(report.settings.inferenceBatch!.note).toContain('input "x" has a fixed batch of 1');
    expect(renderMarkdown(report)).toContain('asked 4: inference batch 4 needs a dynamic batch dimension');
    expect(validateReport(report).ok).toBe(true);
  });

  test('the kernel profile is off by default, and when asked for it is in the report and its Markdown', async () => {
    expect((await run(dataset(2))).kernels).toBeUndefined();
    const report = await run(dataset(3), { kernelProfile: true });
    expect(report.kernels).toMatchObject({ source: 'host', calls: 3, ops: [{ op: 'Conv', share: 1 }], cpuNodes: [] });
    expect(report.kernels!.reopenMs).toBeGreaterThanOrEqual(0);
    expect(validateReport(report).ok).toBe(true);
    expect(renderMarkdown(report)).toMatch(/### Kernels\n\nonnxruntime's profiler, time on the host per node, over 3 model calls/);
  });

  test('a shard keeps the dataset positions of its images', async () => {
    expect(shardIndices(7, { index: 2, count: 3 })).toEqual([1, 4]);
    const report = await run(dataset(6), { shard: { index: 2, count: 2 } });
    expect(report.images.map((i) => [i.index, i.name])).toEqual([[1, 'img_1.png'], [3, 'img_3.png'], [5, 'img_5.png']]);
    expect(report.settings.shard).toEqual({ index: 2, count: 2 });
  });

  test('an annotation without its image is not run through the model', async () => {
    const report = await run(dataset(4, 2));
    expect(report.images.map((i) => i.index)).toEqual([0, 1, 3]);
    expect(report.run.imagesTotal).toBe(3);
  });

  test('the cache hit rate after warm-up counts only the batches after it', async () => {
    // Batch size 2, one warm-up batch: images 0-1 miss, the 4 after hit.
    const report = await run(dataset(6), { warmupBatches: 1 }, ['computed', 'computed', 'disk', 'memory', 'disk', 'disk']);
    expect(report.cache).toMatchObject({ misses: 2, diskHits: 3, memoryHits: 1, hitRateAfterWarmup: 1, lookupsAfterWarmup: 4 });
    expect(report.cache!.hitRate).toBeCloseTo(4 / 6, 12);
  });

  test('a failed image is counted apart: not evaluated, not in the figures, and it fails the default gate', async () => {
    const report = await run(dataset(6), { batchSize: 3 }, [], ['img_2.png']);
    expect(validateReport(report).ok).toBe(true);
    expect(report.run).toMatchObject({ imagesDone: 6, imagesFailed: 1, imagesTotal: 6, partial: false });
    expect(report.images.find((i) => i.name === 'img_2.png')!.failed).toMatch(/cannot be decoded/);
    // The fake model finds the word on every second inference: 3 of the 5 evaluated images.
    expect(report.accuracy.iou).toMatchObject({ recall: 3 / 5, precision: 1 });
    expect(checkThresholds(report, {})).toEqual([expect.objectContaining({ rule: 'validation.max_failed_images', status: 'fail', figure: 1 })]);
  });

  test('a run where every image failed has finite times and no evaluated image', async () => {
    const names = Array.from({ length: 4 }, (_, i) => `img_${i}.png`);
    const report = await run(dataset(4), {}, [], names);
    expect(validateReport(report).ok).toBe(true);
    expect(report.run).toMatchObject({ imagesDone: 4, imagesFailed: 4, imagesTotal: 4 });
    expect(Number.isFinite(report.timing.wall_s)).toBe(true);
    expect(report.timing.images_per_s).toBe(0);
    for (const b of report.timing.batchTimesMs) expect(Number.isFinite(b)).toBe(true);
  });

  test('an image without a prediction file is scored as no detections, and the report says so', async () => {
    const data = dataset(3);
    data.predictions = new Map([['img_0', [{ points: square(0), score: 0.9 }]], ['img_2', []]]);
    const { workers } = fakes([]);
    const report = await evaluate({
      dataset: data,
      datasetName: 'fake',
      datasetHash: 'ab'.repeat(32),
      model: null,
      // A sweep left on in the settings: prediction files are not post-processed, so none is reported.
      settings: { ...DEFAULT_EVALUATION_SETTINGS, workers: 1, clevalMode: 'official', sweep: { thresh: [0.2], unclipRatio: [2] } },
      workers,
      readImage: async () => new Blob([]),
      memory: { sample: async () => ({ t: now(), jsHeapBytes: 1, wasmBytes: null, gpuBytes: null }), jsHeapSource: 'performance.memory' },
      userAgent: 'test',
      thresholds: null,
      baseline: null,
    });
    expect(validateReport(report).ok).toBe(true);
    expect(report.dataset.problems).toEqual([
      { kind: 'missing-predictions', severity: 'warning', file: 'img_1.png', message: expect.stringMatching(/^No prediction file res_img_1\.txt; the image counts as having no detections/), action: 'kept' },
    ]);
    expect(report.accuracy.iou).toMatchObject({ recall: 1 / 3 });
    expect(report.settings.sweep).toBeUndefined();
    expect(report.sensitivity).toBeUndefined();
  });

  test('a post-processing sweep: off, the workers are asked nothing more; on, its cost is a stage and the report says what it found', async () => {
    postJobs.length = 0;
    const off = await run(dataset(4));
    expect(postJobs.every((j) => j.sweep === null)).toBe(true);
    expect(off.sensitivity).toBeUndefined();
    expect(off.settings.sweep).toBeUndefined();
    expect(renderMarkdown(off)).not.toContain('Post-processing sensitivity');

    const grid = { thresh: [0.2, 0.3], unclipRatio: [1.5, 2] };
    const on = await run(dataset(4), { sweep: grid });
    expect(validateReport(on).ok).toBe(true);
    expect(on.settings.sweep).toEqual(grid);
    expect(on.timing.stages.sweep?.count).toBe(4);
    const s = on.sensitivity!;
    expect(s.cells.map((c) => c.iou?.recall)).toEqual([1, 1, 0.5, 0.5]);
    expect(s.best).toMatchObject({ thresh: 0.2, unclipRatio: 1.5 });
    expect(s.profile).toEqual({ thresh: 0.3, unclipRatio: 1.5, hmean: on.accuracy.cleval!.hmean });
    expect(s.gain).toBe(s.best!.hmean! - on.accuracy.cleval!.hmean);
    expect(s.gain).toBeGreaterThan(0);
    expect(s.msPerImage).toBe(2);
    const md = renderMarkdown(on);
    expect(md).toContain('## Post-processing sensitivity');
    expect(md).toContain('**Tuned on the evaluation data**');
    expect(md).toContain(`Best on this data: **thresh 0.2, unclip_ratio 1.5**`);
    expect(md).toContain(`(+${s.gain!.toFixed(4)})`);
    // box_thresh re-scored from the run's candidates: every fake detection scores 0.9, so any value up to 0.9 keeps them.
    expect(s.boxThreshTuned).toEqual({ boxThresh: 0.6, hmean: on.accuracy.cleval!.hmean, gain: 0 });
    expect(md).toContain("the best box_thresh on this data (0.05 steps, re-scored from the run's candidates) is **0.6**");
  });

  test('while it runs, its finished images are checkpointed as a partial report marked as the CLI marks Ctrl-C', async () => {
    const written: Report[] = [];
    let stats: CheckpointStats | null = null;
    let writing = false;
    const checkpoint: CheckpointTarget = {
      minGapMs: 0,
      write: async (r) => {
        writing = true;
        await new Promise((ok) => setTimeout(ok, 15));
        written.push(structuredClone(r));
        writing = false;
      },
      done: (s) => (stats = s),
    };
    const report = await run(dataset(8), { batchSize: 2 }, [], [], { inferMs: 20, checkpoint });
    // The final report is returned only once no checkpoint write is left to overwrite its save.
    expect(writing).toBe(false);
    expect(stats).toMatchObject({ writes: written.length, failures: 0 });
    const partial = written.filter((r) => r.images.length < 8);
    expect(partial.length).toBeGreaterThan(0);
    for (const r of written) {
      expect(validateReport(r).ok).toBe(true);
      expect(r.run).toMatchObject({ id: report.run.id, partial: true, cancelled: true, imagesDone: r.images.length, imagesTotal: 8 });
      // Each finished image as the final report has it, and the metrics over those images alone.
      for (const im of r.images) expect(im).toEqual(report.images[im.index]);
      expect(r.accuracy).toEqual(accuracyFromImages(r.images, 'official'));
    }
    expect(written.map((r) => r.images.length)).toEqual([...written.map((r) => r.images.length)].sort((a, b) => a - b));
  });

  test('checkpoint writes that fail (storage full) never stop the run', async () => {
    let stats: CheckpointStats | null = null;
    const checkpoint: CheckpointTarget = {
      minGapMs: 0,
      write: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
      done: (s) => (stats = s),
    };
    const report = await run(dataset(6), { batchSize: 2 }, [], [], { inferMs: 10, checkpoint });
    expect(report.run).toMatchObject({ imagesDone: 6, partial: false });
    expect(stats!.writes).toBe(0);
    expect(stats!.failures).toBeGreaterThan(0);
    expect(stats!.lastError).toBe('QuotaExceededError: The quota has been exceeded.');
  });
});
