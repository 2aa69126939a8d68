import * as Comlink from 'comlink';
import './comlink-errors';
import { checkModelFile } from '../src/core/model/model-file';
import { createDetSession, type DetSession } from '../src/core/model/session';
import { SessionHolder } from '../src/core/model/session-holder';
import type { InferApi } from '../src/core/pipeline/worker-apis';
import { trackWasmMemory, wasmMemoryBytes } from '../src/core/model/wasm-memory';
import { tapOrtConsole } from '../src/core/model/ort-console';

// Before ORT is imported (it loads lazily, in createDetSession), so its memory is seen and
// its console output (the kernel profile) can be read.
trackWasmMemory();
tapOrtConsole();

const holder = new SessionHolder<DetSession>(createDetSession);

const api: InferApi = {
  async load(model, ep) {
    checkModelFile(model.name, model.bytes);
    const session = await holder.load(model, ep);
    return { runtime: session.runtime, io: session.io };
  },

  async run(inputName: string, data: Float32Array, dims: number[]) {
    const outputs = await holder.run(inputName, data, dims);
    return Comlink.transfer(outputs, Object.values(outputs).map((o) => o.data.buffer as ArrayBuffer));
  },

  async gpuBytes() {
    const meter = holder.session?.gpuMemory;
    return meter ? { live: meter.liveBytes(), peak: meter.peakBytes() } : null;
  },

  async wasmBytes() {
    return wasmMemoryBytes();
  },

  async runtime() {
    return holder.session?.runtime ?? null;
  },

  startKernelProfile() {
    return holder.startKernelProfile();
  },

  endKernelProfile() {
    return holder.endKernelProfile();
  },

  async loseDevice() {
    holder.session?.device?.destroy();
  },
};

Comlink.expose(api);
