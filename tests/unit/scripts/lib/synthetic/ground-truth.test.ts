import { describe, expect, it } from 'vitest';
import { receiptJson, syntheticManifest, type GeneratedImage } from '../../../../../scripts/lib/synthetic/ground-truth';

const images: GeneratedImage[] = [
  { file: 'a.jpg', width: 500, height: 900, lines: [{ points: [[1.234, 2], [10.005, 2], [10, 8.999], [1, 9]], transcription: 'TOTAL' }, { points: [[20, 20], [40, 20], [40, 30], [20, 30]], transcription: '12.50' }] },
  { file: 'b.jpg', width: 600, height: 1000, lines: [] },
];

describe('receiptJson', () => {
  it('numbers words from 0001 per image, keeps transcriptions, rounds to hundredths', () => {
    const json = receiptJson(images);
    expect(Object.keys(json.images)).toEqual(['a.jpg', 'b.jpg']);
    expect(Object.keys(json.images['a.jpg'].words)).toEqual(['0001', '0002']);
    expect(json.images['a.jpg'].words['0001']).toEqual({ points: [[1.23, 2], [10.01, 2], [10, 9], [1, 9]], transcription: 'TOTAL' });
    expect(json.images['b.jpg'].words).toEqual({});
  });
});

describe('syntheticManifest', () => {
  it('counts polygons overall and per image', () => {
    const m = syntheticManifest(9, images);
    expect(m).toMatchObject({ seed: 9, count: 2, polygons: 2 });
    expect(m.images['a.jpg']).toEqual({ width: 500, height: 900, polygons: 2 });
    expect(m.images['b.jpg'].polygons).toBe(0);
  });
});
