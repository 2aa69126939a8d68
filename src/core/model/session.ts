import type * as Ort from 'onnxruntime-web';
import { ModelError } from '../errors';
import { probeAdapter, softwareAdapterReason, type AdapterInfo } from './gpu-adapter';
import { meterDevice, type GpuMemoryMeter } from './gpu-memory';
import { loadOrt, wasmThreads, type ExecutionProvider, type OrtModule } from './ort-runtime';
import { captureOrtConsole, muteOrtChatter } from './ort-console';
import { kernelProfile, parseTraceLines, type KernelProfile } from './kernel-profile';

export type EpRequest = 'auto' | ExecutionProvider;

/** Everything the environment panel and the report say about where inference runs. */
export interface RuntimeInfo {
  ep: ExecutionProvider;
  requested: EpRequest;
  /**
   * Why inference fell back to WASM from WebGPU ('auto' found no usable adapter, or the device
   * was lost mid-run); null when the EP in use is the one requested or the one 'auto' prefers.
   */
  fallbackReason: string | null;
  adapter: AdapterInfo | null;
  ortVersion: string;
  wasmThreads: number;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

/** A file an ONNX model keeps its weights in (TensorProto external_data `location`), dropped with it. */
export interface ExternalFile {
  path: string;
  data: Uint8Array;
}

/** A model as onnxruntime needs it: the graph, and the files its weights live in, if any. */
export interface ModelFiles {
  name: string;
  bytes: Uint8Array;
  externalData: ExternalFile[];
}

/** How a session is opened beyond its model and EP. */
export interface SessionOptions {
  /**
   * onnxruntime's session profiler on: per-kernel times until `endKernelProfile()`. It logs at
   * info level (the only level that says why a node left WebGPU) and, on WebGPU, asks the
   * device for timestamp queries.
   */
  kernelProfile: boolean;
}

export interface TensorOut {
  data: Float32Array;
  dims: number[];
}

export interface ModelIo {
  inputNames: string[];
  outputNames: string[];
  /** Input shapes as the model declares them; symbolic dimensions are strings, unknown ones null. */
  inputShapes: (number | string | null)[][];
  outputShapes: (number | string | null)[][];
}

/** One onnxruntime-web session, kept warm across batches; calls are queued (one run() at a time). */
export class DetSession {
  private queue: Promise<unknown> = Promise.resolve();
  /** Why the WebGPU device was lost, once it has been; the session cannot run after that. */
  lostReason: string | null = null;
  /** Settles with that reason when the device is lost; null on WASM, which has none to lose. */
  readonly lost: Promise<string> | null;

  constructor(
    private readonly ort: OrtModule,
    private readonly session: Ort.InferenceSession,
    readonly runtime: RuntimeInfo,
    readonly io: ModelIo,
    readonly gpuMemory: GpuMemoryMeter | null,
    readonly device: GPUDevice | null = null,
    /** What onnxruntime logged while the session was created, when it was opened to be profiled; null otherwise. */
    private profileLog: string[] | null = null,
  ) {
    this.lost = device ? device.lost.then((info) => (this.lostReason = info.message || info.reason || 'unknown reason')) : null;
  }

  run(inputName: string, data: Float32Array, dims: number[]): Promise<Record<string, TensorOut>> {
    const next = this.queue.then(() => this.runNow(inputName, data, dims));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(inputName: string, data: Float32Array, dims: number[]): Promise<Record<string, TensorOut>> {
    const input = new this.ort.Tensor('float32', data, dims);
    const results = await this.session.run({ [inputName]: input });
    const out: Record<string, TensorOut> = {};
    for (const [name, tensor] of Object.entries(results)) {
      out[name] = { data: (await tensor.getData(true)) as Float32Array, dims: [...tensor.dims] };
    }
    input.dispose();
    return out;
  }

  /**
   * Ends the session's profiling (it cannot start again: onnxruntime-web's `startProfiling` is
   * empty) and tables what it recorded; null when the session was not opened to be profiled.
   */
  async endKernelProfile(): Promise<KernelProfile | null> {
    if (!this.profileLog) return null;
    const log = this.profileLog;
    this.profileLog = null;
    await this.queue.catch(() => undefined);
    const { lines } = await captureOrtConsole(async () => this.session.endProfiling());
    muteOrtChatter(false);
    const events = parseTraceLines(lines);
    return events ? kernelProfile(events, this.runtime.ep, log) : null;
  }

  async release(): Promise<void> {
    if (this.profileLog) muteOrtChatter(false);
    await this.queue.catch(() => undefined);
    await this.session.release();
    // Our own device: destroying it frees every GPU buffer the session may still hold.
    this.device?.destroy();
  }
}

function environment() {
  const g = globalThis as typeof globalThis & { crossOriginIsolated?: boolean };
  return {
    crossOriginIsolated: Boolean(g.crossOriginIsolated),
    hardwareConcurrency: g.navigator?.hardwareConcurrency ?? 1,
  };
}

function shapesOf(metadata: readonly Ort.InferenceSession.ValueMetadata[]): (number | string | null)[][] {
  return metadata.map((m) => (m.isTensor ? m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : typeof d === 'string' ? d : null)) : []));
}

