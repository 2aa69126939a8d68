import { describe, expect, test } from 'vitest';
import { ModelError } from '../../../src/core/errors';
import { InferStacker, splitOutputs } from '../../../src/core/pipeline/infer-stacker';
import type { TensorOut } from '../../../src/core/model/session';

/** A model whose map is its input's first channel: each image's value comes back as its own. */
function fakeModel(calls: number[][], gate?: Promise<void>) {
  return async (data: Float32Array, dims: number[]): Promise<Record<string, TensorOut>> => {
    calls.push(dims);
    await gate;
    const [n, c, h, w] = dims;
    const out = new Float32Array(n * h * w);
    for (let k = 0; k < n; k++) out.set(data.subarray(k * c * h * w, k * c * h * w + h * w), k * h * w);
    return { prob: { data: out, dims: [n, 1, h, w] } };
  };
}

const image = (value: number, h = 2, w = 2) => ({ data: new Float32Array(3 * h * w).fill(value), dims: [1, 3, h, w] });
const signal = () => new AbortController().signal;

describe('InferStacker', () => {
  test('images of one shape share a call; each gets its own slice', async () => {
    const calls: number[][] = [];
    const s = new InferStacker(fakeModel(calls), 2);
    [1, 2, 3].forEach(() => s.expect());
    const runs = [1, 2, 3].map((v) => s.run(image(v).data, image(v).dims, signal()));
    const out = await Promise.all(runs);
    expect(calls).toEqual([[2, 3, 2, 2], [1, 3, 2, 2]]);
    expect(out.map((r) => Array.from(r.outputs.prob.data))).toEqual([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]]);
    expect(out.map((r) => r.outputs.prob.dims)).toEqual([[1, 1, 2, 2], [1, 1, 2, 2], [1, 1, 2, 2]]);
    expect(out[0].callDims).toEqual([2, 3, 2, 2]);
    expect(out[0].start).toBe(out[1].start);
  });

  test('shapes are never mixed in a call, and nothing waits for an image that was dropped', async () => {
    const calls: number[][] = [];
    const s = new InferStacker(fakeModel(calls), 4);
    [1, 2, 3].forEach(() => s.expect());
    const a = s.run(image(1).data, image(1).dims, signal());
    const b = s.run(image(2, 4, 2).data, image(2, 4, 2).dims, signal());
    const c = s.run(image(3).data, image(3).dims, signal());
    s.expect();
    s.dropped(); // it failed in preprocessing: the three waiting go now
    await Promise.all([a, b, c]);
    expect(calls).toEqual([[2, 3, 2, 2], [1, 3, 4, 2]]);
  });

  test('size 1: one image per call, in arrival order', async () => {
    const calls: number[][] = [];
    const s = new InferStacker(fakeModel(calls), 1);
    [1, 2].forEach(() => s.expect());
    await Promise.all([s.run(image(1).data, image(1).dims, signal()), s.run(image(2).data, image(2).dims, signal())]);
    expect(calls).toEqual([[1, 3, 2, 2], [1, 3, 2, 2]]);
  });

  test('an image cancelled while it waits is rejected and never sent', async () => {
    const calls: number[][] = [];
    let open!: () => void;
    const s = new InferStacker(fakeModel(calls, new Promise<void>((r) => (open = r))), 1);
    [1, 2].forEach(() => s.expect());
    const first = s.run(image(1).data, image(1).dims, signal());
    const abort = new AbortController();
    const second = s.run(image(2).data, image(2).dims, abort.signal);
    abort.abort(new Error('cancelled'));
    await expect(second).rejects.toThrow('cancelled');
    open();
    await first;
    expect(calls).toEqual([[1, 3, 2, 2]]);
  });

  test('a failed call fails every image in it', async () => {
    const s = new InferStacker(async () => {
      throw new Error('device lost');
    }, 2);
    [1, 2].forEach(() => s.expect());
    const runs = [1, 2].map((v) => s.run(image(v).data, image(v).dims, signal()));
    for (const r of runs) await expect(r).rejects.toThrow('device lost');
  });
});

test('splitOutputs refuses an output whose first axis is not the batch', () => {
  expect(() => splitOutputs({ prob: { data: new Float32Array(8), dims: [1, 2, 2, 2] } }, 2)).toThrow(ModelError);
  expect(() => splitOutputs({ prob: { data: new Float32Array(8), dims: [1, 2, 2, 2] } }, 2)).toThrow('first axis is not the batch');
});
