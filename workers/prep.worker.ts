import * as Comlink from 'comlink';
import './comlink-errors';
import { decodeImage } from '../src/core/model/decode-image';
import { preprocess } from '../src/core/model/preprocess';
import type { PrepApi } from '../src/core/pipeline/worker-apis';

const api: PrepApi = {
  async prepare(job) {
    const { rgba, width, height } = await decodeImage(job.image, job.applyExifOrientation);
    const { tensor, dims, transform } = preprocess(rgba, width, height, job.profile);
    return Comlink.transfer({ width, height, tensor, dims, transform }, [tensor.buffer as ArrayBuffer]);
  },
};

Comlink.expose(api);
