import { describe, expect, test } from 'vitest';
import { ModelError } from '../../../src/core/errors';
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
