import { describe, expect, it } from 'vitest';
import { runRate } from '../../../src/app/components/run/run-rate';

describe('runRate', () => {
  it('gives images/s and the time left at that rate', () => {
    expect(runRate(50, 200, 1_000, 11_000)).toEqual({ fraction: 0.25, imagesPerS: 5, etaS: 30 });
  });

  it('has no rate or ETA before the first image', () => {
    expect(runRate(0, 200, 1_000, 5_000)).toEqual({ fraction: 0, imagesPerS: null, etaS: null });
  });

  it('has no time left once done, and copes with an empty run', () => {
    expect(runRate(10, 10, 0, 2_000)).toEqual({ fraction: 1, imagesPerS: 5, etaS: 0 });
    expect(runRate(0, 0, 0, 0)).toEqual({ fraction: 0, imagesPerS: null, etaS: 0 });
  });
});
