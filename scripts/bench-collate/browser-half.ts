/**
 * The browser half of the collate bench, in headless Chromium on a Vite dev server
 * (the repo's config, so the app's COOP/COEP headers apply) serving scripts/bench-collate/collate.html:
 * - browser_cold_ms_per_image: GT maps with the cache off, in a worker;
 * - first_run_overhead: a first pass with the cache on (cleared first; cost-aware
 *   admission, entries written by one flush after the pass, as the app's collate worker
 *   does) over the same pass with it off, same worker, order alternating, median ratio;
 *   the flush is reported beside it, per image;
 * - warm_idb_ms_per_image: every entry persisted, then after each page reload (a new
 *   worker, empty memory level) a pass that loads them all from IndexedDB, decode included;
 * - pool_speedup: throughput of a WorkerPool of 2 workers over 1 (cache off).
 * Run alone (`npx tsx scripts/bench-collate/browser-half.ts`) it prints a table and, last,
 * one JSON object; main.ts (`npm run bench:collate`) runs it after the Node half.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { createServer } from 'vite';
import type { CollateBench } from './collate-bench';
import { medianOf } from '../../src/core/profiler/stats';
import { CURVED_SEEDS } from '../lib/synthetic/receipt-polygons';
import { launchChromium } from '../lib/chromium';

const PORT = 5197;
const root = fileURLToPath(new URL('../../', import.meta.url));
/** Disk hits loaded untimed in each fresh worker first, so its decode path is compiled. */
const WARM_UP_SEEDS = Array.from({ length: 8 }, (_, i) => 100_001 + i);

export type Row = [string, string];

