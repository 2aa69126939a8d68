/**
 * Metric speed on 500 seeded, generated images of ~5 GT words and ~5 detections each
 * (ICDAR 2015 test-set density), with splits, merges, partial hits, misses, false positives
 * and don't-care regions; a third of the images rotated. Each metric runs once to warm up,
 * then is timed over all images. Prints a table, then one JSON line.
 *
 *   npx tsx scripts/bench-metrics.ts [--images 500] [--seed 7] [--quick (20 images)]
 */
import type { Point, Polygon } from '../src/core/geometry/types';
import { Rng } from '../src/core/numerics/prng';
import { accumulateCleval } from '../src/core/metrics/cleval/accumulate';
import { clevalImage } from '../src/core/metrics/cleval/cleval-image';
import { accumulateClevalOriginal } from '../src/core/metrics/cleval/original/accumulate';
import { clevalOriginalImage } from '../src/core/metrics/cleval/original/cleval-original-image';
import type { ClevalDetBox, ClevalGtBox } from '../src/core/metrics/cleval/types';
import { evaluateIou } from '../src/core/metrics/iou/evaluate-iou';
import { isSimplePolygon } from '../src/core/geometry/simple-polygon';
import { medianOf } from '../src/core/profiler/stats';
import { quickMode } from './lib/bench-mode';

interface BenchImage {
  gt: ClevalGtBox[];
  det: ClevalDetBox[];
}

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

function generateImage(rng: Rng): BenchImage {
  const gt: ClevalGtBox[] = [];
  const det: Polygon[] = [];
  const words = rng.int(3, 7);
  for (let w = 0; w < words; w++) {
    const x = rng.int(20, 900), y = 40 + w * 90 + rng.int(0, 30);
    const h = rng.int(16, 40), len = rng.int(2, 10), width = Math.round(len * h * rng.range(0.5, 0.8));
    const box = rect(x, y, x + width, y + h);
    if (rng.chance(0.1)) {
      gt.push({ points: box, text: '###', dontCare: true });
      if (rng.chance(0.5)) det.push(rect(x + 2, y, x + width - 2, y + h));
      continue;
    }
    gt.push({ points: box, text: 'A'.repeat(len), dontCare: false });
    const kind = rng.pick(['hit', 'hit', 'hit', 'split', 'merge', 'partial', 'miss'] as const);
    const j = () => rng.int(-3, 3);
    if (kind === 'hit') det.push(rect(x + j(), y + j(), x + width + j(), y + h + j()));
    else if (kind === 'split') {
      const cut = x + Math.round(width * rng.range(0.3, 0.7));
      det.push(rect(x, y, cut, y + h), rect(cut, y, x + width, y + h));
    } else if (kind === 'merge') {
      const gap = rng.int(8, 20), w2 = rng.int(30, 120);
      gt.push({ points: rect(x + width + gap, y, x + width + gap + w2, y + h), text: 'BBBB', dontCare: false });
      det.push(rect(x - 2, y - 2, x + width + gap + w2 + 2, y + h + 2));
    } else if (kind === 'partial') det.push(rect(x, y, x + Math.round(width * 0.5), y + h));
  }
  if (rng.chance(0.6)) det.push(rect(rng.int(0, 900), rng.int(600, 700), rng.int(950, 1200), rng.int(710, 760)));
  // A third of the images are rotated about their centre, then rounded like ICDAR files.
  const angle = rng.chance(1 / 3) ? rng.range(-0.5, 0.5) : 0;
  const c = Math.cos(angle), s = Math.sin(angle);
  const turn = (p: Polygon): Polygon =>
    p.map(([px, py]): Point => [Math.round(640 + (px - 640) * c - (py - 400) * s), Math.round(400 + (px - 640) * s + (py - 400) * c)]);
  return { gt: gt.map((g) => ({ ...g, points: turn(g.points) })), det: det.map((d) => ({ points: turn(d) })) };
}

/** Each metric: a name for the table and JSON, and a run over all images returning its headline. */
const metrics: { key: string; label: string; run: (images: BenchImage[]) => number }[] = [
  {
    key: 'cleval_ms',
    label: 'CLEval (official)',
    run: (images) => accumulateCleval(images.map((im) => clevalImage(im.gt, im.det))).hmean,
  },
  {
    key: 'cleval_seed_ms',
    label: 'CLEval (receipt variant)',
    run: (images) => accumulateClevalOriginal(images.map((im) => clevalOriginalImage(im.gt, im.det))).meanImageHmean,
  },
  {
    key: 'iou_ms',
    label: 'ICDAR 2015 IoU',
    run: (images) => evaluateIou(images).scores.hmean,
  },
];

const rng = new Rng(arg('seed', 7));
const images = Array.from({ length: arg('images', quickMode() ? 20 : 500) }, () => generateImage(rng));
const gtBoxes = images.reduce((n, im) => n + im.gt.length, 0);
const detBoxes = images.reduce((n, im) => n + im.det.length, 0);

const out: Record<string, number> = { images: images.length };
console.log(`${images.length} images, ${gtBoxes} GT boxes, ${detBoxes} detections\n`);
console.log('metric                      ms (all images)   H-mean');
for (const m of metrics) {
  m.run(images);
  const t0 = performance.now();
  const hmean = m.run(images);
  const ms = performance.now() - t0;
  out[m.key] = Math.round(ms * 10) / 10;
  console.log(`${m.label.padEnd(28)}${ms.toFixed(1).padStart(15)}   ${hmean.toFixed(4)}`);
}

// The polygon validity check (IoU's shapely is_simple) on a 10,000-vertex outline, the
// largest a dataset may hold: a wavy ring, so every edge is checked. Median of 9 runs.
const outline: Polygon = Array.from({ length: 10_000 }, (_, i) => {
  const t = (2 * Math.PI * i) / 10_000, r = 900 + 40 * Math.sin(60 * t);
  return [1000 + r * Math.cos(t), 1000 + r * Math.sin(t)];
});
const validityMs = medianOf(Array.from({ length: 9 }, () => {
  const t0 = performance.now();
  if (!isSimplePolygon(outline)) throw new Error('the bench outline should be simple');
  return performance.now() - t0;
}));
out.validity_ms_10k = Math.round(validityMs * 100) / 100;
console.log(`${'Polygon validity, 10k pts'.padEnd(28)}${validityMs.toFixed(2).padStart(15)}   (median of 9, one polygon)`);
console.log(JSON.stringify(out));
