import { describe, expect, test } from 'vitest';
import { DatasetError, ModelError } from '../../../src/core/errors';
import { PRESETS } from '../../../src/core/model/profiles';
import { scaleTranslate } from '../../../src/core/numerics/mat3';
import { packPolygons } from '../../../src/core/geometry/polygon-list';
import type { Polygon } from '../../../src/core/geometry/types';
import type { RuntimeInfo } from '../../../src/core/model/session';
import { Detector } from '../../../src/core/pipeline/detector';
import type { InferApi, PostApi, PrepApi } from '../../../src/core/pipeline/worker-apis';
import { inProcess } from './in-process-bridge';
import { buildOnnxModelWithExternalData } from '../../../scripts/lib/onnx-builder';
import { modelBytes, TINY_MODELS } from '../../fixtures/models/tiny-models';

const runtime = (ep: 'wasm' | 'webgpu', fallbackReason: string | null = null): RuntimeInfo => ({
  ep,
  requested: 'auto',
  fallbackReason,
  adapter: null,
  ortVersion: 'fake',
  wasmThreads: 1,
  crossOriginIsolated: false,
  hardwareConcurrency: 1,
});

/** An inference worker whose load fails for `broken` names and whose session after that is `held`. */
function detectorWith(broken: string, held: { runtime: RuntimeInfo | null }) {
  const infer = {
    load: async (model: { name: string }) => {
      if (model.name === broken) throw new ModelError('onnxruntime says no', 'Re-export it.', { file: model.name });
      held.runtime = runtime('webgpu');
      return { runtime: held.runtime, io: { inputNames: ['image'], outputNames: ['prob'], inputShapes: [], outputShapes: [] } };
    },
    runtime: async () => held.runtime,
  } as Partial<InferApi> as InferApi;
  return new Detector({ infer: inProcess(infer), prep: () => inProcess({} as PrepApi), post: () => inProcess({} as PostApi) });
}

describe('Detector follows what the inference worker holds', () => {
  test('a failed load keeps the previous model when the worker reopened it', async () => {
    const held = { runtime: null as RuntimeInfo | null };
    const d = detectorWith('bad.onnx', held);
    await d.load('good.onnx', modelBytes('ink-full'), 'auto');
    await expect(d.load('bad.onnx', modelBytes('ink-full'), 'auto')).rejects.toThrow('onnxruntime says no');
    expect(d.model?.name).toBe('good.onnx');
  });

  test('a failed load shows no model when the worker has none left', async () => {
    const held = { runtime: null as RuntimeInfo | null };
    const d = detectorWith('bad.onnx', held);
    await d.load('good.onnx', modelBytes('ink-full'), 'auto');
    held.runtime = null;
    await expect(d.load('bad.onnx', modelBytes('ink-full'), 'auto')).rejects.toThrow(ModelError);
    expect(d.model).toBeNull();
  });

  test('after a lost device the model shows the WASM runtime it now runs on', async () => {
    const held = { runtime: null as RuntimeInfo | null };
    const d = detectorWith('bad.onnx', held);
    await d.load('good.onnx', modelBytes('ink-full'), 'auto');
    held.runtime = runtime('wasm', 'the WebGPU device was lost (destroyed) during the run');
    expect((await d.syncRuntime())?.runtime).toEqual(held.runtime);
  });

  test('a model whose weights file was not dropped with it is refused before the worker drops its model', async () => {
    const held = { runtime: null as RuntimeInfo | null };
    const d = detectorWith('bad.onnx', held);
    await d.load('good.onnx', modelBytes('ink-full'), 'auto');
    const { model } = buildOnnxModelWithExternalData(TINY_MODELS['ink-full'], 'w.data');
    await expect(d.load('w.onnx', model, 'auto')).rejects.toThrow('"w.onnx" keeps its weights in "w.data"');
    expect(d.model?.name).toBe('good.onnx');
  });
});

/**
 * A detector on in-process workers: a 16x32 image, a model whose map is the input's size, and a
 * post worker that finds one box. `prepFails`: the prep worker throws this on every call.
 */
async function loadedDetector(prepFails?: Error) {
  const calls = { prepare: 0, post: [] as { height: number; width: number; imageWidth: number }[] };
  const infer = {
    load: async () => ({ runtime: runtime('wasm'), io: { inputNames: ['x'], outputNames: ['prob'], inputShapes: [[1, 3, null, null]], outputShapes: [[1, 1, null, null]] } }),
    run: async (_name: string, _data: Float32Array, dims: number[]) => ({ prob: { data: new Float32Array(dims[2] * dims[3]).fill(0.9), dims: [1, 1, dims[2], dims[3]] } }),
    runtime: async () => runtime('wasm'),
  } as Partial<InferApi> as InferApi;
  const prep: PrepApi = {
    async prepare() {
      calls.prepare++;
      if (prepFails) throw prepFails;
      return { width: 64, height: 32, tensor: new Float32Array(3 * 16 * 32), dims: [1, 3, 16, 32], transform: scaleTranslate(0.5, 0.5) };
    },
  };
  const post: PostApi = {
    async postprocess(job) {
      calls.post.push({ height: job.height, width: job.width, imageWidth: job.imageWidth });
      const boxes = [{ points: [[0, 0], [8, 0], [8, 4], [0, 4]] as Polygon, score: 0.9 }];
      return { boxes, candidates: { ...packPolygons(boxes), sides: [4], grownSides: [4] }, detected: [0], truncated: false, contours: 1 };
    },
    evaluate: async () => {
      throw new Error('not used');
    },
  };
  const d = new Detector({ infer: inProcess(infer), prep: () => inProcess(prep), post: () => inProcess(post) });
  await d.load('good.onnx', modelBytes('ink-full'), 'wasm');
  return { d, calls };
}

describe('Detector.detect: one image through the run\'s detect stage', () => {
  test('gives the map, the boxes and each stage\'s time, with the map drawn back over the image', async () => {
    const { d, calls } = await loadedDetector();
    const r = await d.detect(new Blob([]), PRESETS['ppocr-det']);
    expect([r.width, r.height, r.probWidth, r.probHeight, r.prob.length]).toEqual([64, 32, 32, 16, 512]);
    // The network input is the image at half scale and the map is at the input's size: map to image doubles.
    expect(r.toImage.map((v) => v + 0)).toEqual(scaleTranslate(2, 2)); // + 0: -0 from the inversion is 0
    expect(r.boxes).toHaveLength(1);
    expect(calls.post).toEqual([{ height: 16, width: 32, imageWidth: 64 }]);
    for (const ms of Object.values(r.ms)) expect(ms).toBeGreaterThanOrEqual(0);
  });

  test('a failing image gives its own error, with its hint, after the retry on a fresh worker', async () => {
    const { d, calls } = await loadedDetector(new DatasetError('receipt.jpg cannot be decoded', 'Re-save it as PNG or JPEG.'));
    const error = await d.detect(new Blob([]), PRESETS['ppocr-det']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ message: 'receipt.jpg cannot be decoded', hint: 'Re-save it as PNG or JPEG.' });
    expect(calls.prepare).toBe(2);
  });

  test('a cancelled detection stops before the model runs', async () => {
    const { d, calls } = await loadedDetector();
    await expect(d.detect(new Blob([]), PRESETS['ppocr-det'], { signal: AbortSignal.abort() })).rejects.toThrow('aborted');
    expect([calls.prepare, calls.post.length]).toEqual([0, 0]);
  });
});
