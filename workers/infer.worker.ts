import * as Comlink from 'comlink';
import './comlink-errors';
import { checkModelFile } from '../src/core/model/model-file';
import { createDetSession, type DetSession, type EpRequest } from '../src/core/model/session';
import type { InferPort } from '../src/core/pipeline/ports';
import { trackWasmMemory, wasmMemoryBytes } from '../src/core/model/wasm-memory';

// Before ORT is imported (it loads lazily, in createDetSession), so its memory is seen.
trackWasmMemory();

let session: DetSession | null = null;
/** Kept to recreate the session on WASM if the WebGPU device is lost mid-run. */
let modelBytes: Uint8Array | null = null;

/** A lost device cannot run again: finish on WASM, and say so in the runtime info. */
async function fallBackToWasm(reason: string): Promise<DetSession> {
  await session?.release().catch(() => undefined);
  session = await createDetSession(modelBytes!, 'wasm');
  session.runtime.fallbackReason = `the WebGPU device was lost (${reason}) during the run`;
  return session;
}

const api: InferPort = {
  async load(name: string, bytes: Uint8Array, ep: EpRequest) {
    checkModelFile(name, bytes);
    // Release first: two sessions at once would double the WASM heap, which never shrinks.
    await session?.release();
    session = null;
    session = await createDetSession(bytes, ep);
    modelBytes = bytes;
    return { runtime: session.runtime, io: session.io };
  },

  async run(inputName: string, data: Float32Array, dims: number[]) {
    if (!session) throw new Error('no model loaded');
    let current = session.lostReason ? await fallBackToWasm(session.lostReason) : session;
    let outputs;
    try {
      outputs = await current.run(inputName, data, dims);
    } catch (e) {
      // The loss may surface as this run's error before the lost promise settles.
      await new Promise((r) => setTimeout(r, 0));
      if (!current.lostReason) throw e;
      current = await fallBackToWasm(current.lostReason);
      outputs = await current.run(inputName, data, dims);
    }
    return Comlink.transfer(outputs, Object.values(outputs).map((o) => o.data.buffer as ArrayBuffer));
  },

  async gpuBytes() {
    const meter = session?.gpuMemory;
    return meter ? { live: meter.liveBytes(), peak: meter.peakBytes() } : null;
  },

  async wasmBytes() {
    return wasmMemoryBytes();
  },

  async runtime() {
    return session?.runtime ?? null;
  },

  async loseDevice() {
    session?.device?.destroy();
  },
};

Comlink.expose(api);
