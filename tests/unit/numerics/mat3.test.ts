import { describe, expect, it } from 'vitest';
import { applyAffine, composeAffine, invertAffine, scaleTranslate } from '../../../src/core/numerics/mat3';

describe('Mat3', () => {
  const resize = scaleTranslate(0.5, 0.25, 3, -2);
  const pad = scaleTranslate(1, 1, 16, 8);

  it('applies scale, then translation', () => {
    expect(applyAffine(resize, 10, 40)).toEqual([8, 8]);
  });

  it('composes `a` after `b`, and inverts back to the identity', () => {
    const both = composeAffine(pad, resize);
    expect(applyAffine(both, 10, 40)).toEqual(applyAffine(pad, ...applyAffine(resize, 10, 40)));
    expect(composeAffine(invertAffine(both), both)).toEqual(scaleTranslate(1, 1));
  });

  it('refuses to invert a singular transform', () => {
    expect(() => invertAffine(scaleTranslate(0, 1))).toThrow(RangeError);
  });
});
