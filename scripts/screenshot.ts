/**
 * `npm run screenshot`: README's pictures of the app, in headless Chromium at 1440x900 (the
 * first screen the layout is made for) on the WASM EP after a run of the bundled sample: the
 * Run tab (docs/screenshot.png), and the image inspector on the image with the most missed GT,
 * zoomed on a miss with the probability map shown (docs/inspector.png). Tests never write tracked files; this script does, when the
 * screens change.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Report } from '../src/core/report/schema';
import { configure, openApp, runOnce } from './lib/drive-app';

/** The inspector's zoom on the miss, relative to the fitted view. */
const ZOOM = 6;
const docs = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));

/** The inspector on the image of the run with the most missed care GT, zoomed around its first miss, heat on. */
async function inspectWorstMiss(page: Page, report: Report): Promise<void> {
  const missed = (im: Report['images'][number]) => im.found?.matching?.iou?.missedGt.length ?? 0;
  const image = report.images.reduce((a, b) => (missed(b) > missed(a) ? b : a));
  if (missed(image) === 0) throw new Error('the run missed nothing: no miss to show');
  await page.getByTestId('image-table').locator(`tbody tr[data-index="${image.index}"] button.link`).click();
  const canvas = page.getByTestId('inspector-canvas');
  await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.getByTestId('layer-prob').check();
  await page.getByTestId('inspector-maps-status').and(page.locator('[data-state=ready]')).waitFor({ timeout: 120_000 });
  const gt = await page.evaluate(([i, g]) => (window as any).detscope.workbench.dataset.samples[i].gt[g].points as [number, number][], [image.index, image.found!.matching!.iou!.missedGt[0]]);
  const view = JSON.parse((await canvas.getAttribute('data-view'))!);
  const box = (await canvas.boundingBox())!;
  const [x, y] = gt.reduce(([sx, sy], [px, py]) => [sx + px / gt.length, sy + py / gt.length], [0, 0]);
  await page.mouse.move(box.x + x * view.scale + view.tx, box.y + y * view.scale + view.ty);
  await page.mouse.wheel(0, -300 * Math.log(ZOOM));
  // The pointer on the miss: the hover line names what the model put there.
  await page.mouse.move(box.x + x * view.scale + view.tx + 1, box.y + y * view.scale + view.ty);
}

const app = await openApp({ ep: 'wasm', bundledDataset: true });
try {
  await app.page.setViewportSize({ width: 1440, height: 900 });
  // Four batches, so the batch chart has a shape.
  await configure(app.page, { settings: { batchSize: 8 } });
  const { report } = await runOnce(app.page);
  await app.page.evaluate(() => window.scrollTo(0, 0));
  writeFileSync(docs('screenshot.png'), await app.page.screenshot({ fullPage: false }));
  console.log(`wrote ${docs('screenshot.png')}`);
  // The inspector is taller than the results column at 900 px: a taller window shows it whole.
  await app.page.setViewportSize({ width: 1440, height: 1300 });
  await inspectWorstMiss(app.page, report);
  writeFileSync(docs('inspector.png'), await app.page.getByTestId('inspector').screenshot());
  console.log(`wrote ${docs('inspector.png')}`);
} finally {
  await app.close();
}
