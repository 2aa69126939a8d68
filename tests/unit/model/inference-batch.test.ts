import { expect, test } from 'vitest';
import { inferenceBatchFor } from '../../../src/core/model/inference-batch';
import type { ModelIo } from '../../../src/core/model/session';

const io = (batch: number | string | null): ModelIo => ({ inputNames: ['x'], outputNames: ['p'], inputShapes: [[batch, 3, null, null]], outputShapes: [[batch, 1, null, null]] });

test('a dynamic batch takes the inference batch asked for', () => {
  expect(inferenceBatchFor(io('N'), 'x', 4)).toEqual({ requested: 4, used: 4, note: null });
  expect(inferenceBatchFor(io(null), 'x', 2)).toEqual({ requested: 2, used: 2, note: null });
  expect(inferenceBatchFor(io('N'), 'x', undefined)).toEqual({ requested: 1, used: 1, note: null });
});

test('a fixed batch of 1 falls back to one image per call, and says why', () => {
  const b = inferenceBatchFor(io(1), 'x', 8);
  expect(b).toMatchObject({ requested: 8, used: 1 });
  expect(b.note).toBe('inference batch 8 needs a dynamic batch dimension, but input "x" has a fixed batch of 1: each image runs in a call of its own (export the model with a dynamic batch to stack images)');
  // Asking for 1 is no fallback: nothing to say.
  expect(inferenceBatchFor(io(1), 'x', 1).note).toBeNull();
});
