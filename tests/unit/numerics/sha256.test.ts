import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/core/numerics/sha256';

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digest of "abc" as lowercase hex', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
