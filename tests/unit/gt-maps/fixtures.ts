import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Polygon } from '../../../src/core/geometry/types';

export const FIXTURE_DIR = join(__dirname, '../../fixtures/reference/collate');

export interface CollateCase {
  height: number;
  width: number;
  shrink_ratio: number;
  thresh_min: number;
  thresh_max: number;
  polygons: Polygon[];
}

export function loadCase(name: string): { input: CollateCase; prob: Float32Array; thresh: Float32Array } {
  const dir = join(FIXTURE_DIR, name);
  const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as CollateCase;
  const map = (file: string) => {
    const raw = gunzipSync(readFileSync(join(dir, file)));
    return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  };
  return { input, prob: map('prob_map.f32.gz'), thresh: map('thresh_map.f32.gz') };
}

export function sha256(a: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
}

/** The sha256 column of the fixture README, so the test checks the copy it reads. */
export function readmeHashes(): Map<string, [string, string]> {
  const text = readFileSync(join(FIXTURE_DIR, 'README.md'), 'utf8');
  const out = new Map<string, [string, string]>();
  for (const m of text.matchAll(/^\| (\w+) \| `([0-9a-f]{64})` \| `([0-9a-f]{64})` \|$/gm)) out.set(m[1], [m[2], m[3]]);
  return out;
}
