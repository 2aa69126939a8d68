import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectionsOf } from '../../src/core/analysis/findings';
import { polygonIou } from '../../src/core/geometry/polygon-iou';
import { DEFAULT_IMAGE_SORT, sortImages } from '../../src/app/components/run/image-sort';
import { openApp, runFromUi, waitReady } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;
const RUN = { limit: 12, batchSize: 4, collate: false };

const tableOrder = (page: Page) => page.getByTestId('image-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-index'))));
const shownIndex = async (page: Page) => Number(await page.getByTestId('inspector').getAttribute('data-index'));
const openFromTable = (page: Page, index: number) => page.getByTestId('image-table').locator(`tbody tr[data-index="${index}"] button.link`).click();
const drawn = async (page: Page): Promise<Record<string, number>> => JSON.parse((await page.getByTestId('inspector-canvas').getAttribute('data-drawn')) ?? '{}');

/** What the run's own matching says the inspector must draw for one image under IoU. */
async function expectedDrawing(page: Page, image: any) {
  const gt = await page.evaluate((i) => (window as any).detscope.workbench.dataset.samples[i].gt.length, image.index);
  const m = image.found.matching.iou;
  const matched = m.pairs.length / 2;
  return {
    'gt-matched': matched,
    'gt-missed': m.missedGt.length,
    'gt-dont-care': gt - matched - m.missedGt.length,
    'det-matched': matched,
    'det-false-positive': m.falseDet.length,
    'det-ignored': image.found.detections.length - matched - m.falseDet.length,
  };
}
const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

/** Steps with → from the first image of `order` to its last, and returns the images shown. */
async function walk(page: Page, order: number[]): Promise<number[]> {
  await openFromTable(page, order[0]);
  const seen = [await shownIndex(page)];
  for (let k = 1; k < order.length; k++) {
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => shownIndex(page)).not.toBe(seen[k - 1]);
    seen.push(await shownIndex(page));
  }
  return seen;
}

