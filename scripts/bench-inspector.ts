/**
 * What error analysis costs after a run, on the reference probability maps (6 pages,
 * receipts and documents, 960 px) repeated to IMAGES images, their reference boxes as GT:
 *
 * - rescore_ms_500: re-scoring every image after a box_thresh change (the Run tab's
 *   slider): median over changes to values not seen before; only images whose detections
 *   changed are evaluated again, by matching alone on tables built once per run.
 *   prepare_ms_500: building those tables (the Run tab does it in slices after a run).
 *   rescore_full_ms_500: a fresh re-scorer's first change: tables built and every image
 *   evaluated. rescore_warm_ms_500: a change once the box_thresh curve has been computed
 *   (every value on its 0.01 grid is then known), and curve_ms_500 what computing that
 *   curve (91 points) cost once the tables are built.
 * - kept_bytes_per_image: what a run keeps per image (candidates, detections, both
 *   metrics' matching): V8 heap bytes, measured by holding COPIES of them (run with
 *   --expose-gc, as `npm run bench:inspector` does); its report.json bytes beside it.
 * - sweep_ms_per_image: a 5 thresh x 4 unclip_ratio grid on one image, by the function
 *   the post-processing worker runs during a run (sweepImage: contours traced once per
 *   thresh, then post-processing and both metrics per cell): what a run with the sweep on
 *   pays per image, on top of its own post-processing.
 *
 *   npm run bench:inspector [-- --quick]     (--quick: 50 images, one run each: checks it works)
 * Last line: one JSON object.
 */
import { findingsFromPostprocess, type ReportedFindings } from '../src/core/analysis/findings';
import { Rescorer, thresholdGrid } from '../src/core/analysis/rescore';
import { sweepImage } from '../src/core/analysis/sweep';
import type { GtRegion } from '../src/core/dataset/sample';
import type { Polygon } from '../src/core/geometry/types';
import { evaluateImage } from '../src/core/metrics/image-metrics';
import { dbPostprocess } from '../src/core/postprocess/db-postprocess';
import { DEFAULT_DB_PARAMS, type DbParams } from '../src/core/model/db-params';
import { medianOf as median } from '../src/core/profiler/stats';
import { NAMES, loadExpected, loadProb } from '../tests/unit/postprocess/fixtures';
import { quickMode } from './lib/bench-mode';

const quick = quickMode();
const IMAGES = quick ? 50 : 500;
const COPIES = quick ? 200 : 10_000;
const RUNS = quick ? 1 : 7;
const RUN_PARAMS: DbParams = { ...DEFAULT_DB_PARAMS, boxThresh: 0.6 };
const gc = (globalThis as { gc?: () => void }).gc;

const pages = NAMES.map((name) => {
  const e = loadExpected(name);
  const gt: GtRegion[] = (e.settings[0].boxes_from_bitmap.boxes ?? []).map((points) => ({ points: points as Polygon, dontCare: false }));
  return { name, h: e.height, w: e.width, prob: loadProb(name), gt };
});
const runs = pages.map((p) => dbPostprocess(p.prob, p.h, p.w, RUN_PARAMS));
const inputs = Array.from({ length: IMAGES }, (_, index) => {
  const k = index % pages.length;
  return { index, name: `${pages[k].name}_${index}`, gt: pages[k].gt, found: findingsFromPostprocess(runs[k]) };
});

// A box_thresh change, as the slider makes it after the run: the run's value is scored (memoized) first.
const changes = thresholdGrid(0.35, 0.85, 0.05).filter((t) => t !== RUN_PARAMS.boxThresh).slice(0, RUNS);
const rescoreMs: number[] = [];
const evaluated: number[] = [];
const fullMs: number[] = [];
for (const boxThresh of changes) {
  const r = new Rescorer(inputs, 'seed');
  r.score(RUN_PARAMS);
  const t0 = performance.now();
  evaluated.push(r.score({ boxThresh, minSize: RUN_PARAMS.minSize }).evaluated);
  rescoreMs.push(performance.now() - t0);
  const fresh = new Rescorer(inputs, 'seed');
  const t1 = performance.now();
  fresh.score({ boxThresh, minSize: RUN_PARAMS.minSize });
  fullMs.push(performance.now() - t1);
}

