import * as Comlink from 'comlink';
import './comlink-errors';
import { decodeImage } from '../src/core/model/decode-image';
import { preprocess } from '../src/core/model/preprocess';
import type { ModelProfile } from '../src/core/model/profiles';
import type { Prepared, PrepPort } from '../src/core/pipeline/ports';

const api: PrepPort = {
  async prepare(image: Blob, profile: ModelProfile, applyExifOrientation: boolean): Promise<Prepared> {
    const { rgba, width, height } = await decodeImage(image, applyExifOrientation);
    const { tensor, dims, transform } = preprocess(rgba, width, height, profile);
    return Comlink.transfer({ width, height, tensor, dims, transform }, [tensor.buffer as ArrayBuffer]);
  },
};

Comlink.expose(api);