/** The bundled model on the first images of the bundled sample, then the image inspector on what it found. */
describe('the image inspector', () => {
  let app: App;
  let run: any;
  /** An image of the run with a missed care GT region: the inspector's reason to be. */
  let missImage: any;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm' });
    await waitReady(app.page);
    run = await runFromUi(app.page, RUN);
    // The tuner above the inspector draws its curve after the run, which moves the page: pointer tests wait for it.
    await app.page.getByTestId('tune-best').waitFor({ timeout: 60_000 });
    missImage = run.images.find((im: any) => im.found?.matching?.iou.missedGt.length > 0 && im.found.matching.iou.falseDet.length > 0) ?? run.images.find((im: any) => im.found?.matching?.iou.missedGt.length > 0);
  });
  afterAll(() => app?.close());

  test('opens from the table worst first, and draws each outcome as many times as the run matched it', async () => {
    const { page } = app;
    expect(await tableOrder(page)).toEqual(sortImages(run.images, DEFAULT_IMAGE_SORT).map((im) => im.index));
    expect(missImage).toBeDefined();
    await openFromTable(page, missImage.index);
    await expect.poll(() => shownIndex(page)).toBe(missImage.index);
    const want = await expectedDrawing(page, missImage);
    await expect.poll(() => drawn(page)).toEqual(nonZero(want));
    expect(Number(await page.getByTestId('count-missed').textContent())).toBe(want['gt-missed']);

    await page.getByTestId('inspector-rejected').check();
    const rejected = missImage.found.polygons.scores.length - missImage.found.detections.length;
    await expect.poll(async () => (await drawn(page)).rejected ?? 0).toBe(rejected);
    await page.getByTestId('inspector-rejected').uncheck();
    expect(app.errors).toEqual([]);
  });

  test('zooms around the cursor, pans by drag, fits again, and hovering a detection finds it at every zoom', async () => {
    const { page } = app;
    await openFromTable(page, missImage.index);
    const canvas = page.getByTestId('inspector-canvas');
    await page.locator('[data-testid="inspector-canvas"][data-pixels="drawn"]').waitFor();
    await canvas.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const view = async () => JSON.parse((await canvas.getAttribute('data-view'))!);
    /** Where an image point is on the page now. */
    const onPage = async (x: number, y: number) => {
      const [b, v] = [(await canvas.boundingBox())!, await view()];
      return [b.x + x * v.scale + v.tx, b.y + y * v.scale + v.ty];
    };
    const fitted = await view();
    // A matched detection's centre.
    const m = missImage.found.matching.iou;
    const det = detectionsOf(missImage.found)[m.pairs[1]];
    const cx = det.points.reduce((s: number, p: number[]) => s + p[0], 0) / det.points.length;
    const cy = det.points.reduce((s: number, p: number[]) => s + p[1], 0) / det.points.length;
    const hoverDetection = async () => {
      const [x, y] = await onPage(cx, cy);
      await page.mouse.move(x, y);
      await expect.poll(() => page.getByTestId('inspector').locator('.hover').textContent()).toContain(`matched, score ${det.score.toFixed(4)}`);
    };
    await hoverDetection();

    // Zoom in with the wheel at the detection: the image point under the pointer stays under it.
    const before = await view();
    const box = (await canvas.boundingBox())!;
    const at = (await onPage(cx, cy)).map(Math.round);
    const under = [(at[0] - box.x - before.tx) / before.scale, (at[1] - box.y - before.ty) / before.scale];
    await page.mouse.move(at[0], at[1]);
    await page.mouse.wheel(0, -600);
    await expect.poll(async () => (await view()).scale).toBeGreaterThan(before.scale * 3);
    const zoomed = await view();
    expect(box.x + under[0] * zoomed.scale + zoomed.tx).toBeCloseTo(at[0], 6);
    expect(box.y + under[1] * zoomed.scale + zoomed.ty).toBeCloseTo(at[1], 6);
    await hoverDetection();

    // Drag pans by what the pointer moved.
    await page.mouse.move(box.x + 100, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(box.x + 160, box.y + 130, { steps: 4 });
    await page.mouse.up();
    const panned = await view();
    expect(panned.scale).toBe(zoomed.scale);
    expect(panned.tx - zoomed.tx).toBeCloseTo(60, 0);
    expect(panned.ty - zoomed.ty).toBeCloseTo(30, 0);
    await hoverDetection();

    await page.getByTestId('inspector-fit').click();
    expect(await view()).toEqual(fitted);

    // A missed GT region says how close the nearest detection came.
    const missed = await page.evaluate(([i, g]) => (window as any).detscope.workbench.dataset.samples[i].gt[g].points, [missImage.index, m.missedGt[0]]);
    const best = Math.max(0, ...detectionsOf(missImage.found).map((d) => polygonIou(missed, d.points)));
    const [mx, my] = missed.reduce(([sx, sy]: number[], [px, py]: number[]) => [sx + px / missed.length, sy + py / missed.length], [0, 0]);
    const [hx, hy] = await onPage(mx, my);
    await page.mouse.move(hx, hy);
    await expect
      .poll(() => page.getByTestId('inspector').locator('.hover').textContent())
      .toContain(best > 0 ? `missed GT, best IoU ${best.toFixed(4)} with a detection` : 'missed GT, no detection overlaps it');
    expect(app.errors).toEqual([]);
  });

  test("next and previous follow the table's order after a sort and after a filter", async () => {
    const { page } = app;
    const table = page.getByTestId('image-table');
    await table.locator('button.head[data-column="name"]').click();
    const byName = await tableOrder(page);
    expect(byName).toEqual([...run.images].sort((a: any, b: any) => a.name.localeCompare(b.name)).map((im: any) => im.index));
    expect(await walk(page, byName)).toEqual(byName);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => shownIndex(page)).toBe(byName.at(-2));

    await page.getByTestId('filter-name').fill('receipt_001');
    const filtered = await tableOrder(page);
    expect(filtered).toEqual(byName.filter((i) => run.images.find((im: any) => im.index === i).name.includes('receipt_001')));
    expect(filtered.length).toBeGreaterThan(1);
    expect(filtered.length).toBeLessThan(byName.length);
    expect(await walk(page, filtered)).toEqual(filtered);
    await expect(page.getByTestId('inspector-next').isDisabled()).resolves.toBe(true);

    await page.getByTestId('filter-name').fill('');
    await page.getByTestId('filter-misses').check();
    const withMisses = await tableOrder(page);
    expect(withMisses).toEqual(byName.filter((i) => {
      const c = run.images.find((im: any) => im.index === i).iou.counts;
      return c.gtCare > c.matched;
    }));
    expect(withMisses).toContain(missImage.index);
    await page.getByTestId('filter-misses').uncheck();
    expect(app.errors).toEqual([]);
  });

  test('a map layer computes the maps of that one image on demand, says so, then shows the layer', async () => {
    const { page } = app;
    await openFromTable(page, missImage.index);
    // Every text the status line shows, from before the click on.
    await page.evaluate(() => {
      const seen: string[] = ((window as any).mapStatus = []);
      new MutationObserver(() => {
        const t = document.querySelector('[data-testid="inspector-maps-status"]')?.textContent?.trim();
        if (t && seen.at(-1) !== t) seen.push(t);
      }).observe(document.querySelector('[data-testid="inspector"]')!, { subtree: true, childList: true, characterData: true });
    });
    const canvas = page.getByTestId('inspector-canvas');
    await expect(canvas.getAttribute('data-layers')).resolves.toBe('0');
    await page.getByTestId('layer-prob').check();
    const status = page.getByTestId('inspector-maps-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    const seen: string[] = await page.evaluate(() => (window as any).mapStatus);
    expect(seen[0]).toMatch(new RegExp(`^computing maps for ${missImage.name}…`));
    await expect(canvas.getAttribute('data-layers')).resolves.toBe('1');

    // The GT maps come with them: another layer shows at once, without computing again.
    await page.getByTestId('layer-gtShrink').check();
    await expect.poll(() => canvas.getAttribute('data-layers')).toBe('2');
    expect(await status.textContent()).toContain('GT maps');
    await page.getByTestId('layer-prob').uncheck();
    await expect.poll(() => canvas.getAttribute('data-layers')).toBe('1');
    expect(await page.evaluate(() => (window as any).mapStatus.filter((t: string) => t.startsWith('computing')).length)).toBe(1);
    await page.getByTestId('layer-gtShrink').uncheck();
    expect(app.errors).toEqual([]);
  });

  test('a run opened from History, after a reload, opens in the inspector with what it found', async () => {
    const { page } = app;
    await page.reload();
    await waitReady(page);
    await page.getByTestId('tab-history').click();
    await page.locator(`[data-testid="history-row"][data-run-id="${run.run.id}"] button`, { hasText: 'Open' }).click();
    await page.getByTestId('tab-run').click();
    await page.getByTestId('opened-run').waitFor();
    await openFromTable(page, missImage.index);
    await expect.poll(() => shownIndex(page)).toBe(missImage.index);
    await expect.poll(() => drawn(page)).toEqual(nonZero(await expectedDrawing(page, missImage)));
    await page.getByTestId('layer-binary').check();
    await expect.poll(() => page.getByTestId('inspector-maps-status').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    await expect(page.getByTestId('inspector-canvas').getAttribute('data-layers')).resolves.toBe('1');
    expect(app.errors).toEqual([]);
  });
});
