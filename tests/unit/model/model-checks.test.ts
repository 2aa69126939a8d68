import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ModelError } from '../../../src/core/errors';
import { checkModelIo, suggestProfile } from '../../../src/core/model/model-checks';
import { readOnnxMetadata, type OnnxMetadata } from '../../../src/core/model/onnx-metadata';
import { PPOCR_DET, ORIGINAL_DBNET, type ModelProfile } from '../../../src/core/model/profiles';
import type { ModelIo } from '../../../src/core/model/session';
import { buildOnnxModel, type BuilderModel } from '../../../scripts/lib/onnx-builder';
import { modelBytes } from '../../fixtures/models/tiny-models';

const meta = (name: string) => readOnnxMetadata(modelBytes(name));
const ppocr = readOnnxMetadata(new Uint8Array(readFileSync('public/models/ppocr-det.onnx')));

/** The ModelError a check throws, so a test can read its message, hint and where. */
function failure(model: OnnxMetadata | ModelIo, profile: ModelProfile, file?: string): ModelError {
  try {
    checkModelIo(model, profile, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error('expected a ModelError');
}

/** A float32 identity-like model with the given inputs and outputs (shapes are what matter here). */
const custom = (m: Pick<BuilderModel, 'inputs' | 'outputs'>) =>
  readOnnxMetadata(buildOnnxModel({ ...m, nodes: m.outputs.map((o) => ({ op: 'Identity', inputs: [m.inputs[0].name], outputs: [o.name] })) }));

describe('checkModelIo', () => {
  test('the bundled model passes with the ppocr-det profile; a dynamic tiny detector with either preset', () => {
    expect(() => checkModelIo(ppocr, PPOCR_DET)).not.toThrow();
    expect(() => checkModelIo(meta('tiny-det'), PPOCR_DET)).not.toThrow();
    expect(() => checkModelIo(meta('tiny-det'), ORIGINAL_DBNET)).not.toThrow();
  });

  test('an output that is not a probability map, and no other output that is', () => {
    const e = failure(meta('not-prob-map'), PPOCR_DET, 'classifier.onnx');
    expect(e.message).toBe('No output shaped like a probability map [N,1,H,W] (outputs: "logits" [1,3] float32)');
    expect(e.hint).toContain('probability map as an output');
    expect(e.where).toEqual({ file: 'classifier.onnx' });
  });

  test('the profile points at the wrong output while another one is a probability map', () => {
    const m = custom({ inputs: [{ name: 'x', dims: [1, 3, 'h', 'w'] }], outputs: [{ name: 'feat', dims: [1, 256, 'h', 'w'] }, { name: 'maps', dims: [1, 1, 'h', 'w'] }] });
    const e = failure(m, PPOCR_DET);
    expect(e.message).toBe('Output "feat" [1,256,?,?] is not a probability map [N,1,H,W]');
    expect(e.hint).toBe('Set the probability output to "maps" in the model profile.');
    expect(() => checkModelIo(m, { ...PPOCR_DET, outputs: { prob: 'maps' } })).not.toThrow();
  });

  test('a float16 probability map is not one detscope can read', () => {
    const m = custom({ inputs: [{ name: 'x', dims: [1, 3, 'h', 'w'] }], outputs: [{ name: 'p', elemType: 10, dims: [1, 1, 'h', 'w'] }] });
    expect(failure(m, PPOCR_DET).message).toMatch(/^No output shaped like a probability map .*"p" \[1,1,\?,\?\] float16/);
  });

  test('no 4-D float input: a 3-D input, an int64 input', () => {
    expect(failure(meta('input-3d'), PPOCR_DET).message).toBe('No 4-D float input: "x" is [3,?,?] float32');
    const e = failure(meta('input-int64'), PPOCR_DET);
    expect(e.message).toBe('No 4-D float input: "x" is [1,3,?,?] int64');
    expect(e.hint).toContain('float32 image tensor [1,3,H,W]');
  });

  test('fixed 1x3x320x320 with the limit-multiple rule: suggests pad-square with side 320', () => {
    const e = failure(meta('fixed-320'), PPOCR_DET);
    expect(e.message).toBe(
      'Input "input" has a fixed size 320x320, which the profile\'s resize (longer side limited to 960, sides rounded to multiples of 32) cannot produce for every image',
    );
    expect(e.hint).toMatch(/^Use the pad-square resize with side 320 /);
  });

  test('fixed sizes: a 1/4 map is accepted, a map that no stride places is refused at load with both sizes and the file', () => {
    const square320 = { ...ORIGINAL_DBNET, resize: { kind: 'pad-square', side: 320, align: 'center' } } as ModelProfile;
    const quarter = custom({ inputs: [{ name: 'x', dims: [1, 3, 320, 320] }], outputs: [{ name: 'p', dims: [1, 1, 80, 80] }] });
    expect(() => checkModelIo(quarter, square320)).not.toThrow();
    const odd = custom({ inputs: [{ name: 'x', dims: [1, 3, 320, 320] }], outputs: [{ name: 'p', dims: [1, 1, 224, 224] }] });
    const e = failure(odd, square320, 'odd.onnx');
    expect(e.message).toBe('Output "p" is 224x224 for a 320x320 input: neither the input\'s size nor a whole fraction or multiple of it, so its pixels cannot be placed on the image');
    expect(e.where).toEqual({ file: 'odd.onnx' });
  });

  test('fixed 320x320 with pad-square 640 fails; pad-square 320 passes', () => {
    expect(failure(meta('fixed-320'), ORIGINAL_DBNET).message).toContain('(longest side to 640, zero-padded to 640x640)');
    expect(() => checkModelIo(meta('fixed-320'), { ...ORIGINAL_DBNET, resize: { kind: 'pad-square', side: 320, align: 'top-left' } })).not.toThrow();
  });

  test('shape buckets that would pad a fixed-size input are refused; buckets that keep its side pass', () => {
    const square320 = { ...ORIGINAL_DBNET, resize: { kind: 'pad-square', side: 320, align: 'top-left' } } as ModelProfile;
    expect(failure(meta('fixed-320'), { ...square320, buckets: { multiple: 128 } }).message).toBe(
      'Input "input" has a fixed size 320x320, but the profile\'s shape buckets pad it to 384x384',
    );
    expect(() => checkModelIo(meta('fixed-320'), { ...square320, buckets: { multiple: 64 } })).not.toThrow();
  });

  test('a fixed non-square input cannot be met by any rule; a fixed height alone needs pad-square of that side', () => {
    const wide = custom({ inputs: [{ name: 'x', dims: [1, 3, 320, 640] }], outputs: [{ name: 'p', dims: [1, 1, 320, 640] }] });
    expect(failure(wide, ORIGINAL_DBNET).message).toBe('Input "x" has a fixed size 320x640 that is not square: no resize rule gives it');
    const tall = custom({ inputs: [{ name: 'x', dims: [1, 3, 640, 'w'] }], outputs: [{ name: 'p', dims: [1, 1, 640, 'w'] }] });
    expect(failure(tall, PPOCR_DET).message).toContain('fixed size 640x?');
    expect(() => checkModelIo(tall, ORIGINAL_DBNET)).not.toThrow();
  });

  test('fixed batch above 1, a channel count other than 3, several inputs', () => {
    const batch = custom({ inputs: [{ name: 'x', dims: [4, 3, 'h', 'w'] }], outputs: [{ name: 'p', dims: [4, 1, 'h', 'w'] }] });
    expect(failure(batch, PPOCR_DET).message).toBe('Input "x" has a fixed batch of 4; detscope feeds one image at a time');
    const gray = custom({ inputs: [{ name: 'x', dims: [1, 1, 'h', 'w'] }], outputs: [{ name: 'p', dims: [1, 1, 'h', 'w'] }] });
    expect(failure(gray, PPOCR_DET).message).toBe('Input "x" takes 1 channels; detscope feeds 3 (RGB or BGR)');
    const two = custom({ inputs: [{ name: 'x', dims: [1, 3, 'h', 'w'] }, { name: 'scale', dims: [1] }], outputs: [{ name: 'p', dims: [1, 1, 'h', 'w'] }] });
    expect(failure(two, PPOCR_DET).message).toBe('The model has 2 inputs ("x" [1,3,?,?] float32; "scale" [1] float32); detscope feeds one image tensor');
  });

  test("the profile's named input or outputs missing from the model", () => {
    const m = meta('tiny-det');
    expect(failure(m, { ...PPOCR_DET, inputName: 'x' }).message).toBe('The profile\'s input "x" is not in the model (inputs: "image" [?,3,?,?] float32)');
    expect(failure(m, { ...PPOCR_DET, outputs: { prob: 'sigmoid_0.tmp_0' } }).message).toBe(
      'The profile\'s probability output "sigmoid_0.tmp_0" is not in the model (outputs: "prob" [?,1,?,?] float32)',
    );
    expect(failure(m, { ...PPOCR_DET, outputs: { prob: 0, thresh: 2 } }).message).toMatch(/^The profile's thresh output 2 is not in the model/);
  });

  test("a session's io (no types) is checked on names and shapes", () => {
    const io: ModelIo = { inputNames: ['x'], outputNames: ['logits'], inputShapes: [[1, 3, 'h', 'w']], outputShapes: [[1, 3]] };
    expect(failure(io, PPOCR_DET).message).toBe('No output shaped like a probability map [N,1,H,W] (outputs: "logits" [1,3] unknown)');
    expect(() => checkModelIo({ ...io, outputShapes: [[1, 1, 'h', 'w']] }, PPOCR_DET)).not.toThrow();
  });
});

describe('suggestProfile', () => {
  test('the bundled model gets ppocr-det, with its input name, and passes the checks', () => {
    const { profile, reason } = suggestProfile(ppocr);
    expect(profile).toEqual({ ...PPOCR_DET, inputName: 'x' });
    expect(reason).toContain('PaddleOCR');
    expect(() => checkModelIo(ppocr, profile)).not.toThrow();
  });

  test('metadata naming a preset wins; a fixed square input gets pad-square of its side', () => {
    expect(suggestProfile(meta('tiny-det')).profile).toEqual({ ...ORIGINAL_DBNET, inputName: 'image' });
    const fixed = suggestProfile(meta('fixed-320')).profile;
    expect(fixed.resize).toEqual({ kind: 'pad-square', side: 320, align: 'center' });
    expect(() => checkModelIo(meta('fixed-320'), fixed)).not.toThrow();
  });

  test('reads the probability map from the first output shaped like one, and threshold / binary maps by name', () => {
    const m = custom({
      inputs: [{ name: 'input', dims: [1, 3, 640, 640] }],
      outputs: [
        { name: 'features', dims: [1, 64, 160, 160] },
        { name: 'prob_map', dims: [1, 1, 640, 640] },
        { name: 'thresh_map', dims: [1, 1, 640, 640] },
        { name: 'binary_map', dims: [1, 1, 640, 640] },
      ],
    });
    const { profile, reason } = suggestProfile(m);
    expect(profile.outputs).toEqual({ prob: 'prob_map', thresh: 'thresh_map', binary: 'binary_map' });
    expect(reason).toContain('probability map read from output "prob_map"');
    expect(() => checkModelIo(m, profile)).not.toThrow();
  });
});
