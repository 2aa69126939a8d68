import type { ClevalMode } from '../metrics/cleval';
import { sampleStem, type Sample } from '../dataset/sample';
import type { PredictedBox } from '../dataset/predictions';
import type { DatasetIssue } from '../dataset/issues';
import { now } from '../profiler/span';
import type { ImageStages } from './run-types';
import { metricsStage } from './model-stages';
import { findingsFromPredictions } from '../analysis/findings';
import type { Bridge, PostApi } from './worker-apis';
import type { WorkerPool } from './worker-pool';

/** The run's images that have no prediction file: each is scored as no detections, and says so. */
export function missingPredictions(samples: readonly Sample[], predictions: ReadonlyMap<string, PredictedBox[]>): DatasetIssue[] {
  return samples
    .filter((s) => !predictions.has(sampleStem(s)))
    .map((s) => ({
      kind: 'missing-predictions',
      severity: 'warning',
      file: s.image?.path ?? s.name,
      message: `No prediction file res_${sampleStem(s)}.txt; the image counts as having no detections (all its ground truth missed)`,
      action: 'kept',
    }));
}

/**
 * The stages of a run without a model: detections come from `res_<stem>.txt` files; an
 * image without a prediction file has no detections (its GT all count as missed).
 */
export function predictionStages(predictions: ReadonlyMap<string, PredictedBox[]>, post: WorkerPool<Bridge<PostApi>>, mode: ClevalMode): ImageStages<null> {
  return {
    async detect(sample: Sample, _index, span) {
      const start = now();
      const detections = (predictions.get(sampleStem(sample)) ?? []).map((d) => ({ points: d.points, score: d.score ?? 1 }));
      span('postprocess', 'main', start, now());
      return { detections, found: findingsFromPredictions(detections), truncated: false, maps: null };
    },
    evaluate: metricsStage(post, mode),
  };
}
