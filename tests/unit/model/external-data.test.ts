import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import { ModelError } from '../../../src/core/errors';
import { resolveExternalData } from '../../../src/core/model/external-data';
import { readOnnxMetadata } from '../../../src/core/model/onnx-metadata';
import { buildOnnxModel, buildOnnxModelWithExternalData } from '../../../scripts/lib/onnx-builder';
import { TINY_MODELS } from '../../fixtures/models/tiny-models';

describe('a model with its weights in an external file', () => {
  test('onnxruntime runs the builder\'s external-data pair as the inline model, and the metadata names the file', async () => {
    const { model, data } = buildOnnxModelWithExternalData(TINY_MODELS['ink-full'], 'ink-full.onnx.data');
    expect(readOnnxMetadata(model).externalFiles).toEqual(['ink-full.onnx.data']);
    expect(readOnnxMetadata(buildOnnxModel(TINY_MODELS['ink-full'])).externalFiles).toEqual([]);
    // onnxruntime-node finds the data file next to the model file, as onnxruntime-web finds it in externalData.
    const dir = mkdtempSync(join(tmpdir(), 'detscope-external-'));
    try {
      writeFileSync(join(dir, 'ink-full.onnx'), model);
      writeFileSync(join(dir, 'ink-full.onnx.data'), data);
      const input = new ort.Tensor('float32', Float32Array.from({ length: 12 }, (_, i) => i / 6 - 1), [1, 3, 2, 2]);
      const external = await ort.InferenceSession.create(join(dir, 'ink-full.onnx'));
      const inline = await ort.InferenceSession.create(buildOnnxModel(TINY_MODELS['ink-full']));
      const [a, b] = [(await external.run({ image: input })).prob.data, (await inline.run({ image: input })).prob.data];
      expect(Array.from(a as Float32Array)).toEqual(Array.from(b as Float32Array));
      await Promise.all([external.release(), inline.release()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('resolveExternalData', () => {
  const data = new Uint8Array([1, 2, 3]);

  test('finds each file the model names among the dropped ones, by name, under the path the model gives', () => {
    expect(resolveExternalData('m.onnx', ['weights/m.onnx.data'], [{ name: 'notes.txt', data: new Uint8Array() }, { name: 'm.onnx.data', data }])).toEqual([
      { path: 'weights/m.onnx.data', data },
    ]);
    expect(resolveExternalData('m.onnx', [], [])).toEqual([]);
  });

  test('a file the model needs that was not dropped is named, with what to do', () => {
    const call = () => resolveExternalData('m.onnx', ['m.onnx.data'], []);
    expect(call).toThrow(ModelError);
    expect(call).toThrow('"m.onnx" keeps its weights in "m.onnx.data", which was not dropped with it');
    try {
      call();
    } catch (e) {
      expect((e as ModelError).hint).toBe('Drop "m.onnx" and "m.onnx.data" together (select both in the file picker, or drag both at once).');
      expect((e as ModelError).where).toEqual({ file: 'm.onnx' });
    }
  });
});
