import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { EvaluationSettings } from '../../src/core/pipeline/evaluation';
import type { Dataset } from '../../src/core/dataset/load-dataset';
import { DEFAULT_BOX_TYPE, type BoxType } from '../../src/core/dataset/box-type';
import type { ModelProfile } from '../../src/core/model/profiles';
import type { Report } from '../../src/core/report/schema';
import type { Span } from '../../src/core/profiler/span';
import type { ShapeBuckets } from '../../src/core/model/shape-buckets';
import { launchChromium } from './chromium';
import { startPreview } from './preview-server';
import { CliInputError, type EpChoice } from './cli-args';
import type { LoadedData } from './dataset-check';
import '../../src/app/console-api'; // types window.detscope, which this drives

/**
 * Drives the built app in headless Chromium the way a person does: files through the real
 * file inputs, the Run button, and the page's own console API (`window.detscope`) for
 * settings the CLI passes and for reading progress. The CLI and bench:pipeline share it.
 */

declare global {
  interface Window {
    /** The dataset the page held before a load, to tell when the load has replaced it. */
    detscopePreviousDataset?: Dataset | null;
  }
}

/** The app failed or hung for a reason that is not the input's. */
export class RunFailedError extends Error {
  override name = 'RunFailedError';
}

const LOAD_TIMEOUT_MS = 10 * 60 * 1000;
const POLL_MS = 250;

