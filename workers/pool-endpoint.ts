import * as Comlink from 'comlink';
import './comlink-errors';
import type { PoolEndpoint } from '../src/core/pipeline/worker-pool';

/**
 * A worker as a pool endpoint. A Comlink call to a worker that crashed or was terminated
 * never settles, so pending calls are tracked and rejected here when the worker reports an
 * error, when it is terminated, or when the job is aborted.
 */
export function poolEndpoint<T, J, R>(spawn: () => Worker, call: (api: Comlink.Remote<T>, job: J) => Promise<R>): PoolEndpoint<J, R> & { api: Comlink.Remote<T> } {
  const worker = spawn();
  const api = Comlink.wrap<T>(worker);
  const pending = new Set<(e: Error) => void>();
  const failAll = (e: Error) => {
    for (const reject of [...pending]) reject(e);
    pending.clear();
  };
  worker.addEventListener('error', (e) => failAll(new Error(`worker crashed: ${e.message || 'unknown error'}`)));
  worker.addEventListener('messageerror', () => failAll(new Error('worker sent a message that could not be read')));
  return {
    api,
    call(job, signal) {
      return new Promise<R>((resolve, reject) => {
        const fail = (e: Error) => {
          pending.delete(fail);
          reject(e);
        };
        pending.add(fail);
        signal.addEventListener('abort', () => fail(new Error('aborted')), { once: true });
        call(api, job).then(
          (value) => {
            pending.delete(fail);
            resolve(value);
          },
          (e) => fail(e instanceof Error ? e : new Error(String(e))),
        );
      });
    },
    terminate() {
      worker.terminate();
      failAll(new Error('worker terminated'));
    },
  };
}
