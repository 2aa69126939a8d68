import type { ModelIo } from './session';

/** How many images share one model call in a run, and why fewer than asked for when so. */
export interface InferenceBatch {
  /** The profile's `inferenceBatch` (1 when absent). */
  requested: number;
  /** What the run uses: the request, or 1 when the model's batch dimension is fixed. */
  used: number;
  /** Why `used` is below `requested`; null when it is not. */
  note: string | null;
}

/**
 * Stacking N images into one call needs a dynamic batch dimension: a model exported with a
 * fixed batch of 1 takes one image per call whatever the profile asks, and the run says so.
 */
export function inferenceBatchFor(io: ModelIo, inputName: string, requested: number | undefined): InferenceBatch {
  const want = Math.max(1, Math.floor(requested ?? 1));
  const batchDim = io.inputShapes[io.inputNames.indexOf(inputName)]?.[0];
  if (want === 1 || typeof batchDim !== 'number') return { requested: want, used: want, note: null };
  return {
    requested: want,
    used: 1,
    note: `inference batch ${want} needs a dynamic batch dimension, but input "${inputName}" has a fixed batch of ${batchDim}: each image runs in a call of its own (export the model with a dynamic batch to stack images)`,
  };
}
