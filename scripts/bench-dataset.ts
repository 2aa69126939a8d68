/**
 * Indexes a generated 10,000-image receipt dataset (real small PNGs and header-only JPEGs,
 * one receipt JSON with ~10 words per image) from a folder and from a zip, and prints the
 * time and peak JS heap of `loadDataset`: a table, then one JSON line.
 * Usage: npx tsx scripts/bench-dataset.ts [--count 10000] [--runs 5] [--quick (50 images, 1 run)]
 */
import { medianOf as median } from '../src/core/profiler/stats';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { zipSync } from 'fflate';
import { bytesEntry, type DatasetEntry } from '../src/core/dataset/entry';
import { loadDataset } from '../src/core/dataset/load-dataset';
import { mulberry32 } from '../src/core/numerics/prng';
import { jpeg, png } from '../tests/fixtures/dataset/synthetic-images';
import { quickMode } from './lib/bench-mode';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const quick = quickMode();
const count = arg('count', quick ? 50 : 10_000);
const runs = arg('runs', quick ? 1 : 5);

function generate(dir: string): Record<string, Uint8Array> {
  const rand = mulberry32(7);
  const files: Record<string, Uint8Array> = {};
  const images: Record<string, { words: Record<string, { points: number[][] }> }> = {};
  const pngBytes = png(640, 480);
  for (let i = 0; i < count; i++) {
    const name = `receipt_${String(i).padStart(5, '0')}.${i % 2 ? 'jpg' : 'png'}`;
    files[`images/${name}`] = i % 2 ? jpeg(1280, 960, 1 + (i % 8)) : pngBytes;
    const words: Record<string, { points: number[][] }> = {};
    const n = 8 + Math.floor(rand() * 5);
    for (let w = 0; w < n; w++) {
      const x = Math.round(rand() * 400), y = Math.round(rand() * 400), width = 30 + Math.round(rand() * 150);
      words[String(w + 1).padStart(4, '0')] = { points: [[x, y], [x + width, y], [x + width, y + 20], [x, y + 20]] };
    }
    images[name] = { words };
  }
  files['jsons/train.json'] = new TextEncoder().encode(JSON.stringify({ images }));
  mkdirSync(join(dir, 'images'), { recursive: true });
  mkdirSync(join(dir, 'jsons'), { recursive: true });
  for (const [path, bytes] of Object.entries(files)) writeFileSync(join(dir, path), bytes);
  return files;
}

/** What the UI hands over after walking a dropped folder, here from the file system. */
async function folderEntries(root: string): Promise<DatasetEntry[]> {
  const dirents = await readdir(root, { recursive: true, withFileTypes: true });
  const files = dirents.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
  return Promise.all(
    files.map(async (file) => ({
      path: relative(root, file),
      size: (await stat(file)).size,
      read: async () => new Uint8Array(await readFile(file)),
      slice: async (start: number, end: number) => {
        const handle = await open(file);
        try {
          const buffer = new Uint8Array(Math.max(0, end - start));
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
          return buffer.subarray(0, bytesRead);
        } finally {
          await handle.close();
        }
      },
    })),
  );
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Wall time, heap after a full GC before the task, and the highest heapUsed seen during it (sampled every 2 ms). */
async function measure(task: () => Promise<unknown>): Promise<{ ms: number; baseMb: number; peakMb: number; result: unknown }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
  const start = performance.now();
  const result = await task();
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { ms, baseMb: base / 2 ** 20, peakMb: peak / 2 ** 20, result };
}



const dir = mkdtempSync(join(tmpdir(), 'detscope-bench-dataset-'));
try {
  const zip = zipSync(generate(dir), { level: 1 });
  const rows: { source: string; walk: number[]; index: number[]; heap: number[]; base: number[]; images: number; polygons: number; issues: number }[] = [];
  for (const source of ['folder', 'zip']) {
    const row = { source, walk: [] as number[], index: [] as number[], heap: [] as number[], base: [] as number[], images: 0, polygons: 0, issues: 0 };
    for (let run = 0; run < runs; run++) {
      const walkStart = performance.now();
      const entries = source === 'folder' ? await folderEntries(dir) : [bytesEntry('dataset.zip', zip)];
      row.walk.push(performance.now() - walkStart);
      const { ms, baseMb, peakMb, result } = await measure(() => loadDataset(entries));
      const dataset = result as Awaited<ReturnType<typeof loadDataset>>;
      row.index.push(ms);
      row.heap.push(peakMb);
      row.base.push(baseMb);
      row.images = dataset.summary.images;
      row.polygons = dataset.summary.polygons;
      row.issues = dataset.issues.length;
    }
    rows.push(row);
  }
  console.log(`dataset: ${count} images, ${runs} runs each, medians (zip: ${(zip.length / 2 ** 20).toFixed(1)} MB in memory)`);
  console.log('source  | walk ms | index ms | heap before MB | peak heap MB | images | polygons | issues');
  for (const r of rows) {
    console.log(`${r.source.padEnd(7)} | ${median(r.walk).toFixed(0).padStart(7)} | ${median(r.index).toFixed(0).padStart(8)} | ${median(r.base).toFixed(1).padStart(14)} | ${median(r.heap).toFixed(1).padStart(12)} | ${r.images} | ${r.polygons} | ${r.issues}`);
  }
  const folder = rows[0];
  const zipRow = rows[1];
  console.log(JSON.stringify({ images: folder.images, index_ms: Math.round(median(folder.index)), peak_heap_mb: Number(median(folder.heap).toFixed(1)), heap_before_mb: Number(median(folder.base).toFixed(1)), zip_index_ms: Math.round(median(zipRow.index)), zip_peak_heap_mb: Number(median(zipRow.heap).toFixed(1)) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
