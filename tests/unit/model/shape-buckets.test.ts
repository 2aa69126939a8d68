import { describe, expect, test } from 'vitest';
import { imageToMap } from '../../../src/core/model/map-scale';
import { inputGeometry, preprocess } from '../../../src/core/model/preprocess';
import { PPOCR_DET, ORIGINAL_DBNET, type ModelProfile } from '../../../src/core/model/profiles';
import { bucketSide, bucketsText, parseBuckets } from '../../../src/core/model/shape-buckets';
import { invertAffine } from '../../../src/core/numerics/mat3';
import { dbPostprocess } from '../../../src/core/postprocess/db-postprocess';
import { DEFAULT_DB_PARAMS } from '../../../src/core/model/db-params';
import { loadProb, manifest } from '../postprocess/fixtures';

const BUCKETED: ModelProfile = { ...PPOCR_DET, buckets: { multiple: 128 } };

describe('bucketSide', () => {
  test('rounds up to the multiple, or to the smallest listed side that holds it', () => {
    expect([1, 128, 129, 960].map((s) => bucketSide(s, { multiple: 128 }))).toEqual([128, 128, 256, 1024]);
    expect([100, 320, 321, 700].map((s) => bucketSide(s, { sides: [640, 320] }))).toEqual([320, 320, 640, 700]);
  });
});

describe('preprocess with shape buckets', () => {
  const w = 45;
  const h = 70;
  const rgba = new Uint8ClampedArray(w * h * 4).map((_, i) => (i * 37) % 256);

  test('pads bottom and right with normalised black; the image part and the transform are unchanged', () => {
    const plain = preprocess(rgba, w, h, PPOCR_DET);
    const padded = preprocess(rgba, w, h, BUCKETED);
    expect(plain.dims).toEqual([1, 3, 64, 32]);
    expect(padded.dims).toEqual([1, 3, 128, 128]);
    expect(padded.transform).toEqual(plain.transform);
    for (let c = 0; c < 3; c++) {
      const f = Math.fround;
      const black = f(f(0 - f(PPOCR_DET.mean[c])) / f(PPOCR_DET.std[c]));
      for (let y = 0; y < 128; y++) {
        for (let x = 0; x < 128; x++) {
          const v = padded.tensor[c * 128 * 128 + y * 128 + x];
          expect(v).toBe(y < 64 && x < 32 ? plain.tensor[c * 64 * 32 + y * 32 + x] : black);
        }
      }
    }
  });

  test('a pad value the profile names fills the padding', () => {
    const padded = preprocess(rgba, w, h, { ...PPOCR_DET, buckets: { multiple: 128, padValue: 0 } });
    expect(padded.tensor[127 * 128 + 127]).toBe(0);
  });

  test('a pad-square rule keeps its centred padding; buckets only add to the bottom and right', () => {
    expect(inputGeometry(300, 600, ORIGINAL_DBNET.resize, { sides: [768] })).toEqual({ width: 768, height: 768, resizedWidth: 320, resizedHeight: 640, left: 160, top: 0 });
  });
});

describe('boxes on a padded map', () => {
  // The reference probability maps, as the model would give them on the padded input: the
  // same values, and (as padding with black mostly gives) nothing in the padding.
  test.each(manifest.images.map((m) => [m.name, m] as const))('%s: every box lands where it does without padding', (name, m) => {
    const plainIn = inputGeometry(m.orig_w, m.orig_h, PPOCR_DET.resize);
    const padIn = inputGeometry(m.orig_w, m.orig_h, BUCKETED.resize, BUCKETED.buckets);
    expect([plainIn.width, plainIn.height]).toEqual([m.input_w, m.input_h]);
    const prob = loadProb(name);
    const padded = new Float32Array(padIn.width * padIn.height);
    for (let y = 0; y < m.input_h; y++) padded.set(prob.subarray(y * m.input_w, (y + 1) * m.input_w), y * padIn.width);
    const toInput = preprocessTransform(m.orig_w, m.orig_h, plainIn);
    const run = (map: Float32Array, g: { width: number; height: number }) => {
      const toMap = imageToMap(toInput, g, g, 'prob');
      return dbPostprocess(map, g.height, g.width, DEFAULT_DB_PARAMS, { inverse: invertAffine(toMap), width: m.orig_w, height: m.orig_h }).boxes;
    };
    const expected = run(prob, plainIn);
    expect(run(padded, padIn)).toEqual(expected);
  });

  test('a region running into the padding is clipped to the image', () => {
    const g = inputGeometry(100, 60, BUCKETED.resize, BUCKETED.buckets);
    expect([g.resizedWidth, g.resizedHeight, g.width, g.height]).toEqual([96, 64, 128, 128]);
    const map = new Float32Array(g.width * g.height);
    for (let y = 20; y < 40; y++) for (let x = 50; x < 120; x++) map[y * g.width + x] = 0.9;
    const toInput = preprocessTransform(100, 60, g);
    const boxes = dbPostprocess(map, g.height, g.width, DEFAULT_DB_PARAMS, { inverse: invertAffine(toInput), width: 100, height: 60 }).boxes;
    expect(boxes).toHaveLength(1);
    expect(Math.max(...boxes[0].points.map(([x]) => x))).toBe(100);
  });
});

/** The transform preprocess builds for this geometry: the resize ratios (padding is bottom and right). */
function preprocessTransform(w: number, h: number, g: { resizedWidth: number; resizedHeight: number }) {
  return [g.resizedWidth / w, 0, 0, 0, g.resizedHeight / h, 0, 0, 0, 1] as Parameters<typeof invertAffine>[0];
}

describe('parseBuckets', () => {
  test('one side is a multiple, a list is sides; anything else is refused', () => {
    expect(parseBuckets('128')).toEqual({ multiple: 128 });
    expect(parseBuckets(' 320, 640 ,960')).toEqual({ sides: [320, 640, 960] });
    for (const bad of ['', '0', '12.5', '320,', 'abc', '-128']) expect(parseBuckets(bad)).toBeNull();
    expect(bucketsText(parseBuckets('320,640')!)).toBe('320,640');
    expect(bucketsText(parseBuckets('128')!)).toBe('128');
  });
});
