import { ModelError } from '../errors';
import type { ClevalMode } from '../metrics/cleval';
import { applyAffine, invertAffine, type Mat3 } from '../numerics/mat3';
import { imageToMap } from '../model/map-scale';
import type { ModelProfile } from '../model/profiles';
import type { PostResult, SweepGrid, SweepJob } from '../analysis/sweep';
import type { GtRegion, Sample } from '../dataset/sample';
import type { Polygon } from '../geometry/types';
import { InferStacker } from './infer-stacker';
import { NEVER_ABORTED, type Bridge, type GtLossResult, type GtMapsApi, type InferApi, type PostApi, type PrepApi, type Prepared } from './worker-apis';
import type { ImageStages, SpanSink } from './run-types';
import type { WorkerPool } from './worker-pool';
import { pooled } from './pooled-stage';
import { findingsFromPostprocess } from '../analysis/findings';

/** The model's maps of one image, at the probability map's size. */
export interface ModelMaps {
  prob: Float32Array;
  thresh: Float32Array | null;
  height: number;
  width: number;
  /** Original image to probability-map pixels. */
  transform: Mat3;
}

/** What detecting an image needs: the workers, and which of the model's tensors are which. */
export interface DetectDeps {
  prep: WorkerPool<Bridge<PrepApi>>;
  post: WorkerPool<Bridge<PostApi>>;
  infer: InferStacker;
  profile: ModelProfile;
  probOutput: string;
  threshOutput: string | null;
  applyExifOrientation: boolean;
}

/** One image detected: its size, the model's maps and what post-processing made of them. */
export interface DetectedImage {
  width: number;
  height: number;
  maps: ModelMaps;
  result: PostResult;
}

/** The inference calls of a model, stacked `size` images at most (see InferStacker). */
export function inferStacker(infer: Bridge<InferApi>, inputName: string, size: number): InferStacker {
  // A stacked call serves several images: no one image's cancel may stop it.
  return new InferStacker((data, dims) => infer.run(NEVER_ABORTED, inputName, data, dims), size);
}

/**
 * One image through decode+preprocess (prep pool), inference and DB post-processing (post
 * pool): a run's detection, and the Single-image tab's. Spans are timed here, around each
 * worker call, so they include the transfer to and from the worker: what the caller waits for.
 * The map goes to the post worker as a copy (pools never transfer: see workers/factories.ts),
 * so `maps.prob` stays the caller's.
 */
export async function detectImage(d: DetectDeps, read: () => Promise<Blob>, sweep: SweepJob | null, span: SpanSink, signal: AbortSignal): Promise<DetectedImage> {
  d.infer.expect();
  let prepared: Prepared;
  try {
    const image = await read();
    prepared = await pooled(d.prep, 'prepare', 'prep', (w, s) => w.prepare(s, { image, profile: d.profile, applyExifOrientation: d.applyExifOrientation }), span, signal);
  } catch (e) {
    d.infer.dropped();
    throw e;
  }
  const ran = await d.infer.run(prepared.tensor, prepared.dims, signal);
  // The call's span and shape: images stacked together share one call (and its first-run cost).
  span('infer', 'infer', ran.start, ran.end, ran.callDims);
  const out = ran.outputs[d.probOutput];
  if (out.dims.length !== 4 || out.dims[1] !== 1) {
    throw new ModelError(`Output "${d.probOutput}" has shape [${out.dims.join(',')}], not a probability map [1,1,H,W]`, 'Pick the probability-map output in the model profile.');
  }
  const [height, width] = [out.dims[2], out.dims[3]];
  const transform = imageToMap(prepared.transform, { width: prepared.dims[3], height: prepared.dims[2] }, { width, height }, d.probOutput);
  const maps: ModelMaps = { prob: out.data, thresh: d.threshOutput ? (ran.outputs[d.threshOutput]?.data ?? null) : null, height, width, transform };
  const job = { prob: out.data, height, width, profile: d.profile, toImage: invertAffine(transform), imageWidth: prepared.width, imageHeight: prepared.height, sweep };
  // With a sweep, the worker times post-processing and the sweep apart: the sweep's cost shows as its own stage.
  const result = await pooled(d.post, 'postprocess', 'post', (w, s) => w.postprocess(s, job), span, signal, sweep ? (r) => {
    const t = r.sweep!.timing;
    return [['postprocess', ...t.postprocess], ['sweep', ...t.sweep]];
  } : undefined);
  return { width: prepared.width, height: prepared.height, maps, result };
}

export interface ModelStageDeps extends Omit<DetectDeps, 'infer'> {
  readImage(sample: Sample): Promise<Blob>;
  infer: Bridge<InferApi>;
  gtMaps: WorkerPool<Bridge<GtMapsApi>> | null;
  inputName: string;
  /** Images stacked into one model call at most (1 when the model's batch dimension is fixed). */
  inferenceBatch: number;
  clevalMode: ClevalMode;
  useCache: boolean;
  /** Post-processing values to sweep on each image's map (null: none, and no cost). */
  sweep: SweepGrid | null;
  /** Each image's GT-maps outcome, by its position in the run (the cache's hit tally). */
  onGtMaps?: (result: GtLossResult, index: number) => void;
}

/** The care GT regions in probability-map pixels (`transform`: image to map), as the GT maps take them. */
export function carePolygonsInMap(gt: readonly GtRegion[], transform: Mat3): Polygon[] {
  return gt.filter((g) => !g.dontCare).map((g) => g.points.map(([x, y]) => applyAffine(transform, x, y)) as Polygon);
}

/** CLEval and IoU of an image in the post pool: the same stage with a model and without. */
export function metricsStage(post: WorkerPool<Bridge<PostApi>>, mode: ClevalMode): ImageStages<unknown>['evaluate'] {
  return (gt, detections, span, signal) => pooled(post, 'metrics', 'post', (w, s) => w.evaluate(s, { gt, detections, mode }), span, signal);
}

/**
 * The stages of a run with a model: detection (detectImage), metrics in the post pool, and
 * the GT maps and the loss in the GT-maps pool.
 */
export function modelStages(d: ModelStageDeps): ImageStages<ModelMaps> {
  // One inference call at a time, queued here rather than in the worker, so that an infer span
  // is the call itself and not the wait behind the images ahead of it.
  const detect: DetectDeps = { ...d, infer: inferStacker(d.infer, d.inputName, d.inferenceBatch) };
  const gtMaps = d.gtMaps;
  return {
    inferLoad: () => detect.infer.load(),

    async detect(sample, _index, span, signal) {
      const sweep = d.sweep && { grid: d.sweep, gt: sample.gt, mode: d.clevalMode };
      const { maps, result } = await detectImage(detect, () => d.readImage(sample), sweep, span, signal);
      return { detections: result.boxes, found: findingsFromPostprocess(result), truncated: result.truncated, maps, ...(result.sweep ? { sweep: result.sweep.cells } : {}) };
    },

    evaluate: metricsStage(d.post, d.clevalMode),

    gtLoss: gtMaps
      ? async (sample, maps, span, index, signal) => {
          const job = { polygons: carePolygonsInMap(sample.gt, maps.transform), height: maps.height, width: maps.width, prob: maps.prob, thresh: maps.thresh, useCache: d.useCache };
          const result = await pooled(gtMaps, 'collate', 'collate', (w, s) => w.loss(s, job), span, signal, (r) => [
            ['collate', ...r.timing.collate],
            ['loss', ...r.timing.loss],
          ]);
          d.onGtMaps?.(result, index);
          return result.loss;
        }
      : undefined,
  };
}