export interface AppSession {
  page: Page;
  /** Opens the app again in the same profile (IndexedDB, so the polygon cache, survives). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves this checkout's build on a port of its own, starts Chromium and waits for the bundled
 * model (unless `noModel`: a predictions run needs none) and sample (unless `bundledDataset`
 * is false). With `keepProfile`, the Chromium profile is kept per port under
 * node_modules/.cache, so the polygon cache in IndexedDB persists from one CLI run to the
 * next; two runs at once get two ports and two profiles.
 */
export async function openApp(opts: { ep: EpChoice; bundledDataset: boolean; noModel?: boolean; keepProfile?: boolean; closeOnSigint?: boolean }): Promise<AppSession> {
  const server = await startPreview({ build: false });
  const profileDir = opts.keepProfile ? fileURLToPath(new URL(`../../node_modules/.cache/detscope/chromium-${server.port}`, import.meta.url)) : undefined;
  const browser = await launchChromium({ webgpu: opts.ep !== 'wasm', profileDir, closeOnSigint: opts.closeOnSigint }).catch(async (e) => {
    await server.close();
    throw e;
  });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const url = `${server.url}?ep=${opts.ep}${opts.bundledDataset ? '' : '&dataset=none'}${opts.noModel ? '&model=none' : ''}`;
  const reload = async () => {
    await actAndWait(page, () => page.goto(url), 'the bundled model to load', (bundled) => {
      const wb = window.detscope?.workbench;
      const modelWanted = new URLSearchParams(location.search).get('model') !== 'none';
      return !!wb && (!!wb.model || !modelWanted) && !wb.busy && (!bundled || (!!wb.dataset && !wb.datasetLoading));
    }, opts.bundledDataset);
  };
  try {
    await reload();
  } catch (e) {
    await browser.close();
    await server.close();
    throw e;
  }
  return {
    page,
    reload,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** The page's error panel, one line per error: message, where, what to do. */
export async function appErrors(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid=error]', (els) =>
    els.map((el) => [...el.querySelectorAll('strong, div')].map((x) => x.textContent?.trim()).filter(Boolean).join(' — ')),
  );
}

type PageArg = string | boolean | null;

/**
 * Does `action`, then waits until `ready` holds in the page, or a new error shows in the
 * error panel (then throws it as bad input, since errors the page shows are the user's to fix).
 */
async function actAndWait(page: Page, action: () => Promise<unknown>, what: string, ready: (arg: PageArg) => boolean, arg: PageArg): Promise<void> {
  const before = (await appErrors(page)).length;
  await action();
  for (const deadline = Date.now() + LOAD_TIMEOUT_MS; Date.now() < deadline; await page.waitForTimeout(POLL_MS)) {
    if (await page.evaluate(ready, arg)) return;
    const errors = await appErrors(page);
    if (errors.length > before) throw new CliInputError(`the app could not load ${what}: ${errors[0].replace(/\.$/, '')}`, 'Fix that input and run again.');
  }
  throw new RunFailedError(`timed out after ${LOAD_TIMEOUT_MS / 60000} min waiting for ${what}`);
}

/** Loads a model through the model file input, as a dropped file. */
export async function loadModelFile(page: Page, path: string): Promise<void> {
  const input = page.locator('input[type=file][accept*=".onnx"]');
  await actAndWait(page, () => input.setInputFiles(path), `the model ${path}`, (name) => {
    const wb = window.detscope.workbench;
    return wb.model?.name === name && !wb.busy;
  }, basename(path));
}

/** Every file below a folder, for the multi-file input. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .sort();
}

/**
 * Loads a dataset through the dataset panel: a folder through the folder picker (paths kept),
 * a zip or other file, or data plus prediction files (paths of res_*.txt files), through the
 * multi-file input, their gt_/res_ lines read with `boxType` as the panel's box type select
 * would. Fails as bad input when nothing loadable is found.
 */
export async function loadDataFiles(page: Page, data: string, preds: string[] | null, boxType: BoxType = DEFAULT_BOX_TYPE): Promise<void> {
  // The dataset object the page holds now: a reload of the same files gives a new one.
  await page.evaluate((boxType) => {
    window.detscopePreviousDataset = window.detscope.workbench.dataset;
    window.detscope.workbench.datasetBoxType = boxType;
  }, boxType);
  const dataIsDir = statSync(data).isDirectory();
  const choose = () =>
    dataIsDir && !preds
      ? page.locator('input[type=file][webkitdirectory]').setInputFiles(data)
      : page.locator('input[type=file][accept=".zip,.json,.txt,image/*"]').setInputFiles([...(dataIsDir ? filesBelow(data) : [data]), ...(preds ?? [])]);
  await actAndWait(page, choose, `the dataset ${data}`, () => {
    const wb = window.detscope.workbench;
    return !!wb.dataset && wb.dataset !== window.detscopePreviousDataset && !wb.datasetLoading;
  }, null);
  // The file input gives the page bare file names: the report names the dataset after --data.
  await page.evaluate((name) => (window.detscope.workbench.datasetName = name), basename(resolve(data)));
  const problem = await page.evaluate(() => {
    const ds = window.detscope.workbench.dataset!;
    return ds.samples.length > 0 ? null : ds.issues.slice(0, 5).map((i) => `${i.file}: ${i.message}`).join('; ');
  });
  if (problem !== null) throw new CliInputError(`no images or annotations to evaluate in ${data}: ${problem}`, 'Give a folder or zip with images and a receipt JSON or gt_*.txt files.', { file: data, path: '--data' });
}

/** The loaded dataset's problems and which samples have an image, for the CLI's checks before a run. */
export async function loadedData(page: Page): Promise<LoadedData> {
  return page.evaluate(() => {
    const ds = window.detscope.workbench.dataset!;
    return { issues: ds.issues, hasImage: ds.samples.map((s) => s.image !== undefined) };
  });
}

export interface RunConfig {
  settings?: Partial<EvaluationSettings>;
  /** The model profile, as the profile editor would set it. */
  profile?: ModelProfile;
  thresholds?: { source: string; text: string } | null;
  baseline?: Report | null;
  /** False: evaluate the dataset's prediction files instead of the model. */
  withModel?: boolean;
  /** Shape buckets set on the loaded model's profile. */
  buckets?: ShapeBuckets | null;
  /** Images per model call set on the loaded model's profile. */
  inferenceBatch?: number | null;
}

/** Sets what the Run panel and the baseline panel would set, through the page's Workbench. */
export async function configure(page: Page, config: RunConfig): Promise<void> {
  await page.evaluate((c) => {
    const wb = window.detscope.workbench;
    Object.assign(wb.settings, c.settings ?? {});
    if (c.thresholds) wb.thresholds = c.thresholds;
    if (c.baseline !== undefined) wb.baseline = c.baseline;
    if (c.withModel !== undefined) wb.withModel = c.withModel;
    if (c.profile) wb.profile = c.profile;
    if (c.buckets) wb.profile = { ...wb.profile, buckets: c.buckets };
    if (c.inferenceBatch) wb.profile = { ...wb.profile, inferenceBatch: c.inferenceBatch };
  }, config);
}

/** The profile the app chose for the loaded model (or last set). */
export async function currentProfile(page: Page): Promise<ModelProfile> {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.detscope.workbench.profile)) as ModelProfile);
}

/** How many of the dataset's prediction files name one of its images, and the names of those that do not. */
export async function predictionsMatched(page: Page): Promise<{ files: number; matched: number; unmatched: string[] }> {
  return page.evaluate(() => {
    const ds = window.detscope.workbench.dataset!;
    const unmatched = ds.issues.filter((i) => i.kind === 'unmatched-prediction').map((i) => i.file);
    return { files: ds.predictions.size, matched: ds.predictions.size - unmatched.length, unmatched };
  });
}

