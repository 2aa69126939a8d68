/**
 * ICDAR 2015 IoU on 500 seeded, generated images of ~5 GT and ~5 detections each (matches,
 * shifts, splits, merges, rotated boxes, false positives, don't-cares), timed in Node after
 * one warm-up pass: a table, then one JSON line {images, iou_ms}.
 * Usage: npx tsx scripts/bench-iou.ts [--images 500] [--runs 7]
 */
import { mulberry32 } from '../src/core/dataset/synthetic/prng';
import type { Polygon } from '../src/core/geometry/types';
import { evaluateIou, type IouEvaluation } from '../src/core/metrics/iou/evaluate-iou';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const imageCount = arg('images', 500);
const runs = arg('runs', 7);

/** A w x h box centred at (cx, cy), turned by `angle` radians. */
function box(cx: number, cy: number, w: number, h: number, angle: number): Polygon {
  const c = Math.cos(angle), s = Math.sin(angle);
  return [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]].map(([x, y]) => [cx + x * c - y * s, cy + x * s + y * c]);
}

function makeImage(rand: () => number) {
  const gt: { points: Polygon; dontCare: boolean }[] = [];
  const det: { points: Polygon }[] = [];
  const words = 4 + Math.floor(rand() * 3);
  for (let i = 0; i < words; i++) {
    const cx = 100 + rand() * 1080, cy = 60 + i * 110 + rand() * 30, w = 60 + rand() * 220, h = 20 + rand() * 25, angle = (rand() - 0.5) * 0.6;
    gt.push({ points: box(cx, cy, w, h, angle), dontCare: rand() < 0.1 });
    const kind = rand();
    if (kind < 0.55) det.push({ points: box(cx + (rand() - 0.5) * 8, cy + (rand() - 0.5) * 6, w * (0.9 + rand() * 0.2), h * (0.9 + rand() * 0.2), angle) });
    else if (kind < 0.7) det.push({ points: box(cx + w * 0.3, cy, w * 0.6, h, angle) }); // shifted
    else if (kind < 0.8) {
      // split in two halves
      const dx = (w / 4) * Math.cos(angle), dy = (w / 4) * Math.sin(angle);
      det.push({ points: box(cx - dx, cy - dy, w / 2, h, angle) }, { points: box(cx + dx, cy + dy, w / 2, h, angle) });
    } else if (kind < 0.9) det.push({ points: box(cx + w / 2, cy, w * 2, h * 1.2, angle) }); // merged with a neighbour
  }
  if (rand() < 0.5) det.push({ points: box(rand() * 1280, rand() * 720, 40 + rand() * 100, 20, 0) }); // false positive
  return { gt, det };
}

const rand = mulberry32(2015);
const images = Array.from({ length: imageCount }, () => makeImage(rand));
let result: IouEvaluation = evaluateIou(images); // warm-up
const times: number[] = [];
for (let run = 0; run < runs; run++) {
  const start = performance.now();
  result = evaluateIou(images);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const { scores } = result;
const gtCount = images.reduce((n, i) => n + i.gt.length, 0);
const detCount = images.reduce((n, i) => n + i.det.length, 0);
console.log(`iou: ${imageCount} images, ${gtCount} GT, ${detCount} detections, ${runs} warm runs`);
console.log('metric | median ms | min ms | max ms | recall | precision | hmean');
console.log(`iou    | ${median.toFixed(1).padStart(9)} | ${times[0].toFixed(1).padStart(6)} | ${times.at(-1)!.toFixed(1).padStart(6)} | ${scores.recall.toFixed(4)} | ${scores.precision.toFixed(4)} | ${scores.hmean.toFixed(4)}`);
console.log(JSON.stringify({ images: imageCount, iou_ms: Number(median.toFixed(1)) }));
