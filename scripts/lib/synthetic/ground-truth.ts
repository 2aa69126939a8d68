import type { Polygon } from '../../../src/core/geometry/types';

/** Bumped whenever the same seed would give different images or ground truth. */
export const GENERATOR_VERSION = 1;

export interface GeneratedImage {
  file: string;
  width: number;
  height: number;
  lines: { points: Polygon; transcription: string }[];
}

/** The original project's receipt annotation format. */
export interface ReceiptJson {
  images: Record<string, { words: Record<string, { points: Polygon; transcription: string }> }>;
}

export interface SyntheticManifest {
  generator: 'detscope synthetic receipts';
  version: number;
  seed: number;
  count: number;
  polygons: number;
  images: Record<string, { width: number; height: number; polygons: number }>;
}

// Hundredths of a pixel: exact enough for any metric, and keeps the JSON short.
const round = (v: number): number => Math.round(v * 100) / 100;

export function receiptJson(images: GeneratedImage[]): ReceiptJson {
  const out: ReceiptJson = { images: {} };
  for (const image of images) {
    const words: ReceiptJson['images'][string]['words'] = {};
    image.lines.forEach((line, i) => {
      words[String(i + 1).padStart(4, '0')] = { points: line.points.map(([x, y]) => [round(x), round(y)]), transcription: line.transcription };
    });
    out.images[image.file] = { words };
  }
  return out;
}

export function syntheticManifest(seed: number, images: GeneratedImage[]): SyntheticManifest {
  return {
    generator: 'detscope synthetic receipts',
    version: GENERATOR_VERSION,
    seed,
    count: images.length,
    polygons: images.reduce((n, image) => n + image.lines.length, 0),
    images: Object.fromEntries(images.map((image) => [image.file, { width: image.width, height: image.height, polygons: image.lines.length }])),
  };
}
