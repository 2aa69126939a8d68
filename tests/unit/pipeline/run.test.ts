import { describe, expect, test } from 'vitest';
import type { Sample } from '../../../src/core/dataset/sample';
import { runEvaluation, StageFailure } from '../../../src/core/pipeline/run';
import { DEFAULT_RUN_SETTINGS, type ImageStages } from '../../../src/core/pipeline/run-types';
import { findingsFromPredictions } from '../../../src/core/analysis/findings';
import type { Polygon } from '../../../src/core/geometry/types';

const samples: Sample[] = Array.from({ length: 10 }, (_, i) => ({ name: `img_${i}.jpg`, gt: [] }));
const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

function fakeStages(opts: { failAt?: Set<number>; failPrepareAt?: Set<number>; onDetect?: (i: number) => void } = {}) {
  let running = 0;
  let peak = 0;
  const stages: ImageStages<string> = {
    async detect(sample, index, span) {
      running++;
      peak = Math.max(peak, running);
      opts.onDetect?.(index);
      await tick(2);
      running--;
      if (opts.failPrepareAt?.has(index)) throw new StageFailure('prepare', new Error('truncated JPEG'));
      if (opts.failAt?.has(index)) throw new Error('worker died twice');
      span('infer', 'infer', 0, 1);
      const detections = [{ points: [[0, 0], [1, 0], [1, 1], [0, 1]] as Polygon, score: 0.9 }];
      return { detections, found: findingsFromPredictions(detections), truncated: false, maps: sample.name };
    },
    async evaluate(_gt, dets, span) {
      span('metrics', 'post-1', 1, 2);
      return { cleval: null, iou: null, matching: { cleval: { pairs: [], missedGt: [], falseDet: dets.map((_, i) => i), ignoredDet: [] }, iou: { pairs: [], ious: [], missedGt: [], falseDet: [], ignoredDet: [] } } };
    },
    async gtLoss(_sample, maps) {
      return { prob: maps.length, total: 0 };
    },
  };
  return { stages, peak: () => peak };
}

describe('runEvaluation', () => {
  test('every image gets an outcome, in dataset order, with each stage result', async () => {
    const { stages } = fakeStages();
    const r = await runEvaluation(samples, stages, { ...DEFAULT_RUN_SETTINGS, batchSize: 3 });
    expect(r.outcomes.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.outcomes.map((o) => o.batch)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3]);
    expect(r.partial).toBe(false);
    expect(r.outcomes[4]).toMatchObject({ metrics: { matching: { cleval: { falseDet: [0] } } }, loss: { prob: 'img_4.jpg'.length }, failed: null });
    expect(r.spans.filter((s) => s.stage === 'infer')).toHaveLength(10);
    expect(r.spans.find((s) => s.image === 7)).toMatchObject({ batch: 2, image: 7 });
  });

  test('an image past the per-image time limit has its work stopped and fails; the run goes on', async () => {
    const { stages } = fakeStages();
    let stopped = false;
    const stuck: ImageStages<string> = {
      ...stages,
      // Image 3's metrics never finish on their own (a 330,000-point polygon, say): only its signal ends them.
      evaluate: (gt, dets, span, signal) =>
        dets[0].score === 0.03
          ? new Promise((_, reject) => signal.addEventListener('abort', () => ((stopped = true), reject(new Error('aborted')))))
          : stages.evaluate(gt, dets, span, signal),
    };
    const scored: ImageStages<string> = {
      ...stuck,
      detect: async (sample, index, span, signal) => {
        const d = await stages.detect(sample, index, span, signal);
        const detections = d.detections.map((x) => ({ ...x, score: index / 100 }));
        return { ...d, detections };
      },
    };
    const r = await runEvaluation(samples, scored, { ...DEFAULT_RUN_SETTINGS, batchSize: 4, imageTimeoutS: 0.2 });
    expect(stopped).toBe(true);
    expect(r.outcomes).toHaveLength(10);
    expect(r.partial).toBe(false);
    expect(r.outcomes.filter((o) => o.failed).map((o) => [o.index, o.failed!.stage])).toEqual([[3, 'metrics']]);
    expect(r.outcomes[3].failed!.message).toMatch(/^took longer than the per-image limit of 0\.2 s \(in metrics\); its work was stopped/);
  });

  test('back-pressure: never more than batchesInFlight batches of images in the pipeline', async () => {
    const { stages, peak } = fakeStages();
    await runEvaluation(samples, stages, { ...DEFAULT_RUN_SETTINGS, batchSize: 2, batchesInFlight: 2 });
    expect(peak()).toBeLessThanOrEqual(4);
    expect(peak()).toBeGreaterThan(2);
  });

  test('a failing image is recorded with its stage and the run goes on', async () => {
    const { stages } = fakeStages({ failAt: new Set([2]), failPrepareAt: new Set([5]) });
    const r = await runEvaluation(samples, stages, { ...DEFAULT_RUN_SETTINGS, batchSize: 4 });
    expect(r.outcomes).toHaveLength(10);
    expect(r.outcomes[2].failed).toEqual({ stage: 'infer', message: 'worker died twice' });
    expect(r.outcomes[5].failed).toEqual({ stage: 'prepare', message: 'truncated JPEG' });
    expect(r.outcomes.filter((o) => o.failed)).toHaveLength(2);
  });

  test('limit and collate off', async () => {
    const { stages } = fakeStages();
    const r = await runEvaluation(samples, stages, { ...DEFAULT_RUN_SETTINGS, limit: 4, collate: false });
    expect(r.total).toBe(4);
    expect(r.outcomes.map((o) => o.loss)).toEqual([null, null, null, null]);
  });

  test('images cut off by a cancel are left out, not reported as failed', async () => {
    const controller = new AbortController();
    const { stages } = fakeStages({ onDetect: (i) => i === 3 && controller.abort() });
    const cut: ImageStages<string> = { ...stages, evaluate: async (gt, dets, span, signal) => (controller.signal.aborted ? Promise.reject(new Error('aborted')) : stages.evaluate(gt, dets, span, signal)) };
    const r = await runEvaluation(samples, cut, { ...DEFAULT_RUN_SETTINGS, batchSize: 2, batchesInFlight: 1 }, { signal: controller.signal });
    expect(r.outcomes.map((o) => o.index)).toEqual([0, 1]);
    expect(r.outcomes.every((o) => o.failed === null)).toBe(true);
    expect(r.partial).toBe(true);
  });

  test('cancel keeps what finished and marks the run partial', async () => {
    const controller = new AbortController();
    const { stages } = fakeStages({ onDetect: (i) => i === 3 && controller.abort() });
    const r = await runEvaluation(samples, stages, { ...DEFAULT_RUN_SETTINGS, batchSize: 2, batchesInFlight: 1 }, { signal: controller.signal });
    expect(r.partial).toBe(true);
    expect(r.outcomes.map((o) => o.index)).toEqual([0, 1, 2, 3]);
    expect(r.total).toBe(10);
  });
});
