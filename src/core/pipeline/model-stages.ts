import type { ClevalMode } from '../metrics/cleval';
import type { ImageMetrics } from '../metrics/image-metrics';
import { applyAffine, invertAffine, type Mat3 } from '../numerics/mat3';
import { imageToMap } from '../model/map-scale';
import type { ModelProfile } from '../model/profiles';
import type { Detection } from '../postprocess/db-postprocess';
import type { PostResult, SweepGrid, SweepJob } from '../analysis/sweep';
import type { GtRegion, Sample } from '../dataset/sample';
import type { Polygon } from '../geometry/types';
import type { LossResult } from '../metrics/loss';
import { InferStacker } from './infer-stacker';
import type { InferPort, Prepared } from './ports';
import { StageFailure } from './run';
import type { ImageStages } from './run-types';
import type { WorkerPool } from './worker-pool';
import { pooled } from './pooled-stage';
import { findingsFromPostprocess } from '../analysis/findings';

export interface PrepJob {
  image: Blob;
  profile: ModelProfile;
  applyExifOrientation: boolean;
}

export type PostJob =
  | { kind: 'postprocess'; prob: Float32Array; height: number; width: number; profile: ModelProfile; toImage: Mat3; imageWidth: number; imageHeight: number; sweep: SweepJob | null }
  | { kind: 'evaluate'; gt: GtRegion[]; detections: Detection[]; mode: ClevalMode };

export interface CollateJob {
  /** GT polygons in probability-map pixels, care regions only. */
  polygons: Polygon[];
  height: number;
  width: number;
  prob: Float32Array;
  thresh: Float32Array | null;
  useCache: boolean;
}

export interface CollateResult {
  loss: LossResult;
  source: 'memory' | 'disk' | 'computed';
  /** A hash of the maps, when asked for (tests of the cache). */
  digest?: string;
  /** The worker's own timing (profiler clock) of getting the maps and of the loss. */
  timing: { collate: [number, number]; loss: [number, number] };
}

export interface ModelStageDeps {
  readImage(sample: Sample): Promise<Blob>;
  prep: WorkerPool<PrepJob, Prepared>;
  infer: InferPort;
  post: WorkerPool<PostJob, PostResult | ImageMetrics>;
  collate: WorkerPool<CollateJob, CollateResult> | null;
  profile: ModelProfile;
  inputName: string;
  probOutput: string;
  threshOutput: string | null;
  /** Images stacked into one model call at most (1 when the model's batch dimension is fixed). */
  inferenceBatch: number;
  clevalMode: ClevalMode;
  applyExifOrientation: boolean;
  useCache: boolean;
  /** Post-processing values to sweep on each image's map (null: none, and no cost). */
  sweep: SweepGrid | null;
  /** Each image's collate outcome, by its position in the run (the cache's hit tally). */
  onCollate?: (result: CollateResult, index: number) => void;
}

/** The care GT regions in probability-map pixels (`transform`: image to map), as the collate takes them. */
export function carePolygonsInMap(gt: readonly GtRegion[], transform: Mat3): Polygon[] {
  return gt.filter((g) => !g.dontCare).map((g) => g.points.map(([x, y]) => applyAffine(transform, x, y)) as Polygon);
}

interface Maps {
  prob: Float32Array;
  thresh: Float32Array | null;
  height: number;
  width: number;
  /** Original image to probability-map pixels. */
  transform: Mat3;
}

/**
 * The stages of a run with a model: decode+preprocess in the prep pool, inference in the
 * inference worker, DB post-processing and metrics in the post pool, collate+loss in the
 * collate pool. Spans are timed here, around each worker call, so they include the
 * transfer to and from the worker: what the run really waits for.
 */
export function modelStages(d: ModelStageDeps): ImageStages {
  // One inference call at a time, queued here rather than in the worker, so that an infer span
  // is the call itself and not the wait behind the images ahead of it.
  const stacker = new InferStacker((data, dims) => d.infer.run(d.inputName, data, dims), d.inferenceBatch);
  return {
    inferLoad: () => stacker.load(),

    async detect(sample, _index, span, signal) {
      stacker.expect();
      let prepared: Prepared;
      try {
        const image = await d.readImage(sample);
        prepared = await pooled(d.prep, 'prepare', 'prep', { image, profile: d.profile, applyExifOrientation: d.applyExifOrientation }, span, signal);
      } catch (e) {
        stacker.dropped();
        throw e;
      }
      let ran;
      try {
        ran = await stacker.run(prepared.tensor, prepared.dims, signal);
      } catch (e) {
        throw new StageFailure('infer', e);
      }
      // The call's span and shape: images stacked together share one call (and its first-run cost).
      span('infer', 'infer', ran.start, ran.end, ran.callDims);
      const outputs = ran.outputs;
      const out = outputs[d.probOutput];
      const [height, width] = [out.dims[2], out.dims[3]];
      const transform = imageToMap(prepared.transform, { width: prepared.dims[3], height: prepared.dims[2] }, { width, height }, d.probOutput);
      const maps: Maps = { prob: out.data, thresh: d.threshOutput ? outputs[d.threshOutput]?.data ?? null : null, height, width, transform };
      const sweep = d.sweep && { grid: d.sweep, gt: sample.gt, mode: d.clevalMode };
      const job: PostJob = { kind: 'postprocess', prob: out.data, height, width, profile: d.profile, toImage: invertAffine(transform), imageWidth: prepared.width, imageHeight: prepared.height, sweep };
      // With a sweep, the worker times post-processing and the sweep apart: the sweep's cost shows as its own stage.
      const result = (await pooled(d.post, 'postprocess', 'post', job, span, signal, sweep ? (r) => {
        const t = (r as PostResult).sweep!.timing;
        return [['postprocess', ...t.postprocess], ['sweep', ...t.sweep]];
      } : undefined)) as PostResult;
      return { detections: result.boxes, found: findingsFromPostprocess(result), truncated: result.truncated, maps, ...(result.sweep ? { sweep: result.sweep.cells } : {}) };
    },

    async evaluate(gt, detections, span, signal) {
      return (await pooled(d.post, 'metrics', 'post', { kind: 'evaluate', gt, detections, mode: d.clevalMode }, span, signal)) as ImageMetrics;
    },

    collate: d.collate
      ? async (sample, rawMaps, span, index, signal) => {
          const maps = rawMaps as Maps;
          const job: CollateJob = { polygons: carePolygonsInMap(sample.gt, maps.transform), height: maps.height, width: maps.width, prob: maps.prob, thresh: maps.thresh, useCache: d.useCache };
          const result = await pooled(d.collate!, 'collate', 'collate', job, span, signal, (r) => [
            ['collate', ...r.timing.collate],
            ['loss', ...r.timing.loss],
          ]);
          d.onCollate?.(result, index);
          return result.loss;
        }
      : undefined,
  };
}
