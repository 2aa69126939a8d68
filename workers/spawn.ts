import type { Bridge, GtMapsApi, InferApi, PostApi, PrepApi } from '../src/core/pipeline/worker-apis';
import { bridge } from './bridge';

// Each `new Worker(new URL(...))` must stay literal for Vite to find and bundle the worker.
const inferWorker = () => new Worker(new URL('./infer.worker.ts', import.meta.url), { type: 'module', name: 'infer' });
const prepWorker = () => new Worker(new URL('./prep.worker.ts', import.meta.url), { type: 'module', name: 'prep' });
const postWorker = () => new Worker(new URL('./post.worker.ts', import.meta.url), { type: 'module', name: 'post' });
const gtMapsWorker = () => new Worker(new URL('./gt-maps.worker.ts', import.meta.url), { type: 'module', name: 'gt-maps' });

export const inferBridge = (): Bridge<InferApi> =>
  bridge<InferApi>(
    inferWorker,
    { load: true, run: true, gpuBytes: true, wasmBytes: true, runtime: true, startKernelProfile: true, endKernelProfile: true, loseDevice: true },
    { keepOnAbort: true },
  );
export const prepBridge = (): Bridge<PrepApi> => bridge<PrepApi>(prepWorker, { prepare: true });
export const postBridge = (): Bridge<PostApi> => bridge<PostApi>(postWorker, { postprocess: true, evaluate: true });
export const gtMapsBridge = (): Bridge<GtMapsApi> => bridge<GtMapsApi>(gtMapsWorker, { loss: true, maps: true, stats: true, clear: true });