/** The session, and onnxruntime's log lines of its creation when it is profiled (null otherwise). */
async function open(ort: OrtModule, model: ModelFiles, providers: Ort.InferenceSession.ExecutionProviderConfig[], options: SessionOptions) {
  const create = () =>
    ort.InferenceSession.create(model.bytes, {
      executionProviders: providers,
      graphOptimizationLevel: 'all',
      externalData: model.externalData.map((f) => ({ path: f.path, data: f.data })),
      ...(options.kernelProfile ? { enableProfiling: true, logSeverityLevel: 1 as const } : {}),
    });
  if (!options.kernelProfile) return { session: await create(), log: null };
  muteOrtChatter(true);
  try {
    const { value, lines } = await captureOrtConsole(create);
    return { session: value, log: lines };
  } catch (e) {
    muteOrtChatter(false);
    throw e;
  }
}

/**
 * Creates the session on the requested EP. 'auto' tries WebGPU when a hardware adapter exists
 * (a software one is left for WASM, which is far faster); any WebGPU failure falls back to
 * WASM with the reason recorded, never silently. 'webgpu' uses whatever adapter there is.
 */
export async function createDetSession(model: ModelFiles, requested: EpRequest, options: SessionOptions = { kernelProfile: false }): Promise<DetSession> {
  const env = environment();
  const threads = wasmThreads(env.hardwareConcurrency, env.crossOriginIsolated);
  let fallbackReason: string | null = null;
  let adapterInfo: AdapterInfo | null = null;

  if (requested !== 'wasm') {
    const probe = await probeAdapter();
    adapterInfo = probe.info;
    const software = requested === 'auto' && probe.info ? softwareAdapterReason(probe.info) : null;
    if (software) {
      fallbackReason = `${software}; choose WebGPU (the execution provider setting, or --ep webgpu) to use it anyway`;
    } else if (probe.adapter) {
      let device: GPUDevice | null = null;
      try {
        const timestamps = options.kernelProfile && probe.adapter.features.has('timestamp-query');
        device = await probe.adapter.requestDevice({
          ...(timestamps ? { requiredFeatures: ['timestamp-query' as GPUFeatureName] } : {}),
          requiredLimits: {
            maxBufferSize: probe.adapter.limits.maxBufferSize,
            maxStorageBufferBindingSize: probe.adapter.limits.maxStorageBufferBindingSize,
            maxComputeWorkgroupStorageSize: probe.adapter.limits.maxComputeWorkgroupStorageSize,
          },
        });
        const meter = meterDevice(device);
        const ort = await loadOrt('webgpu', threads);
        const { session, log } = await open(ort, model, [{ name: 'webgpu', device } as Ort.InferenceSession.ExecutionProviderConfig], options);
        const runtime = runtimeInfo(ort, 'webgpu', requested, null, adapterInfo, threads, env);
        return new DetSession(ort, session, runtime, ioOf(session), meter, device, log);
      } catch (e) {
        device?.destroy();
        fallbackReason = `the WebGPU session could not be created: ${(e as Error).message}`;
      }
    } else {
      fallbackReason = probe.reason;
    }
    if (requested === 'webgpu') {
      throw new ModelError(`Cannot run on WebGPU: ${fallbackReason}`, 'Choose WASM or "auto" in the execution provider setting, or use a browser with WebGPU enabled.');
    }
  }

  const ort = await loadOrt('wasm', threads);
  let opened: Awaited<ReturnType<typeof open>>;
  try {
    opened = await open(ort, model, ['wasm'], options);
  } catch (e) {
    throw new ModelError(`onnxruntime-web could not load the model: ${(e as Error).message}`, 'Check that the file is a valid ONNX model (opset 11-21) with float32 inputs; re-export it if needed (docs/export-onnx.md).');
  }
  const { session, log } = opened;
  return new DetSession(ort, session, runtimeInfo(ort, 'wasm', requested, fallbackReason, adapterInfo, threads, env), ioOf(session), null, null, log);
}

function ioOf(session: Ort.InferenceSession): ModelIo {
  return {
    inputNames: [...session.inputNames],
    outputNames: [...session.outputNames],
    inputShapes: shapesOf(session.inputMetadata),
    outputShapes: shapesOf(session.outputMetadata),
  };
}

function runtimeInfo(
  ort: OrtModule,
  ep: ExecutionProvider,
  requested: EpRequest,
  fallbackReason: string | null,
  adapter: AdapterInfo | null,
  threads: number,
  env: ReturnType<typeof environment>,
): RuntimeInfo {
  return {
    ep,
    requested,
    fallbackReason,
    adapter,
    ortVersion: ort.env.versions?.web ?? 'unknown',
    wasmThreads: threads,
    ...env,
  };
}