/** Each image's GT as the CLEval mode choice reads it: whether it is don't-care, and its transcription. */
export async function groundTruthTexts(page: Page): Promise<{ dontCare: boolean; text?: string; points: null }[][]> {
  return page.evaluate(() => window.detscope.workbench.dataset!.samples.map((s) => s.gt.map((g) => ({ dontCare: g.dontCare, text: g.text, points: null }))));
}

export interface BatchDone {
  batch: number;
  batches: number;
  images: number;
  /** Of `images`, those that failed (no results). */
  failed: number;
  /** First stage start to last stage end of the batch, as the original project defined it; null when no stage ran. */
  ms: number | null;
  /** Images reached so far: evaluated plus failed. */
  done: number;
  failedTotal: number;
  total: number;
  imagesPerS: number;
}

/** Batches finished since the first `reported`, in order, from the page's live state. */
function finishedBatches(reported: number): BatchDone[] {
  const live = window.detscope.live;
  if (!live || live.total === 0) return [];
  const size = window.detscope.workbench.settings.batchSize;
  const batches = Math.ceil(live.total / size);
  const counts = new Map<number, { images: number; failed: number }>();
  for (const o of live.outcomes) {
    const c = counts.get(o.batch) ?? { images: 0, failed: 0 };
    c.images++;
    if (o.failed) c.failed++;
    counts.set(o.batch, c);
  }
  const elapsedS = (performance.timeOrigin + performance.now() - live.startedAt) / 1000;
  const out: BatchDone[] = [];
  for (let b = reported; b < batches; b++) {
    const images = Math.min(size, live.total - b * size);
    const c = counts.get(b);
    if (!c || c.images < images) break;
    let start = Infinity;
    let end = -Infinity;
    for (const s of live.spans) {
      if (s.batch !== b) continue;
      start = Math.min(start, s.start);
      end = Math.max(end, s.end);
    }
    out.push({
      batch: b + 1,
      batches,
      images,
      failed: c.failed,
      // Images that failed before their first stage ended leave no span to time.
      ms: end >= start ? end - start : null,
      done: live.outcomes.length,
      failedTotal: live.failed,
      total: live.total,
      imagesPerS: live.outcomes.length / Math.max(elapsedS, 1e-3),
    });
  }
  return out;
}

export interface RunOptions {
  onBatch?: (b: BatchDone) => void;
  /** Show another tab while running, so the live profiler is not drawn (its cost measured). */
  profilerHidden?: boolean;
  /** Polled while running: true presses Cancel (once); the run then ends with what finished. */
  cancelRequested?: () => boolean;
}

/** Presses Run, reports each finished batch, and returns the report with the run's spans. */
export async function runOnce(page: Page, opts: RunOptions = {}): Promise<{ report: Report; spans: Span[] }> {
  const run = page.getByTestId('run');
  if (await run.isDisabled()) throw new CliInputError('the app cannot run: no model or no dataset loaded', 'Give --model and --data, or neither for the bundled ones.');
  const errorsBefore = (await appErrors(page)).length;
  await run.click();
  // Run switches to the Run tab; switching away unmounts the live charts.
  if (opts.profilerHidden) await page.getByTestId('tab-history').click();
  let reported = 0;
  let cancelled = false;
  for (;;) {
    if (!cancelled && opts.cancelRequested?.()) {
      cancelled = true;
      await page.evaluate(() => window.detscope.workbench.cancel());
    }
    const running = await page.evaluate(() => window.detscope.workbench.running);
    for (const b of await page.evaluate(finishedBatches, reported)) {
      opts.onBatch?.(b);
      reported = b.batch;
    }
    if (!running) break;
    await page.waitForTimeout(POLL_MS);
  }
  const result = await page.evaluate(() => (window.detscope.report ? { report: window.detscope.report, spans: [...window.detscope.live!.spans] } : null));
  if (result) return result;
  const shown = await appErrors(page);
  // The page lists the newest error first.
  const errors = shown.slice(0, shown.length - errorsBefore);
  throw new RunFailedError(`the run failed: ${errors.join('; ') || 'no report and no error shown'}`);
}

/** A progress line for the console: evaluated and failed images apart, never a time that is not one. */
export function batchLine(b: BatchDone): string {
  const etaS = b.imagesPerS > 0 ? (b.total - b.done) / b.imagesPerS : NaN;
  const time = b.ms === null ? '' : ` in ${(b.ms / 1000).toFixed(2)} s`;
  const failed = (n: number) => (n > 0 ? `, ${n} failed` : '');
  return `batch ${b.batch}/${b.batches}: ${b.images} images${time}${failed(b.failed)} | ${b.done - b.failedTotal}/${b.total} images evaluated${failed(b.failedTotal)}, ${b.imagesPerS.toFixed(2)} images/s, ETA ${Number.isFinite(etaS) ? `${etaS.toFixed(0)} s` : '?'}`;
}
