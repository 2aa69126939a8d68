/**
 * GT-map and PolygonCache speed in Node, single thread, on IMAGES seeded 640x640
 * receipt-like polygon sets (~100 word quads each):
 * - cold_ms_per_image: makeGtMaps with no cache (after one untimed warm-up pass, so the
 *   JIT has compiled every path);
 * - warm_memory_ms_per_image: PolygonCache hit from memory (hashing included);
 * - entry_bytes_ratio: persisted entry bytes / raw maps (2 * H * W * 4);
 * - first_run_overhead_deferred: a first pass with the cache on (fake-indexeddb store,
 *   writes deferred to one flush after the pass) over the same pass with it off; the
 *   flush itself (encode + write) is reported per image beside it;
 * - encode / decode ms per entry: what persisting costs, and the CPU part of a disk hit.
 * Each figure is the median over RUNS passes. Then the browser half
 * (browser-half.ts: IndexedDB hit after a reload, first-run overhead, pool
 * speedup, in headless Chromium). Last line: one JSON object with both halves' figures.
 * Sizes: IMAGES and RUNS in the environment; `--quick`: 3 images, 1 run.
 */
import 'fake-indexeddb/auto';
import { idbEntryStore } from '../../src/core/cache/entry-store';
import { PolygonCache } from '../../src/core/cache/polygon-cache';
import { decodeMaps, encodeMaps } from '../../src/core/cache/map-codec';
import { makeGtMaps, gtMapParams, type GtMapParams } from '../../src/core/gt-maps/gt-maps';
import { syntheticReceipt } from '../lib/synthetic/receipt-polygons';
import { browserCollateBench, printTable } from './browser-half';
import { medianOf as median } from '../../src/core/profiler/stats';
import { quickMode } from '../lib/bench-mode';

const QUICK = quickMode();
const IMAGES = Number(process.env.IMAGES ?? (QUICK ? 3 : 60));
const RUNS = Number(process.env.RUNS ?? (QUICK ? 1 : 5));
/** docs/reference-figures.md: the Python reference (DBCollateFN), 640x640, ~100 quads (median ~40 ms). */
const REFERENCE_MS = 40;
const params: GtMapParams = gtMapParams(640, 640);
const RAW_BYTES = 2 * params.height * params.width * 4;
/** An entry in the memory level: the two float32 maps and the byte threshold mask. */
const MEMORY_ENTRY_BYTES = RAW_BYTES + params.height * params.width;

/** Median over RUNS of the mean ms per image of one pass. */
async function perImage(pass: () => Promise<void> | void): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    await pass();
    runs.push((performance.now() - t) / IMAGES);
  }
  return median(runs);
}

async function main(): Promise<void> {
  const sets = Array.from({ length: IMAGES }, (_, i) => syntheticReceipt(i + 1));
  const quads = sets.reduce((s, p) => s + p.length, 0) / IMAGES;
  for (const set of sets) makeGtMaps(params, set); // warm-up

  const cold = await perImage(() => {
    for (const set of sets) makeGtMaps(params, set);
  });

  // Off and on passes alternate, and the ratio is taken per pair: the machine is shared.
  const overheads: number[] = [];
  const flushes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    for (const set of sets) makeGtMaps(params, set);
    const off = performance.now() - t;
    const fresh = await PolygonCache.open({ store: idbEntryStore(`bench-${r}`), autoFlushMs: null, persistAll: true });
    t = performance.now();
    for (const set of sets) await fresh.gtMaps(params, set);
    overheads.push((performance.now() - t) / off);
    t = performance.now();
    await fresh.flush();
    flushes.push((performance.now() - t) / IMAGES);
  }
  const firstRunOverhead = median(overheads);
  const flush = median(flushes);

  const cache = await PolygonCache.open({ store: null, memoryBytes: (IMAGES + 1) * MEMORY_ENTRY_BYTES });
  for (const set of sets) await cache.gtMaps(params, set);
  const before = cache.stats();
  const warmMemory = await perImage(async () => {
    for (const set of sets) await cache.gtMaps(params, set);
  });
  const after = cache.stats();
  const warmHitRate = (after.memoryHits - before.memoryHits) / (IMAGES * RUNS);

  const maps = sets.map((set) => makeGtMaps(params, set));
  const entries = maps.map((m) => encodeMaps(m, params.height, params.width, params.threshMin)!);
  const encode = await perImage(() => {
    for (const m of maps) encodeMaps(m, params.height, params.width, params.threshMin);
  });
  const decode = await perImage(() => {
    for (const e of entries) decodeMaps(e, params.height, params.width);
  });
  const entryBytes = entries.reduce((s, e) => s + e.byteLength, 0) / IMAGES;

  const rows: [string, string][] = [
    ['images x quads per image', `${IMAGES} x ${quads.toFixed(1)}`],
    ['cold ms per image (no cache)', cold.toFixed(2)],
    ['reference Python ms per image', String(REFERENCE_MS)],
    ['cold / reference', (cold / REFERENCE_MS).toFixed(3)],
    ['warm memory-hit ms per image', warmMemory.toFixed(4)],
    ['cold / memory hit', (cold / warmMemory).toFixed(0)],
    ['entry bytes (mean)', entryBytes.toFixed(0)],
    ['entry bytes ratio', (entryBytes / RAW_BYTES).toFixed(4)],
    ['encode ms per entry', encode.toFixed(2)],
    ['decode ms per entry', decode.toFixed(2)],
    ['memory hit rate, passes after the first', warmHitRate.toFixed(3)],
    ['first pass, cache on (deferred writes) / off', firstRunOverhead.toFixed(3)],
    ['flush ms per image (encode + fake-indexeddb write)', flush.toFixed(2)],
  ];
  printTable(`collate bench, Node ${process.version}, median of ${RUNS} passes`, rows);
  const browser = await browserCollateBench(IMAGES, RUNS);
  console.log('');
  printTable(`collate bench, headless Chromium, median of ${RUNS} runs`, browser.rows);
  console.log(
    JSON.stringify({
      images: IMAGES,
      quads_per_image: quads,
      runs: RUNS,
      cold_ms_per_image: cold,
      warm_memory_ms_per_image: warmMemory,
      memory_hit_speedup: cold / warmMemory,
      entry_bytes: entryBytes,
      entry_bytes_ratio: entryBytes / RAW_BYTES,
      encode_ms_per_entry: encode,
      decode_ms_per_entry: decode,
      warm_memory_hit_rate: warmHitRate,
      first_run_overhead_deferred: firstRunOverhead,
      flush_ms_per_image: flush,
      reference_ms_per_image: REFERENCE_MS,
      cold_vs_reference: cold / REFERENCE_MS,
      ...browser.figures,
    }),
  );
}

await main();
