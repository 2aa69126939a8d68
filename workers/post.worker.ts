import * as Comlink from 'comlink';
import './comlink-errors';
import { postprocessAndSweep } from '../src/core/analysis/sweep';
import { evaluateImage } from '../src/core/metrics/image-metrics';
import type { PostPort } from '../src/core/pipeline/ports';

const api: PostPort = {
  async postprocess(prob, height, width, params, toImage, imageWidth, imageHeight, sweep) {
    return postprocessAndSweep(prob, height, width, params, { inverse: toImage, width: imageWidth, height: imageHeight }, sweep);
  },
  async evaluate(gt, detections, mode) {
    return evaluateImage(gt, detections, mode);
  },
};

Comlink.expose(api);
