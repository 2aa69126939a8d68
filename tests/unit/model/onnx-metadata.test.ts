import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import { ModelError } from '../../../src/core/errors';
import { readOnnxMetadata, type OnnxMetadata } from '../../../src/core/model/onnx-metadata';
import { buildOnnxModel } from '../../../scripts/lib/onnx-builder';
import { TINY_MODELS, modelBytes } from '../../fixtures/models/tiny-models';

const read = (path: string) => new Uint8Array(readFileSync(path));

/** What onnxruntime itself says: the oracle for names, types and shapes ('' is its unnamed dynamic size). */
async function ortSignature(bytes: Uint8Array) {
  const s = await ort.InferenceSession.create(bytes);
  const info = (m: readonly ort.InferenceSession.ValueMetadata[]) =>
    m.map((v) => ({ name: v.name, elemType: v.isTensor ? v.type : 'non-tensor', dims: v.isTensor ? v.shape.map((d) => (d === '' ? null : d)) : null }));
  const sig = { inputs: info(s.inputMetadata), outputs: info(s.outputMetadata) };
  await s.release();
  return sig;
}

const signature = (m: OnnxMetadata) => ({ inputs: m.inputs, outputs: m.outputs });

describe('readOnnxMetadata', () => {
  test('the bundled PP-OCRv4 det model: input x [?,3,?,?] float32, one sigmoid output, opset 11, as onnxruntime reads it', async () => {
    const bytes = read('public/models/ppocr-det.onnx');
    const meta = readOnnxMetadata(bytes);
    expect(signature(meta)).toEqual(await ortSignature(bytes));
    expect(meta.inputs[0].name).toBe('x');
    expect(meta.inputs[0].dims?.map((d) => (typeof d === 'number' ? d : '?'))).toEqual(['?', 3, '?', '?']);
    expect(meta.outputs.map((o) => o.name)).toEqual(['sigmoid_0.tmp_0']);
    expect(meta.opset).toBe(11);
    expect(meta.irVersion).toBe(8);
    expect(meta.metadata).toEqual({});
  });

  test.each(Object.keys(TINY_MODELS))('tiny model %s: the same inputs and outputs as onnxruntime reads', async (name) => {
    const bytes = modelBytes(name);
    expect(signature(readOnnxMetadata(bytes))).toEqual(await ortSignature(bytes));
  });

  test.each(Object.keys(TINY_MODELS))('the fixture file %s.onnx is what the builder writes now', (name) => {
    expect(read(`tests/fixtures/models/${name}.onnx`)).toEqual(modelBytes(name));
  });

  test('metadata properties, producer and opset; weights listed as graph inputs are not inputs', () => {
    const meta = readOnnxMetadata(modelBytes('tiny-det'));
    expect(meta.metadata).toEqual({ 'detscope.profile': 'seed-dbnet', author: 'detscope tests' });
    expect(meta.producer).toBe('detscope onnx-builder');
    expect(meta.opset).toBe(17);
    expect(meta.inputs.map((i) => i.name)).toEqual(['image']);
  });

  test('a negative dim_value is unknown, a missing shape is null', () => {
    const bytes = buildOnnxModel({
      inputs: [{ name: 'x', dims: [-1, 3, 64, 'w'] }],
      outputs: [{ name: 'y' }],
      nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }],
    });
    const meta = readOnnxMetadata(bytes);
    expect(meta.inputs[0].dims).toEqual([null, 3, 64, 'w']);
    expect(meta.outputs[0]).toEqual({ name: 'y', elemType: 'float32', dims: null });
  });

  test('a truncated file is a ModelError naming the file', () => {
    const bytes = read('public/models/ppocr-det.onnx').subarray(0, 100_000);
    expect(() => readOnnxMetadata(bytes, 'cut.onnx')).toThrow(ModelError);
    expect(() => readOnnxMetadata(bytes, 'cut.onnx')).toThrow(/"cut.onnx" is not a readable ONNX file/);
  });
});
