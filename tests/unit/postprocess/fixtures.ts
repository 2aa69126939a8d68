import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/reference/postprocess', import.meta.url));

export interface ExpectedMethod {
  unclip_ratio: number;
  count: number;
  boxes?: number[][][];
  polygons?: number[][][];
  scores: number[];
}

export interface ExpectedSetting {
  id: string;
  params: { thresh: number; box_thresh: number; max_candidates: number; min_size: number };
  bitmap_positive_pixels: number;
  num_contours: number;
  boxes_from_bitmap: ExpectedMethod;
  polygons_from_bitmap: ExpectedMethod;
}

export interface Expected {
  name: string;
  height: number;
  width: number;
  settings: ExpectedSetting[];
}

export interface ManifestImage {
  name: string;
  orig_h: number;
  orig_w: number;
  input_h: number;
  input_w: number;
  ratio_h: number;
  ratio_w: number;
}

export const manifest = JSON.parse(readFileSync(join(FIXTURE_DIR, 'manifest.json'), 'utf8')) as { images: ManifestImage[] };
export const NAMES = manifest.images.map((m) => m.name);

export function loadProb(name: string): Float32Array {
  const raw = gunzipSync(readFileSync(join(FIXTURE_DIR, `prob_${name}.f32.gz`)));
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

export function loadExpected(name: string): Expected {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, `expected_${name}.json`), 'utf8')) as Expected;
}

/** The reference's per-contour intermediate values (see the fixture README). */
export function loadTrace(name: string): { contours: number[][][]; settings: Record<string, unknown>[] } {
  return JSON.parse(gunzipSync(readFileSync(join(FIXTURE_DIR, `trace_${name}.json.gz`))).toString('utf8'));
}
