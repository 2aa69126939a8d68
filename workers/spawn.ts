import * as Comlink from 'comlink';
import './comlink-errors';
import type { InferPort, PostPort, PrepPort } from '../src/core/pipeline/ports';

/** A worker wrapped by Comlink, with the handle to stop it (which is how its memory is freed). */
export interface Spawned<T> {
  api: T;
  terminate(): void;
}

function wrap<T>(worker: Worker): Spawned<T> {
  return { api: Comlink.wrap<T>(worker) as unknown as T, terminate: () => worker.terminate() };
}

// Each `new Worker(new URL(...))` must stay literal for Vite to find and bundle the worker.
export const inferWorker = () => new Worker(new URL('./infer.worker.ts', import.meta.url), { type: 'module', name: 'infer' });
export const prepWorker = () => new Worker(new URL('./prep.worker.ts', import.meta.url), { type: 'module', name: 'prep' });
export const postWorker = () => new Worker(new URL('./post.worker.ts', import.meta.url), { type: 'module', name: 'post' });
export const collateWorker = () => new Worker(new URL('./collate.worker.ts', import.meta.url), { type: 'module', name: 'collate' });

export const spawnInfer = (): Spawned<InferPort> => wrap(inferWorker());
export const spawnPrep = (): Spawned<PrepPort> => wrap(prepWorker());
export const spawnPost = (): Spawned<PostPort> => wrap(postWorker());
