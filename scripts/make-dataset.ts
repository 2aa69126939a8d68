/**
 * Writes a seeded synthetic receipt dataset: JPEG images, receipts.json (the original
 * project's format, one polygon per text line with its transcription) and manifest.json.
 *
 *   npm run make-dataset -- --count 32 --seed 1 --out public/samples/receipts [--quality 80] [--debug DIR]
 *
 * Layout, text and transforms come from the seed in Node; headless Chromium measures and
 * draws the text with the system fonts, warps the paper and encodes the JPEG.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { receiptJson, syntheticManifest, type GeneratedImage } from './lib/synthetic/ground-truth';
import { applyHomography } from './lib/synthetic/homography';
import { linePolygon, placeRuns } from './lib/synthetic/line-boxes';
import { mulberry32 } from '../src/core/numerics/prng';
import { receiptLayout } from './lib/synthetic/receipt-layout';
import { launchChromium } from './lib/chromium';
import { measureRuns, renderReceipt } from './lib/receipt-page';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '32' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    quality: { type: 'string', default: '80' },
    debug: { type: 'string' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const quality = Number(values.quality);
if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || !(quality > 0 && quality <= 100)) {
  console.error('usage: make-dataset --count N --seed S --out DIR [--quality 1-100] [--debug DIR]');
  process.exit(2);
}
const out = values.out;
mkdirSync(out, { recursive: true });
if (values.debug) mkdirSync(values.debug, { recursive: true });

const started = performance.now();
const { context, close } = await launchChromium();
try {
  const page = await context.newPage();
  // tsx wraps named functions in __name(); the page needs it as a no-op, and the shared PRNG.
  await page.evaluate(`globalThis.__name = (f) => f; globalThis.mulberry32 = ${mulberry32.toString()};`);
  const images: GeneratedImage[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const layout = receiptLayout(seed, i);
    const placed = placeRuns(layout, await page.evaluate(measureRuns, layout.runs));
    const file = `receipt_${String(i + 1).padStart(4, '0')}.jpg`;
    const lines = placed.map((p) => ({ points: linePolygon(layout, p), transcription: p.run.text }));
    const { width, height } = layout.paper;
    const result = await page.evaluate(renderReceipt, {
      layout,
      paperCorners: [[0, 0], [width, 0], [width, height], [0, height]].map(([x, y]) => applyHomography(layout.paperToImage, [x, y])),
      texts: placed.map(({ run, x }) => ({ text: run.text, font: run.font, x, baseline: run.baseline })),
      quality,
      debugPolygons: values.debug ? lines.map((l) => l.points) : undefined,
    });
    const jpeg = Buffer.from(result.jpegBase64, 'base64');
    bytes += jpeg.length;
    writeFileSync(join(out, file), jpeg);
    if (values.debug && result.debugPngBase64) writeFileSync(join(values.debug, file.replace(/\.jpg$/, '.debug.png')), Buffer.from(result.debugPngBase64, 'base64'));
    images.push({ file, width: layout.width, height: layout.height, lines });
  }
  const json = JSON.stringify(receiptJson(images));
  writeFileSync(join(out, 'receipts.json'), json + '\n');
  const manifest = syntheticManifest(seed, images);
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const seconds = (performance.now() - started) / 1000;
  console.log(`${count} images, ${manifest.polygons} line polygons, ${(bytes / 1024).toFixed(0)} KiB of JPEG + ${(json.length / 1024).toFixed(0)} KiB JSON in ${seconds.toFixed(1)} s -> ${out}`);
} finally {
  await close();
}
