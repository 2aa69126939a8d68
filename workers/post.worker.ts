import * as Comlink from 'comlink';
import './comlink-errors';
import { dbPostprocess } from '../src/core/postprocess/db-postprocess';
import { evaluateImage } from '../src/core/metrics/image-metrics';
import type { PostPort } from '../src/core/pipeline/ports';

const api: PostPort = {
  async postprocess(prob, height, width, params, toImage, imageWidth, imageHeight) {
    return dbPostprocess(prob, height, width, params, { inverse: toImage, width: imageWidth, height: imageHeight });
  },
  async evaluate(gt, detections, mode) {
    return evaluateImage(gt, detections, mode);
  },
};

Comlink.expose(api);
