import { DetscopeError, ModelError } from '../errors';
import type { EpRequest, ModelFiles, ModelIo, RuntimeInfo, SessionOptions, TensorOut } from './session';
import type { KernelProfile } from './kernel-profile';

/** What the holder needs of a session: a DetSession, or a fake in tests. */
export interface HeldSession {
  readonly runtime: RuntimeInfo;
  readonly io: ModelIo;
  lostReason: string | null;
  readonly lost: Promise<string> | null;
  run(inputName: string, data: Float32Array, dims: number[]): Promise<Record<string, TensorOut>>;
  endKernelProfile(): Promise<KernelProfile | null>;
  release(): Promise<void>;
}

export type CreateSession<S extends HeldSession> = (model: ModelFiles, ep: EpRequest, options?: SessionOptions) => Promise<S>;

/**
 * How long a failed WebGPU run waits for the device's lost promise: the loss often surfaces
 * first as the run's own error (a `mapAsync` rejection), the promise a moment later.
 */
const LOSS_WAIT_MS = 1000;

/**
 * The inference worker's one session, and what keeps it usable: a model that fails to load
 * leaves the previous one loaded (or says that none is), and a lost WebGPU device moves the
 * session to WASM, running the image in flight again there.
 */
export class SessionHolder<S extends HeldSession> {
  private held: { session: S; model: ModelFiles; ep: EpRequest } | null = null;

  constructor(
    private readonly create: CreateSession<S>,
    private readonly lossWaitMs = LOSS_WAIT_MS,
  ) {}

  get session(): S | null {
    return this.held?.session ?? null;
  }

  async load(model: ModelFiles, ep: EpRequest): Promise<S> {
    const previous = this.held;
    // Release first: two sessions at once would double the WASM heap, which never shrinks.
    await this.release();
    try {
      this.held = { session: await this.create(model, ep), model, ep };
      return this.held.session;
    } catch (e) {
      const restored = previous ? await this.reopen(previous.model, previous.ep) : false;
      throw loadFailure(model.name, e, previous?.model.name ?? null, restored);
    }
  }

  async run(inputName: string, data: Float32Array, dims: number[]): Promise<Record<string, TensorOut>> {
    if (!this.held) throw new ModelError('No model is loaded', 'Load a model (drop an .onnx file) and try again.');
    if (this.held.session.lostReason) await this.fallBackToWasm(this.held.session.lostReason);
    const current = this.held!.session;
    try {
      return await current.run(inputName, data, dims);
    } catch (e) {
      const lost = current.lost && (await Promise.race([current.lost, new Promise<null>((r) => setTimeout(() => r(null), this.lossWaitMs))]));
      if (!lost) throw e;
      await this.fallBackToWasm(lost);
      return this.held!.session.run(inputName, data, dims);
    }
  }

  /**
   * Opens the loaded model again with onnxruntime's profiler on, on the EP it runs on now:
   * a session profiles from its creation to its `endKernelProfile()`, once.
   */
  async startKernelProfile(): Promise<void> {
    if (!this.held) throw new ModelError('No model is loaded', 'Load a model (drop an .onnx file) and try again.');
    const { model, ep, session } = this.held;
    const fallbackReason = session.runtime.fallbackReason;
    await this.release();
    this.held = { session: await this.create(model, ep, { kernelProfile: true }), model, ep };
    // A lost device's reason, which only the session before knew.
    this.held.session.runtime.fallbackReason ??= fallbackReason;
  }

  /** The profile of the session opened by `startKernelProfile`; null when it was not. */
  endKernelProfile(): Promise<KernelProfile | null> {
    return this.held?.session.endKernelProfile() ?? Promise.resolve(null);
  }

  async release(): Promise<void> {
    const held = this.held;
    this.held = null;
    await held?.session.release().catch(() => undefined);
  }

  /** A lost device cannot run again: the same model goes on with WASM, and its runtime says why. */
  private async fallBackToWasm(reason: string): Promise<void> {
    const model = this.held!.model;
    await this.release();
    this.held = { session: await this.create(model, 'wasm'), model, ep: 'wasm' };
    this.held.session.runtime.fallbackReason = `the WebGPU device was lost (${reason}) during the run`;
  }

  private async reopen(model: ModelFiles, ep: EpRequest): Promise<boolean> {
    try {
      this.held = { session: await this.create(model, ep), model, ep };
      return true;
    } catch {
      return false;
    }
  }
}

/** The runtime's own cause, the file it concerns, and which model (if any) is loaded now. */
function loadFailure(name: string, cause: unknown, previous: string | null, restored: boolean): ModelError {
  const message = cause instanceof Error ? cause.message : String(cause);
  const hint = cause instanceof DetscopeError ? cause.hint : 'Check that the file is a valid ONNX model onnxruntime-web can run; re-export it if needed (docs/export-onnx.md).';
  const now = previous === null ? '' : restored ? ` ("${previous}" is still loaded)` : ` ("${previous}" could not be reloaded either: no model is loaded)`;
  return new ModelError(`${message}${now}`, hint, { file: name });
}
