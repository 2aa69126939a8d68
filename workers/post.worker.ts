import * as Comlink from 'comlink';
import './comlink-errors';
import { dbPostprocess } from '../src/core/postprocess/db-postprocess';
import type { PostPort } from '../src/core/pipeline/ports';

const api: PostPort = {
  async postprocess(prob, height, width, params, toImage, imageWidth, imageHeight) {
    return dbPostprocess(prob, height, width, params, { inverse: toImage, width: imageWidth, height: imageHeight });
  },
};

Comlink.expose(api);
