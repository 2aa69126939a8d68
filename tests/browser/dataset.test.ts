import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { openApp, waitReady } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;
const SAMPLE = 'public/samples/receipts';
const manifest = JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8'));

const summary = async (app: App) => ({
  images: Number(await app.page.getByTestId('dataset-images').textContent()),
  polygons: Number(await app.page.getByTestId('dataset-polygons').textContent()),
  problems: await app.page.getByTestId('dataset-problems').textContent(),
  format: await app.page.getByTestId('dataset-format').textContent(),
});

describe('datasets through the UI', () => {
  let app: App;
  let dir: string;
  beforeAll(async () => {
    // A small ICDAR-style folder with one bad line and one image without GT.
    dir = mkdtempSync(join(tmpdir(), 'detscope-ds-'));
    mkdirSync(join(dir, 'icdar'));
    copyFileSync(join(SAMPLE, 'receipt_0001.jpg'), join(dir, 'icdar', 'a.jpg'));
    copyFileSync(join(SAMPLE, 'receipt_0002.jpg'), join(dir, 'icdar', 'b.jpg'));
    writeFileSync(join(dir, 'icdar', 'gt_a.txt'), '10,10,100,10,100,40,10,40,TOTAL, 12.50\r\n20,50,90,50,90,70,20,70,###\nnot,a,line\n');
    mkdirSync(join(dir, 'ltrb'));
    copyFileSync(join(SAMPLE, 'receipt_0001.jpg'), join(dir, 'ltrb', 'a.jpg'));
    writeFileSync(join(dir, 'ltrb', 'gt_a.txt'), '10,10,100,40,TOTAL\n20,50,90,70,12.50\n');
    app = await openApp({ query: '?ep=wasm&dataset=none' });
    await waitReady(app.page, false);
  });
  afterAll(() => app?.close());

  test('the bundled sample loads with exactly the generator’s polygon count', async () => {
    await app.page.getByTestId('bundled-dataset').click();
    await expect.poll(async () => (await summary(app)).images, { timeout: 60_000 }).toBe(manifest.count);
    const s = await summary(app);
    expect(s.polygons).toBe(manifest.polygons);
    expect(s.format).toContain('receipt-json');
    expect(s.problems).toBe('0 errors, 0 warnings');
  });

  test('a dropped folder (directory picker) in ICDAR format, with its problems listed', async () => {
    await app.page.locator('input[webkitdirectory]').setInputFiles(join(dir, 'icdar'));
    await expect.poll(async () => (await summary(app)).format, { timeout: 60_000 }).toContain('icdar2015');
    const s = await summary(app);
    expect(s.images).toBe(2);
    expect(s.polygons).toBe(2); // the bad line is skipped, the don't-care kept
    // An error among the problems (the bad line) opens their list by itself; the button closes it.
    expect(s.problems).toMatch(/^[1-9]\d* errors?,/);
    const issues = await app.page.getByTestId('dataset-issues').textContent();
    expect(issues).toContain('gt_a.txt:3');
    expect(issues).toMatch(/b\.jpg/); // an image without annotations is kept and listed
    await app.page.getByRole('button', { name: /^Hide \d+ problems?$/ }).click();
    expect(await app.page.getByTestId('dataset-issues').count()).toBe(0);
    // Overriding the detected format reads the same files again.
    await app.page.getByTestId('format-select').selectOption('images-only');
    await expect.poll(async () => (await summary(app)).format, { timeout: 60_000 }).toBe('images-only (chosen)');
    expect((await summary(app)).polygons).toBe(0);
    await app.page.getByTestId('format-select').selectOption('auto');
  });

  test('the box type select re-reads ICDAR lines: xmin,ymin,xmax,ymax lines need LTRB', async () => {
    await app.page.locator('input[webkitdirectory]').setInputFiles(join(dir, 'ltrb'));
    await expect.poll(async () => (await summary(app)).format, { timeout: 60_000 }).toContain('icdar2015');
    expect(await app.page.getByTestId('dataset-box-type').textContent()).toBe('QUAD');
    expect((await summary(app)).polygons).toBe(0);
    expect((await summary(app)).problems).toBe('2 errors, 0 warnings');
    await app.page.getByTestId('box-type-select').selectOption('ltrb');
    await expect.poll(async () => (await summary(app)).polygons, { timeout: 60_000 }).toBe(2);
    expect(await app.page.getByTestId('dataset-box-type').textContent()).toBe('LTRB');
    expect((await summary(app)).problems).toBe('0 errors, 0 warnings');
    await app.page.getByTestId('box-type-select').selectOption('quad');
  });

  test('a zip of the receipt JSON and its images', async () => {
    const files: Record<string, Uint8Array> = { 'receipts/receipts.json': readFileSync(join(SAMPLE, 'receipts.json')) };
    const json = JSON.parse(readFileSync(join(SAMPLE, 'receipts.json'), 'utf8'));
    for (const name of Object.keys(json.images).slice(0, 5)) files[`receipts/${name}`] = readFileSync(join(SAMPLE, name));
    await app.page.locator('input[type=file][accept*=".zip"]').setInputFiles({ name: 'receipts.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) });
    await expect.poll(async () => (await summary(app)).images, { timeout: 60_000 }).toBe(5);
    const s = await summary(app);
    expect(s.format).toContain('receipt-json');
    // The 27 images named in the JSON but missing from the zip are reported, not fatal.
    expect(s.problems).toBe('0 errors, 27 warnings');
  });
});
