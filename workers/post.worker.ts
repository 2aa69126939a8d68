import * as Comlink from 'comlink';
import './comlink-errors';
import { postprocessAndSweep } from '../src/core/analysis/sweep';
import { evaluateImage } from '../src/core/metrics/image-metrics';
import type { PostApi } from '../src/core/pipeline/worker-apis';

const api: PostApi = {
  async postprocess(job) {
    return postprocessAndSweep(job.prob, job.height, job.width, job.profile.post, { inverse: job.toImage, width: job.imageWidth, height: job.imageHeight }, job.sweep);
  },
  async evaluate(job) {
    return evaluateImage(job.gt, job.detections, job.mode);
  },
};

Comlink.expose(api);
