import { describe, expect, it } from 'vitest';
import { roundHalfEven } from '../../../src/core/numerics/round-half-even';

describe('roundHalfEven', () => {
  it('rounds halves to the even neighbour, as Python round() and numpy rint', () => {
    expect([0.5, 1.5, 2.5, 3.5, -1.5, -2.5].map(roundHalfEven)).toEqual([0, 2, 2, 4, -2, -2]);
  });

  it('rounds everything else to the nearest integer', () => {
    expect([0.49, 0.51, 2.4999, -0.7, 7].map(roundHalfEven)).toEqual([0, 1, 2, -1, 7]);
  });
});
