/**
 * DB post-processing speed on the reference probability maps: milliseconds per map
 * (median of RUNS), box and polygon mode, with the reference's settings. Every map and
 * mode first runs WARMUP times, so that the JIT has compiled all paths before timing.
 * Last line: one JSON object; ms_per_map / max_ms_per_map are for box mode. `--quick`: one
 * warm-up round and one run.
 */
import { medianOf as median } from '../src/core/profiler/stats';
import { dbPostprocess } from '../src/core/postprocess/db-postprocess';
import { DEFAULT_DB_PARAMS, type DbParams } from '../src/core/model/db-params';
import { NAMES, loadExpected, loadProb } from '../tests/unit/postprocess/fixtures';
import { quickMode } from './lib/bench-mode';

const QUICK = quickMode();
const WARMUP = QUICK ? 1 : 10;
const RUNS = QUICK ? 1 : 21;


function time(prob: Float32Array, h: number, w: number, params: DbParams): { ms: number; boxes: number } {
  const boxes = dbPostprocess(prob, h, w, params).boxes.length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    dbPostprocess(prob, h, w, params);
    times.push(performance.now() - t0);
  }
  return { ms: median(times), boxes };
}

const BOX: DbParams = { ...DEFAULT_DB_PARAMS, boxThresh: 0.6 };
const POLY: DbParams = { ...BOX, mode: 'poly', unclipRatio: 2.0 };
const maps = NAMES.map((name) => {
  const { height, width } = loadExpected(name);
  return { name, e: { height, width }, prob: loadProb(name) };
});

/**
 * The target case, 960x960 with about 50 boxes: receipt_tall (960x416) beside
 * the left 544 columns of doc_page (960x736). Reported apart from the fixture median.
 */
function composite960(): Float32Array {
  const out = new Float32Array(960 * 960);
  const tall = maps.find((m) => m.name === 'receipt_tall')!;
  const doc = maps.find((m) => m.name === 'doc_page')!;
  for (let y = 0; y < 960; y++) {
    out.set(tall.prob.subarray(y * 416, (y + 1) * 416), y * 960);
    out.set(doc.prob.subarray(y * 736, y * 736 + 544), y * 960 + 416);
  }
  return out;
}
const target = { name: 'composite_960x960', e: { height: 960, width: 960 }, prob: composite960() };
for (let i = 0; i < WARMUP; i++) {
  for (const { e, prob } of [...maps, target]) for (const p of [BOX, POLY]) dbPostprocess(prob, e.height, e.width, p);
}

type Row = { name: string; size: string; contours: number; boxes: number; box: number; poly: number };
function measure({ name, e, prob }: (typeof maps)[number]): Row {
  const box = time(prob, e.height, e.width, BOX);
  const poly = time(prob, e.height, e.width, POLY);
  const contours = dbPostprocess(prob, e.height, e.width, BOX).contours;
  return { name, size: `${e.height}x${e.width}`, contours, boxes: box.boxes, box: box.ms, poly: poly.ms };
}
const rows = maps.map(measure);
const big = measure(target);

console.log(`DB post-processing, median of ${RUNS} runs after ${WARMUP} warm-up rounds (thresh 0.3, box_thresh 0.6)`);
console.log('| map | size (HxW) | contours | boxes | box ms | poly ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of [...rows, big]) console.log(`| ${r.name} | ${r.size} | ${r.contours} | ${r.boxes} | ${r.box.toFixed(2)} | ${r.poly.toFixed(2)} |`);
const round = (v: number) => Math.round(v * 1000) / 1000;
console.log(
  JSON.stringify({
    ms_per_map: round(median(rows.map((r) => r.box))),
    max_ms_per_map: round(Math.max(...rows.map((r) => r.box))),
    poly_ms_per_map: round(median(rows.map((r) => r.poly))),
    poly_max_ms_per_map: round(Math.max(...rows.map((r) => r.poly))),
    ms_960x960: round(big.box),
    boxes_960x960: big.boxes,
    maps: rows.length,
    runs: RUNS,
  }),
);
