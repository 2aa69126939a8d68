import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATOR_VERSION, type ReceiptJson, type SyntheticManifest } from '../../../../../scripts/lib/synthetic/ground-truth';
import { receiptLayout } from '../../../../../scripts/lib/synthetic/receipt-layout';

const dir = join(__dirname, '../../../../../public/samples/receipts');
const gt = JSON.parse(readFileSync(join(dir, 'receipts.json'), 'utf8')) as ReceiptJson;
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as SyntheticManifest;

/** Width and height from a baseline or progressive JPEG's start-of-frame segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let i = 2;
  while (i < bytes.length) {
    const marker = bytes[i + 1];
    const length = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  throw new Error('no SOF marker');
}

describe('bundled synthetic sample', () => {
  const files = Object.keys(gt.images);

  it('has exactly the manifest polygon count, per image and in total', () => {
    expect(manifest.version).toBe(GENERATOR_VERSION);
    expect(files.length).toBe(manifest.count);
    expect(files.length).toBe(32);
    const counts = files.map((f) => Object.keys(gt.images[f].words).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(manifest.polygons);
    files.forEach((f, i) => expect(counts[i]).toBe(manifest.images[f].polygons));
  });

  it('ships every image, of the manifest size, within 3 MB in all', () => {
    let total = 0;
    for (const name of readdirSync(dir)) total += statSync(join(dir, name)).size;
    expect(total).toBeLessThan(3 * 1024 * 1024);
    for (const f of files) expect(jpegSize(readFileSync(join(dir, f)))).toEqual({ width: manifest.images[f].width, height: manifest.images[f].height });
  });

  it('has 4-point polygons inside their image, with transcriptions', () => {
    for (const f of files) {
      const { width, height } = manifest.images[f];
      for (const word of Object.values(gt.images[f].words)) {
        expect(word.points).toHaveLength(4);
        for (const [x, y] of word.points) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(width);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(height);
        }
        expect(word.transcription.length).toBeGreaterThan(0);
      }
    }
  });

  it('matches the generator: the layout of the manifest seed has these lines, in order', () => {
    files.forEach((f, i) => {
      const layout = receiptLayout(manifest.seed, i);
      expect({ width: layout.width, height: layout.height }).toEqual({ width: manifest.images[f].width, height: manifest.images[f].height });
      const texts = layout.runs.map((r) => r.text);
      let at = 0;
      for (const word of Object.values(gt.images[f].words)) {
        at = texts.indexOf(word.transcription, at) + 1;
        expect(at, `${f}: "${word.transcription}"`).toBeGreaterThan(0);
      }
    });
  });
});