const prepareMs: number[] = [];
const curveMs: number[] = [];
const warmMs: number[] = [];
for (const boxThresh of changes) {
  const r = new Rescorer(inputs, 'seed');
  const tp = performance.now();
  r.prepare(Infinity);
  prepareMs.push(performance.now() - tp);
  const t0 = performance.now();
  r.curve(thresholdGrid(0.05, 0.95, 0.01), RUN_PARAMS.minSize);
  curveMs.push(performance.now() - t0);
  const t1 = performance.now();
  r.score({ boxThresh, minSize: RUN_PARAMS.minSize });
  warmMs.push(performance.now() - t1);
  if (curveMs.length >= Math.min(RUNS, 3)) break;
}

// Bytes kept: the findings of one image as the run result and report hold them.
const findings: ReportedFindings[] = runs.map((run, k) => ({ ...findingsFromPostprocess(run), matching: evaluateImage(pages[k].gt, run.boxes, 'seed').matching }));
const jsonBytes = median(findings.map((f) => JSON.stringify(f).length));
let heapBytes: number | null = null;
if (gc) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = Array.from({ length: COPIES }, (_, i) => structuredClone(findings[i % findings.length]));
  gc();
  heapBytes = (process.memoryUsage().heapUsed - before) / held.length;
}

// The 5 x 4 grid per image, as the post-processing worker sweeps it.
const GRID = { thresh: [0.2, 0.25, 0.3, 0.35, 0.4], unclipRatio: [1.3, 1.5, 1.7, 2.0] };
const sweep = (p: (typeof pages)[number]) => sweepImage(p.prob, p.h, p.w, RUN_PARAMS, GRID, p.gt, 'seed');
if (!quick) pages.forEach(sweep); // warm-up
const sweepMs = pages.map((p) => {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    sweep(p);
    times.push(performance.now() - t0);
  }
  return median(times);
});

const candidates = median(runs.map((r) => r.candidates.scores.length));
const result = {
  images: IMAGES,
  rescore_ms_500: median(rescoreMs) * (500 / IMAGES),
  rescore_images_evaluated: median(evaluated),
  rescore_full_ms_500: median(fullMs) * (500 / IMAGES),
  prepare_ms_500: median(prepareMs) * (500 / IMAGES),
  rescore_warm_ms_500: median(warmMs) * (500 / IMAGES),
  curve_ms_500: median(curveMs) * (500 / IMAGES),
  kept_bytes_per_image: heapBytes === null ? null : Math.round(heapBytes),
  kept_json_bytes_per_image: jsonBytes,
  candidates_per_image: candidates,
  sweep_ms_per_image: median(sweepMs),
};
console.log(`images ${IMAGES} (6 reference maps repeated), median ${candidates} candidates per image`);
console.log(`re-score after a box_thresh change: ${result.rescore_ms_500.toFixed(1)} ms per 500 images (${result.rescore_images_evaluated} of ${IMAGES} evaluated again); all evaluated again: ${result.rescore_full_ms_500.toFixed(1)} ms`);
console.log(`metric tables of every candidate, built once per run: ${result.prepare_ms_500.toFixed(0)} ms per 500 images`);
console.log(`after the box_thresh curve (${result.curve_ms_500.toFixed(0)} ms per 500 images to compute): ${result.rescore_warm_ms_500.toFixed(2)} ms per 500 images`);
console.log(`kept per image: ${heapBytes === null ? 'heap not measured (run with node --expose-gc)' : `${result.kept_bytes_per_image} B of heap`}, ${jsonBytes} B in report.json`);
console.log(`5x4 thresh x unclip_ratio sweep: ${result.sweep_ms_per_image.toFixed(1)} ms per image`);
console.log(JSON.stringify(result));
