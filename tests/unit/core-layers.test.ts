import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders of src/core from the bottom up, as src/core/README.md explains: a module
 * may import from its own level and the levels below, never from one above. Folders on
 * one line sit beside each other. Files at the top of src/core (errors.ts) are level 0.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['.', 'numerics', 'geometry'],
  ['dataset'],
  ['model'],
  ['postprocess'],
  ['metrics', 'gt-maps', 'cache', 'profiler'],
  ['analysis'],
  ['report'],
  ['pipeline'],
];

const CORE = join(__dirname, '../../src/core');
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g;

function level(folder: string): number {
  return LAYERS.findIndex((l) => l.includes(folder));
}

/** `metrics/loss.ts` -> `metrics`; `errors.ts` -> `.`. */
function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : '.';
}

/** Every import of `sources` (paths relative to src/core) that breaks the layering, as `file -> target: why`. */
export function layerViolations(sources: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of sources) {
    const from = folderOf(file);
    if (level(from) < 0) {
      found.push(`${file}: folder ${from}/ has no place in LAYERS`);
      continue;
    }
    for (const [, spec] of text.matchAll(IMPORT)) {
      if (!spec.startsWith('.')) continue; // a package
      const target = normalize(join(dirname(file), spec));
      if (target.startsWith('..')) {
        found.push(`${file} -> ${spec}: src/core imports nothing outside itself (app/, workers/)`);
        continue;
      }
      const to = folderOf(target);
      if (level(to) > level(from)) found.push(`${file} -> ${target}: ${from} (level ${level(from)}) imports ${to} (level ${level(to)}), above it`);
    }
  }
  return found;
}

function coreSources(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) out.set(relative(CORE, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(CORE);
  return out;
}

describe('layers of src/core', () => {
  it('finds an upward import, an import out of core and an unplaced folder', () => {
    const fake = new Map([
      ['metrics/image-metrics.ts', "import type { ImageResult } from '../report/schema';\nimport { polygonArea } from '../geometry/polygon-area';"],
      ['model/preprocess.ts', "import { x } from '../../app/x';\nimport * as ort from 'onnxruntime-web';"],
      ['cache/cache-key.ts', "import { makeGtMaps } from '../gt-maps/gt-maps';"],
      ['widgets/a.ts', "export const a = await import('../pipeline/run');"],
    ]);
    const v = layerViolations(fake);
    expect(v).toHaveLength(3);
    expect(v[0]).toMatch(/^metrics\/image-metrics.ts -> report\/schema: metrics \(level 4\) imports report \(level 6\)/);
    expect(v[1]).toMatch(/^model\/preprocess.ts -> ..\/..\/app\/x: src\/core imports nothing outside itself/);
    expect(v[2]).toMatch(/^widgets\/a.ts: folder widgets\/ has no place/);
  });

  it('has no module importing from a folder above it', () => {
    const sources = coreSources();
    expect(sources.size).toBeGreaterThan(100);
    expect(layerViolations(sources)).toEqual([]);
  });
});
