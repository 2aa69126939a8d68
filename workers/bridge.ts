import * as Comlink from 'comlink';
import './comlink-errors';
import type { Bridge } from '../src/core/pipeline/worker-apis';

/** Every method of a worker's API, named once: the type checker sees that none is missing. */
export type MethodNames<Api> = { readonly [K in keyof Api]: true };

/**
 * A worker behind its bridge (see worker-apis.ts). A Comlink call to a worker that crashed or
 * was terminated never settles, so calls in flight are tracked and rejected here when the
 * worker reports an error, when it is terminated, or when their signal aborts. An aborted call
 * terminates the worker (the only way to stop it mid-call), unless `keepOnAbort`: the inference
 * worker's session would cost a model load to rebuild, so its call runs on and is ignored.
 * Arguments are copied, never transferred: a job retried on a new worker still has its data.
 */
export function bridge<Api extends object>(spawn: () => Worker, methods: MethodNames<Api>, { keepOnAbort = false } = {}): Bridge<Api> {
  const worker = spawn();
  // Comlink's Remote type has no index; the names come from `methods`, checked against Api.
  const remote = Comlink.wrap(worker) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const inFlight = new Set<(e: Error) => void>();
  let terminated = false;
  const failAll = (e: Error) => {
    for (const fail of [...inFlight]) fail(e);
  };
  const terminate = () => {
    terminated = true;
    worker.terminate();
    failAll(new Error('worker terminated'));
  };
  worker.addEventListener('error', (e) => failAll(new Error(`worker crashed: ${e.message || 'unknown error'}`)));
  worker.addEventListener('messageerror', () => failAll(new Error('worker sent a message that could not be read')));

  const method =
    (name: string) =>
    (signal: AbortSignal | undefined, ...args: unknown[]) =>
      new Promise<unknown>((resolve, reject) => {
        if (terminated) return reject(new Error('worker terminated'));
        if (signal?.aborted) return reject(new Error('aborted'));
        const settle = () => {
          inFlight.delete(fail);
          signal?.removeEventListener('abort', onAbort);
        };
        const fail = (e: Error) => {
          settle();
          reject(e);
        };
        const onAbort = () => {
          fail(new Error('aborted'));
          if (!keepOnAbort) terminate();
        };
        inFlight.add(fail);
        signal?.addEventListener('abort', onAbort, { once: true });
        remote[name](...args).then(
          (value) => {
            settle();
            resolve(value);
          },
          (e) => fail(e instanceof Error ? e : new Error(String(e))),
        );
      });

  const calls: Record<string, unknown> = { terminate };
  for (const name of Object.keys(methods)) calls[name] = method(name);
  return calls as Bridge<Api>;
}
