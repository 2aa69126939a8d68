/**
 * `npm run bench:pipeline [-- --data DIR] [--ui-runs N]`: the whole run in headless Chromium
 * on the WASM EP, bundled sample by default, through the UI's code path (scripts/lib/drive-app).
 * Run 1 starts with an empty polygon cache; run 2 follows a page reload in the same profile,
 * so the cache is warm from IndexedDB while the model and workers start afresh.
 * - wall_s, images_per_s: run 1, from its report;
 * - inference_s: the sum of run 1's infer spans; overlap_ratio = wall_s / inference_s (1.0:
 *   every other stage hid behind inference);
 * - collate_ms_per_image_first / _second: collate span time per image, cold and warm cache;
 * - cache_hit_rate_second_run: hits / lookups of run 2.
 * With --ui-runs N (N > 0), N runs more each with the Run tab's live profiler shown and hidden,
 * alternated, warm: median wall times and the difference the live UI makes.
 * `--quick`: the first 2 images only.
 * Last line: one JSON object.
 */
import { medianOf as median } from '../src/core/profiler/stats';
import { STAGES } from '../src/core/pipeline/run-types';
import { duration, type Span } from '../src/core/profiler/span';
import type { Report } from '../src/core/report/schema';
import { parseStrict, requirePath } from './lib/cli-args';
import { configure, loadDataFiles, openApp, runOnce, type AppSession, type RunOptions } from './lib/drive-app';
import { quickMode } from './lib/bench-mode';
import { failInput } from './cli';

const [, INFER, , , COLLATE] = STAGES;

interface RunFigures {
  wall_s: number;
  inference_s: number;
  images: number;
  /** Images that failed: their time is not comparable (e.g. dist/ rebuilt under the run). */
  failed: number;
  images_per_s: number;
  collate_ms_per_image: number | null;
  cache_hit_rate: number | null;
}

const spanTotalMs = (spans: readonly Span[], stage: string) => spans.filter((s) => s.stage === stage).reduce((t, s) => t + duration(s), 0);

function figures({ report, spans }: { report: Report; spans: Span[] }): RunFigures {
  const images = report.run.imagesDone;
  const collateMs = spanTotalMs(spans, COLLATE);
  return {
    wall_s: report.timing.wall_s,
    inference_s: spanTotalMs(spans, INFER) / 1000,
    images,
    failed: report.images.filter((i) => i.failed).length,
    images_per_s: report.timing.images_per_s,
    collate_ms_per_image: report.cache && images > 0 ? collateMs / images : null,
    cache_hit_rate: report.cache?.hitRate ?? null,
  };
}


const fixed = (x: number | null, digits = 3) => (x === null ? 'n/a' : x.toFixed(digits));

const QUICK_IMAGES = 2;

async function run(app: AppSession, data: string | null, limit: number, opts: RunOptions = {}): Promise<RunFigures> {
  if (data) await loadDataFiles(app.page, data, null);
  await configure(app.page, { settings: { limit } });
  const f = figures(await runOnce(app.page, opts));
  if (f.failed > 0) console.error(`warning: ${f.failed} of ${f.images} images failed in a run; its figures are not comparable`);
  return f;
}

async function main(): Promise<void> {
  const { values } = parseStrict(process.argv.slice(2), { data: { type: 'string' }, 'ui-runs': { type: 'string', default: '0' }, quick: { type: 'boolean', default: false } });
  const data = (values.data as string | undefined) ?? null;
  if (data) requirePath(data, '--data', 'any');
  // 0: every image (the settings' "no limit").
  const limit = quickMode() ? QUICK_IMAGES : 0;
  const uiRuns = Number(values['ui-runs']);
  const app = await openApp({ ep: 'wasm', bundledDataset: data === null });
  try {
    const first = await run(app, data, limit);
    await app.reload();
    const second = await run(app, data, limit);
    const ui = { shown: [] as number[], hidden: [] as number[] };
    for (let k = 0; k < uiRuns; k++) {
      for (const hidden of k % 2 ? [true, false] : [false, true]) ui[hidden ? 'hidden' : 'shown'].push((await run(app, data, limit, { profilerHidden: hidden })).wall_s);
    }

    console.log(`bench:pipeline: ${first.images} images, WASM EP, ${data ?? 'bundled sample'}\n`);
    console.log('run                 wall s  infer s  images/s  collate ms/img  cache hit rate');
    for (const [name, f] of [['1 (cold cache)', first], ['2 (warm, reload)', second]] as const) {
      console.log(`${name.padEnd(18)} ${fixed(f.wall_s, 2).padStart(7)}  ${fixed(f.inference_s, 2).padStart(7)}  ${fixed(f.images_per_s, 2).padStart(8)}  ${fixed(f.collate_ms_per_image, 1).padStart(14)}  ${fixed(f.cache_hit_rate).padStart(14)}`);
    }
    const uiFigures = uiRuns > 0 ? { wall_s_profiler_shown: median(ui.shown), wall_s_profiler_hidden: median(ui.hidden), profiler_ui_cost_pct: (median(ui.shown) / median(ui.hidden) - 1) * 100 } : {};
    if (uiRuns > 0) console.log(`\nlive profiler shown vs hidden (median of ${uiRuns} each): ${fixed(uiFigures.wall_s_profiler_shown!, 2)} s vs ${fixed(uiFigures.wall_s_profiler_hidden!, 2)} s (${fixed(uiFigures.profiler_ui_cost_pct!, 1)} %)`);
    console.log(
      JSON.stringify({
        wall_s: first.wall_s,
        inference_s: first.inference_s,
        overlap_ratio: first.wall_s / first.inference_s,
        images_per_s: first.images_per_s,
        collate_ms_per_image_first: first.collate_ms_per_image,
        collate_ms_per_image_second: second.collate_ms_per_image,
        cache_hit_rate_second_run: second.cache_hit_rate,
        wall_s_second: second.wall_s,
        images: first.images,
        failed_images: first.failed + second.failed,
        ...uiFigures,
      }),
    );
  } finally {
    await app.close();
  }
}

await main().catch(failInput);
