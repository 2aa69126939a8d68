import { describe, expect, test } from 'vitest';
import { ModelError } from '../../../src/core/errors';
import type { EpRequest, ModelFiles, RuntimeInfo, TensorOut } from '../../../src/core/model/session';
import { SessionHolder, type HeldSession } from '../../../src/core/model/session-holder';
import type { KernelProfile } from '../../../src/core/model/kernel-profile';

const files = (name: string): ModelFiles => ({ name, bytes: new Uint8Array([8, 1]), externalData: [] });

/**
 * A session that answers with its model's name and EP. On WebGPU, `loseAfter` runs succeed
 * and the next one fails as a lost device does: a raw `mapAsync` error first, the lost
 * promise a little later.
 */
class FakeSession implements HeldSession {
  readonly runtime: RuntimeInfo;
  readonly io = { inputNames: ['x'], outputNames: ['prob'], inputShapes: [], outputShapes: [] };
  lostReason: string | null = null;
  readonly lost: Promise<string> | null;
  released = false;
  runs = 0;
  private loseDevice: (reason: string) => void = () => {};

  constructor(
    readonly name: string,
    ep: EpRequest,
    private readonly loseAfter = Infinity,
    private readonly failWith: Error | null = null,
    readonly profiled = false,
  ) {
    const used = ep === 'wasm' ? 'wasm' : 'webgpu';
    this.runtime = { ep: used, requested: ep, fallbackReason: null, adapter: null, ortVersion: 'fake', wasmThreads: 1, crossOriginIsolated: false, hardwareConcurrency: 1 };
    this.lost = used === 'webgpu' ? new Promise((r) => (this.loseDevice = r)).then((reason) => (this.lostReason = reason as string)) : null;
  }

  async run(): Promise<Record<string, TensorOut>> {
    if (this.released) throw new Error('session released');
    if (this.failWith) throw this.failWith;
    if (this.runs++ >= this.loseAfter) {
      setTimeout(() => this.loseDevice('device reset'), 20);
      throw new Error("Failed to execute 'mapAsync' on 'GPUBuffer': Device is lost");
    }
    return { prob: { data: new Float32Array([this.runtime.ep === 'wasm' ? 0 : 1]), dims: [1, 1, 1, 1] } };
  }

  async endKernelProfile(): Promise<KernelProfile | null> {
    return this.profiled ? { source: 'host', calls: this.runs, totalMs: 1, ops: [{ op: 'Conv', count: this.runs, totalMs: 1, share: 1 }], cpuNodes: [] } : null;
  }

  async release(): Promise<void> {
    this.released = true;
  }
}

/** A holder whose sessions are fakes: `broken` models fail to load with onnxruntime's words. */
function holderOf(opts: { broken?: string[]; loseAfter?: number; failRuns?: Error } = {}) {
  const created: FakeSession[] = [];
  const holder = new SessionHolder<FakeSession>(async (model, ep, options) => {
    if (opts.broken?.includes(model.name)) {
      throw new Error("Can't create a session. ERROR_CODE: 9, ERROR_MESSAGE: Could not find an implementation for FancyOp(1) node with name 'fancyop_0'");
    }
    const s = new FakeSession(model.name, ep, ep === 'wasm' ? Infinity : opts.loseAfter, opts.failRuns, options?.kernelProfile);
    created.push(s);
    return s;
  }, 200);
  return { holder, created };
}

const run = (h: SessionHolder<FakeSession>) => h.run('x', new Float32Array(1), [1, 3, 1, 1]);

describe('SessionHolder: a model that fails to load', () => {
  test("says onnxruntime's cause and the file, and the previous model stays loaded and runs", async () => {
    const { holder } = holderOf({ broken: ['fancy.onnx'] });
    await holder.load(files('good.onnx'), 'wasm');
    const failure = await holder.load(files('fancy.onnx'), 'wasm').catch((e) => e);
    expect(failure).toBeInstanceOf(ModelError);
    expect(failure.message).toBe("Can't create a session. ERROR_CODE: 9, ERROR_MESSAGE: Could not find an implementation for FancyOp(1) node with name 'fancyop_0' (\"good.onnx\" is still loaded)");
    expect(failure.where).toEqual({ file: 'fancy.onnx' });
    expect(holder.session?.name).toBe('good.onnx');
    expect(holder.session?.released).toBe(false);
    expect((await run(holder)).prob.dims).toEqual([1, 1, 1, 1]);
  });

  test('when the previous model cannot be reopened either, says no model is loaded, and a run says so too', async () => {
    const broken = ['fancy.onnx'];
    const { holder } = holderOf({ broken });
    await holder.load(files('good.onnx'), 'wasm');
    broken.push('good.onnx');
    await expect(holder.load(files('fancy.onnx'), 'wasm')).rejects.toThrow('("good.onnx" could not be reloaded either: no model is loaded)');
    expect(holder.session).toBeNull();
    await expect(run(holder)).rejects.toThrow('No model is loaded');
  });

  test('the first model failing leaves none, with the cause and no word of a previous one', async () => {
    const { holder } = holderOf({ broken: ['fancy.onnx'] });
    const failure = await holder.load(files('fancy.onnx'), 'auto').catch((e) => e);
    expect(failure.message).toMatch(/FancyOp\(1\) node with name 'fancyop_0'$/);
    expect(holder.session).toBeNull();
  });
});

describe('SessionHolder: a lost WebGPU device', () => {
  test('the image in flight when the device is lost is run again on WASM, and the runtime says why', async () => {
    const { holder, created } = holderOf({ loseAfter: 1 });
    await holder.load(files('m.onnx'), 'webgpu');
    expect((await run(holder)).prob.data[0]).toBe(1);
    // The second run meets the loss: a mapAsync error, then the lost promise.
    const retried = await run(holder);
    expect(retried.prob.data[0]).toBe(0);
    expect(created.map((s) => s.runtime.ep)).toEqual(['webgpu', 'wasm']);
    expect(created[0].released).toBe(true);
    expect(holder.session?.runtime).toMatchObject({ ep: 'wasm', fallbackReason: 'the WebGPU device was lost (device reset) during the run' });
    expect((await run(holder)).prob.data[0]).toBe(0);
  });

  test('a run error on WebGPU without a lost device is the run error, not a move to WASM', async () => {
    const { holder, created } = holderOf({ failRuns: new Error('Non-zero status code returned while running Conv node') });
    await holder.load(files('m.onnx'), 'webgpu');
    await expect(run(holder)).rejects.toThrow('Non-zero status code returned while running Conv node');
    expect(created).toHaveLength(1);
    expect(holder.session?.runtime.ep).toBe('webgpu');
  });
});

describe('SessionHolder: kernel profile', () => {
  test('opens the loaded model again profiled, on the same EP; the profile covers the runs after', async () => {
    const { holder, created } = holderOf();
    await holder.load(files('m.onnx'), 'webgpu');
    await run(holder);
    expect(await holder.endKernelProfile()).toBeNull(); // not opened to be profiled
    await holder.startKernelProfile();
    expect(created).toHaveLength(2);
    expect(created[0].released).toBe(true);
    expect(created[1]).toMatchObject({ name: 'm.onnx', profiled: true, runtime: { ep: 'webgpu' } });
    await run(holder);
    await run(holder);
    expect(await holder.endKernelProfile()).toMatchObject({ calls: 2, ops: [{ op: 'Conv', share: 1 }] });
  });

  test('with no model loaded it says so', async () => {
    const { holder } = holderOf();
    await expect(holder.startKernelProfile()).rejects.toThrow('No model is loaded');
  });
});
