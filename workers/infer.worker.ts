import * as Comlink from 'comlink';
import './comlink-errors';
import { checkModelFile } from '../src/core/model/model-file';
import { createDetSession, type DetSession, type EpRequest } from '../src/core/model/session';
import type { InferPort } from '../src/core/pipeline/ports';

let session: DetSession | null = null;

const api: InferPort = {
  async load(name: string, bytes: Uint8Array, ep: EpRequest) {
    checkModelFile(name, bytes);
    // Release first: two sessions at once would double the WASM heap, which never shrinks.
    await session?.release();
    session = null;
    session = await createDetSession(bytes, ep);
    return { runtime: session.runtime, io: session.io };
  },

  async run(inputName: string, data: Float32Array, dims: number[]) {
    if (!session) throw new Error('no model loaded');
    const outputs = await session.run(inputName, data, dims);
    return Comlink.transfer(outputs, Object.values(outputs).map((o) => o.data.buffer as ArrayBuffer));
  },

  async gpuBytes(): Promise<{ live: number; peak: number } | null> {
    const meter = session?.gpuMemory;
    return meter ? { live: meter.liveBytes(), peak: meter.peakBytes() } : null;
  },
};

Comlink.expose(api);
