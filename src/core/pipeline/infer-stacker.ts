import { ModelError } from '../errors';
import type { TensorOut } from '../model/session';
import { now } from '../profiler/span';

/** One image's share of a model call: its outputs, and the call it rode in. */
export interface StackedRun {
  outputs: Record<string, TensorOut>;
  start: number;
  end: number;
  /** The call's input dims: [images in the call, C, H, W]. */
  callDims: number[];
}

interface Waiting {
  data: Float32Array;
  dims: number[];
  key: string;
  resolve(run: StackedRun): void;
  reject(error: unknown): void;
  signal: AbortSignal;
  onAbort(): void;
}

export type RunCall = (data: Float32Array, dims: number[]) => Promise<Record<string, TensorOut>>;

/**
 * Inference one call at a time, with up to `size` images of the same input shape stacked into
 * one call (the model's batch dimension). A call goes out when `size` images of one shape wait,
 * when `size` images of any shapes wait (the oldest shape goes), or when no image is on its way
 * (`expect` counts those still being prepared), so the model never waits for more than `size`
 * images to be ready. With `size` 1 every image runs alone, in arrival order.
 */
export class InferStacker {
  private readonly waiting: Waiting[] = [];
  private upstream = 0;
  private running = 0;

  constructor(
    private readonly call: RunCall,
    private readonly size: number,
  ) {}

  /** Calls running and images queued, for the live view. */
  load(): { running: number; queued: number } {
    return { running: this.running, queued: this.waiting.length };
  }

  /** An image has started on its way here (decode, preprocess); `arrived` or `dropped` follows. */
  expect(): void {
    this.upstream++;
  }

  /** An image that was expected will not come (it failed before inference). */
  dropped(): void {
    this.upstream--;
    this.pump();
  }

  /** Runs one image ([1, C, H, W]), stacked with others of its shape where it can. */
  run(data: Float32Array, dims: number[], signal: AbortSignal): Promise<StackedRun> {
    this.upstream--;
    return new Promise<StackedRun>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        this.pump();
        return;
      }
      const item: Waiting = {
        data,
        dims,
        key: dims.slice(1).join('x'),
        resolve,
        reject,
        signal,
        // An image cancelled while it waits never goes to the model.
        onAbort: () => {
          const at = this.waiting.indexOf(item);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(signal.reason);
          this.pump();
        },
      };
      signal.addEventListener('abort', item.onAbort, { once: true });
      this.waiting.push(item);
      this.pump();
    });
  }

  private pump(): void {
    if (this.running > 0 || this.waiting.length === 0) return;
    const group = this.nextGroup();
    if (!group) return;
    for (const item of group) {
      this.waiting.splice(this.waiting.indexOf(item), 1);
      item.signal.removeEventListener('abort', item.onAbort);
    }
    this.running++;
    void this.dispatch(group).finally(() => {
      this.running--;
      this.pump();
    });
  }

  /** The images of the next call, or null to wait for more. */
  private nextGroup(): Waiting[] | null {
    const byKey = new Map<string, Waiting[]>();
    for (const w of this.waiting) byKey.set(w.key, [...(byKey.get(w.key) ?? []), w]);
    const full = [...byKey.values()].find((g) => g.length >= this.size);
    if (full) return full.slice(0, this.size);
    if (this.upstream > 0 && this.waiting.length < this.size) return null;
    return byKey.get(this.waiting[0].key)!.slice(0, this.size);
  }

  private async dispatch(group: Waiting[]): Promise<void> {
    const [, c, h, w] = group[0].dims;
    const callDims = [group.length, c, h, w];
    let data = group[0].data;
    if (group.length > 1) {
      data = new Float32Array(group.length * c * h * w);
      group.forEach((item, k) => data.set(item.data, k * c * h * w));
    }
    const start = now();
    try {
      const outputs = await this.call(data, callDims);
      const end = now();
      const parts = splitOutputs(outputs, group.length);
      group.forEach((item, k) => item.resolve({ outputs: parts[k], start, end, callDims }));
    } catch (e) {
      for (const item of group) item.reject(e);
    }
  }
}

/** Each image's slice of a stacked call's outputs, [1, ...] each; the batch is the first axis. */
export function splitOutputs(outputs: Record<string, TensorOut>, n: number): Record<string, TensorOut>[] {
  if (n === 1) return [outputs];
  const parts: Record<string, TensorOut>[] = Array.from({ length: n }, () => ({}));
  for (const [name, out] of Object.entries(outputs)) {
    if (out.dims[0] !== n) {
      throw new ModelError(
        `Output "${name}" of a call of ${n} stacked images has shape [${out.dims.join(',')}]: its first axis is not the batch`,
        'Set the inference batch to 1 in the model profile (one image per call).',
      );
    }
    const per = out.data.length / n;
    // Copies, not views: each image's maps travel to workers on their own.
    for (let k = 0; k < n; k++) parts[k][name] = { data: out.data.slice(k * per, (k + 1) * per), dims: [1, ...out.dims.slice(1)] };
  }
  return parts;
}
