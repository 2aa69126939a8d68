import { Detector } from '../core/pipeline/detector';
import { spawnInfer, spawnPost, spawnPrep } from '../../workers/spawn';

export const DEFAULT_MODEL_URL = '/models/ppocr-det.onnx';
export const DEFAULT_SAMPLE_URL = '/samples/hello.png';

/** The page's single detector: one inference worker (one ORT session), one prep and one post worker. */
export function createDetector(): Detector {
  const workers = [spawnInfer(), spawnPrep(), spawnPost()] as const;
  const [infer, prep, post] = workers;
  return new Detector(infer.api, prep.api, post.api, () => workers.forEach((w) => w.terminate()));
}