export function printTable(title: string, rows: Row[]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`${title}\n`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

export interface BrowserCollateFigures {
  browser_cold_ms_per_image: number;
  first_run_overhead: number;
  first_run_overhead_median_image: number;
  first_run_flush_ms_per_image: number;
  first_run_entries_persisted: number;
  first_run_not_worth_persisting: number;
  warm_idb_ms_per_image: number;
  /** The first 10 hits of a fresh worker (after 8 untimed), JIT warm-up included. */
  warm_idb_first_10_ms_per_image: number;
  /** The median hit: the mean above also carries garbage collections and slow reads. */
  warm_idb_median_hit_ms: number;
  idb_hit_speedup: number;
  warm_idb_hit_rate: number;
  idb_read_ms_per_image: number;
  decode_ms_per_image: number;
  /** The same receipts with 14-point polygons. */
  curved_cold_ms_per_image: number;
  curved_warm_idb_ms_per_image: number;
  curved_idb_hit_speedup: number;
  pool_speedup: number;
  pool_1_images_per_s: number;
  pool_2_images_per_s: number;
}

/** Loads the bench page (a reload without `url`): a new page context, so new workers. */
async function loadBenchPage(page: Page, url?: string): Promise<void> {
  await (url ? page.goto(url) : page.reload());
  // The dev server transforms modules on first request: give the first load time.
  await page.waitForFunction(() => 'collateBench' in window, undefined, { timeout: 120_000 });
}

const bench = (page: Page) =>
  <K extends keyof CollateBench>(name: K, ...args: Parameters<CollateBench[K]>): Promise<Awaited<ReturnType<CollateBench[K]>>> =>
    page.evaluate(([n, a]) => (window.collateBench[n] as (...x: unknown[]) => unknown)(...a), [name, args] as const) as never;

/** Runs the browser measurements over seeds 1..images, `runs` repetitions each. */
export async function browserCollateBench(images: number, runs: number): Promise<{ rows: Row[]; figures: BrowserCollateFigures }> {
  const seeds = Array.from({ length: images }, (_, i) => i + 1);
  const server = await createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    // Its own dependency cache, and every dependency optimized up front: a dependency found
    // later makes Vite reload the page in the middle of a measurement.
    cacheDir: join(tmpdir(), 'detscope-vite-collate-bench'),
    optimizeDeps: { include: ['comlink', 'idb-keyval', 'clipper-lib'] },
    logLevel: 'warn',
    server: { port: PORT, strictPort: true },
  });
  const browser = await launchChromium();
  try {
    await server.listen();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await loadBenchPage(page, `http://localhost:${PORT}/scripts/bench-collate/collate.html`);
    const call = bench(page);

    const first = await call('firstRun', seeds, runs);
    const cold = medianOf(first.map((r) => r.off.ms / images));
    const overhead = medianOf(first.map((r) => r.on.ms / r.off.ms));
    // The same image's time with the cache on over off, median over images and runs: a
    // burst of load on this shared machine moves a whole pass, not most images.
    const overheadPerImage = medianOf(first.flatMap((r) => r.on.perImage.map((ms, i) => ms / r.off.perImage[i])));
    const flush = medianOf(first.map((r) => r.flushMs / images));
    const persistedFirst = medianOf(first.map((r) => r.stats.entries));
    const notWorth = medianOf(first.map((r) => r.stats.notWorthPersisting));

    const persisted = await call('persistEvery', [...WARM_UP_SEEDS, ...seeds]);
    if (persisted.stats.entries !== WARM_UP_SEEDS.length + images) throw new Error(`persisted ${persisted.stats.entries} entries, expected ${WARM_UP_SEEDS.length + images}`);
    const disk: number[] = [];
    const diskFirst: number[] = [];
    const diskMedian: number[] = [];
    let diskHits = 0;
    for (let r = 0; r < runs; r++) {
      await loadBenchPage(page);
      const pass = await call('diskPass', WARM_UP_SEEDS, seeds);
      disk.push(pass.ms / images);
      diskFirst.push(pass.perImage.slice(0, 10).reduce((a, b) => a + b, 0) / Math.min(10, images));
      diskMedian.push(medianOf(pass.perImage));
      diskHits += pass.sources.disk ?? 0;
    }
    const warmIdb = medianOf(disk);
    await loadBenchPage(page);
    const parts = await call('loadParts', WARM_UP_SEEDS, seeds);

    // The same receipts with 14-point polygons: where the disk level should pay.
    const curved = seeds.map((s) => s + CURVED_SEEDS);
    const curvedRuns = Math.min(2, runs);
    const curvedCold = medianOf((await call('firstRun', curved, curvedRuns)).map((r) => r.off.ms / images));
    await call('persistEvery', [...WARM_UP_SEEDS.map((s) => s + CURVED_SEEDS), ...curved]);
    const curvedDisk: number[] = [];
    for (let r = 0; r < curvedRuns; r++) {
      await loadBenchPage(page);
      curvedDisk.push((await call('diskPass', WARM_UP_SEEDS.map((s) => s + CURVED_SEEDS), curved)).ms / images);
    }
    const curvedWarm = medianOf(curvedDisk);

    const speedups: number[] = [];
    const wall: Record<number, number[]> = { 1: [], 2: [] };
    for (let r = 0; r < runs; r++) {
      for (const size of r % 2 === 0 ? [1, 2] : [2, 1]) wall[size].push(await call('poolPass', size, seeds));
      speedups.push(wall[1][r] / wall[2][r]);
    }
    const perSecond = (size: number) => images / (medianOf(wall[size]) / 1000);

    const figures: BrowserCollateFigures = {
      browser_cold_ms_per_image: cold,
      first_run_overhead: overhead,
      first_run_overhead_median_image: overheadPerImage,
      first_run_flush_ms_per_image: flush,
      first_run_entries_persisted: persistedFirst,
      first_run_not_worth_persisting: notWorth,
      warm_idb_ms_per_image: warmIdb,
      warm_idb_first_10_ms_per_image: medianOf(diskFirst),
      warm_idb_median_hit_ms: medianOf(diskMedian),
      idb_hit_speedup: cold / warmIdb,
      warm_idb_hit_rate: diskHits / (images * runs),
      idb_read_ms_per_image: parts.readMs / images,
      decode_ms_per_image: parts.decodeMs / images,
      curved_cold_ms_per_image: curvedCold,
      curved_warm_idb_ms_per_image: curvedWarm,
      curved_idb_hit_speedup: curvedCold / curvedWarm,
      pool_speedup: medianOf(speedups),
      pool_1_images_per_s: perSecond(1),
      pool_2_images_per_s: perSecond(2),
    };
    const rows: Row[] = [
      ['cold ms per image (cache off, worker)', cold.toFixed(2)],
      ['first pass, cache on / off', overhead.toFixed(3)],
      ['  same image on / off, median', overheadPerImage.toFixed(3)],
      ['first-pass flush ms per image (not in the pass)', flush.toFixed(2)],
      ['entries persisted by a first pass (cost-aware)', `${persistedFirst} of ${images}`],
      ['not worth persisting (load est. >= compute)', String(notWorth)],
      ['IndexedDB-hit ms per image after a reload', warmIdb.toFixed(2)],
      ['cold / IndexedDB hit', (cold / warmIdb).toFixed(2)],
      ['  first 10 hits of a fresh worker, ms each', figures.warm_idb_first_10_ms_per_image.toFixed(2)],
      ['  median hit, ms', figures.warm_idb_median_hit_ms.toFixed(2)],
      ['disk hit rate after reloads', figures.warm_idb_hit_rate.toFixed(3)],
      ['of a hit, IndexedDB get ms per entry', figures.idb_read_ms_per_image.toFixed(2)],
      ['of a hit, decode ms per entry', figures.decode_ms_per_image.toFixed(2)],
      ['14-point polygons: cold ms per image', curvedCold.toFixed(2)],
      ['14-point polygons: IndexedDB-hit ms per image', curvedWarm.toFixed(2)],
      ['14-point polygons: cold / IndexedDB hit', (curvedCold / curvedWarm).toFixed(2)],
      ['pool images/s, 1 worker', figures.pool_1_images_per_s.toFixed(1)],
      ['pool images/s, 2 workers', figures.pool_2_images_per_s.toFixed(1)],
      ['pool speedup, 2 workers / 1', figures.pool_speedup.toFixed(3)],
    ];
    return { rows, figures };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const images = Number(process.env.IMAGES ?? 60);
  const runs = Number(process.env.RUNS ?? 5);
  const { rows, figures } = await browserCollateBench(images, runs);
  printTable(`collate bench, headless Chromium, ${images} images, median of ${runs} runs`, rows);
  console.log(JSON.stringify({ images, runs, ...figures }));
}
