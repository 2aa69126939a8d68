import { describe, expect, it } from 'vitest';
import { applyAffine } from '../../../src/core/numerics/mat3';
import { inputGeometry, preprocess } from '../../../src/core/model/preprocess';
import { PPOCR_DET, ORIGINAL_DBNET, pickProfile, type ModelProfile } from '../../../src/core/model/profiles';
import { manifest } from '../postprocess/fixtures';

describe('inputGeometry', () => {
  it.each(manifest.images.map((m) => [m.name, m] as const))('gives the reference input size for %s', (_, m) => {
    const g = inputGeometry(m.orig_w, m.orig_h, PPOCR_DET.resize);
    expect([g.width, g.height]).toEqual([m.input_w, m.input_h]);
    expect(g.resizedWidth / m.orig_w).toBeCloseTo(m.ratio_w, 12);
    expect(g.resizedHeight / m.orig_h).toBeCloseTo(m.ratio_h, 12);
  });

  it('rounds halves to even (880x592 -> 896x576, not 896x608) and never below one multiple', () => {
    expect(inputGeometry(592, 880, PPOCR_DET.resize)).toMatchObject({ width: 576, height: 896 });
    expect(inputGeometry(10, 15, PPOCR_DET.resize)).toMatchObject({ width: 32, height: 32 });
  });

  it('scales the longest side to the square and centres the padding', () => {
    expect(inputGeometry(1200, 800, ORIGINAL_DBNET.resize)).toEqual({ width: 640, height: 640, resizedWidth: 640, resizedHeight: 427, left: 0, top: 106 });
    const topLeft = { kind: 'pad-square', side: 640, align: 'top-left' } as const;
    expect(inputGeometry(300, 600, topLeft)).toEqual({ width: 640, height: 640, resizedWidth: 320, resizedHeight: 640, left: 0, top: 0 });
  });
});

describe('preprocess', () => {
  // 2 x 1 image: a red pixel, then a blue one.
  const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]);
  const f = Math.fround;
  const norm = (px: number, mean: number, std: number) => f(f(f(px * f(1 / 255)) - f(mean)) / f(std));

  it('puts BGR channels first for PaddleOCR and normalises per channel in float32', () => {
    const profile: ModelProfile = { ...PPOCR_DET, resize: { kind: 'limit-multiple', maxSide: 960, multiple: 1 } };
    const { tensor, dims } = preprocess(rgba, 2, 1, profile);
    expect(dims).toEqual([1, 3, 1, 2]);
    // Channel 0 is blue: 0 at the red pixel, 255 at the blue one; mean[0]/std[0] apply to it.
    expect(Array.from(tensor)).toEqual([
      norm(0, 0.485, 0.229), norm(255, 0.485, 0.229),
      norm(0, 0.456, 0.224), norm(0, 0.456, 0.224),
      norm(255, 0.406, 0.225), norm(0, 0.406, 0.225),
    ]);
  });

  it('pads with zero pixels and maps boxes back through the inverse transform', () => {
    const profile: ModelProfile = { ...ORIGINAL_DBNET, resize: { kind: 'pad-square', side: 4, align: 'center' } };
    const { tensor, dims, transform, inverse } = preprocess(rgba, 2, 1, profile);
    expect(dims).toEqual([1, 3, 4, 4]);
    // 2x1 -> 4x2, rows 1 and 2 of 4; channel 0 (red) row 0 is padding.
    expect(tensor[0]).toBe(norm(0, 0.5602, 0.2539));
    expect(tensor[4]).toBe(norm(255, 0.5602, 0.2539));
    expect(applyAffine(transform, 2, 1)).toEqual([4, 3]);
    expect(applyAffine(inverse, 4, 3)).toEqual([2, 1]);
  });
});

describe('pickProfile', () => {
  it('recognises the PaddleOCR export by its dynamic input x', () => {
    expect(pickProfile(['x'], [[-1, 3, 'h', 'w']]).profile.id).toBe('ppocr-det');
    expect(pickProfile(['x'], [[1, 3, null, null]]).profile.id).toBe('ppocr-det');
  });

  it('takes a fixed square input as the seed DBNet padded to that side', () => {
    const { profile } = pickProfile(['images'], [[1, 3, 640, 640]]);
    expect(profile.id).toBe('seed-dbnet');
    expect(profile.inputName).toBe('images');
    expect(profile.resize).toEqual({ kind: 'pad-square', side: 640, align: 'center' });
  });

  it('follows a profile named in the metadata', () => {
    expect(pickProfile(['input'], [[1, 3, 'h', 'w']], { 'detscope.profile': 'seed-dbnet' }).profile.id).toBe('seed-dbnet');
  });

  it('falls back to a custom profile and says why', () => {
    const choice = pickProfile(['input'], [[1, 3, 480, 640]]);
    expect(choice.profile.id).toBe('custom');
    expect(choice.reason).toMatch(/no preset/);
  });
});
