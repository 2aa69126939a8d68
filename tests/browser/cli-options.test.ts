import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';
import { withOverrides } from '../../scripts/lib/run-options';
import { profileToJson } from '../../src/core/model/profile-file';
import { PPOCR_DET, type ModelProfile } from '../../src/core/model/profiles';
import { openApp } from './app-page';
import { readReport, script } from './cli-script';

const ORIGINAL_DIR = 'tests/fixtures/reference/cleval-seed';
const GT = join(ORIGINAL_DIR, 'gt_receipt.json');
const ZIP = join(ORIGINAL_DIR, 'res_receipt.zip');
const want = JSON.parse(readFileSync(join(ORIGINAL_DIR, 'expected.json'), 'utf8')).pairs.receipt.det;

describe('the CLI does what the UI does', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'detscope-cli-options-'));

  test('a profile file and flags over it reach the report: profile, settings, CLEval mode, no collate', async () => {
    const tuned: ModelProfile = { ...PPOCR_DET, id: 'custom', inputName: 'x', post: { ...PPOCR_DET.post, boxThresh: 0.5, minSize: 2, mode: 'poly' } };
    const file = join(tmp, 'tuned.json');
    writeFileSync(file, profileToJson(tuned));
    const out = join(tmp, 'profiled');
    const flags = ['--box-thresh', '0.65', '--unclip-ratio', '1.8', '--limit-side', '640'];
    const r = await script('cli', ['--limit', '2', '--profile', file, ...flags, '--cleval-mode', 'original', '--workers', '1', '--no-cache', '--no-collate', '--out', out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = readReport(out);
    expect(report.model!.profile).toEqual(withOverrides(tuned, { post: { boxThresh: 0.65, unclipRatio: 1.8 }, limitSide: 640 }));
    expect(report.model!.profile).toMatchObject({ resize: { maxSide: 640 }, post: { boxThresh: 0.65, unclipRatio: 1.8, minSize: 2, mode: 'poly', thresh: 0.3 } });
    expect(report.settings).toMatchObject({ workers: 1, cache: false });
    expect(report.cache).toBeNull();
    expect(report.accuracy.cleval!.mode).toBe('seed');
    // Chosen, not resolved: no auto line.
    expect(r.stdout).not.toContain('CLEval mode auto');
  });

  // These four time nothing: two at a time (the browser project's maxConcurrency).
  test.concurrent('a bad profile file or flag is exit 2 before a browser starts, naming the file and JSON path', async () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, profileToJson({ ...PPOCR_DET, post: { ...PPOCR_DET.post, thresh: 3 } }));
    const [bad, flag] = await Promise.all([script('cli', ['--profile', file, '--out', join(tmp, 'never')]), script('cli', ['--max-candidates', '0'])]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`detscope: ${file}, post.thresh: post.thresh must be at least 0 and at most 1, not 3.`);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--max-candidates 0 must be at least 1');
  });

  test.concurrent('--preds with a zip scores as the reference, says why auto chose the original CLEval, and reports the page\'s environment', async () => {
    const out = join(tmp, 'preds-zip');
    const r = await script('cli', ['--data', GT, '--preds', ZIP, '--out', out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('CLEval mode auto: original (seed), because none of the 211 GT regions has a transcription');
    const report = readReport(out);
    expect(report.model).toBeNull();
    expect(report.accuracy.cleval!.mode).toBe('seed');
    expect(Math.abs(report.accuracy.cleval!.hmean - want.hmean)).toBeLessThan(1e-9);
    // The page's own figures, not the defaults of a missing model runtime (hardware concurrency 1).
    expect(report.environment).toMatchObject({ ep: 'none', crossOriginIsolated: true, hardwareConcurrency: cpus().length });
  });

  test.concurrent('--preds with <stem>.txt names in a folder: same scores; a file that names no image is listed', async () => {
    const folder = join(tmp, 'plain-names');
    mkdirSync(folder);
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(ZIP)))) writeFileSync(join(folder, name.replace(/^res_/, '')), bytes);
    writeFileSync(join(folder, 'img_99.txt'), '0,0,10,0,10,10,0,10\n');
    const out = join(tmp, 'preds-folder');
    const r = await script('cli', ['--data', GT, '--preds', folder, '--out', out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`predictions: 5 of 6 files match an image; not scored (listed in the report's skipped files): ${join(folder, 'img_99.txt')}`);
    const report = readReport(out);
    expect(Math.abs(report.accuracy.cleval!.hmean - want.hmean)).toBeLessThan(1e-9);
    expect(report.dataset.skipped).toEqual([{ file: 'res_img_99.txt', reason: expect.stringContaining('Matches no image of the dataset (none named "img_99"') }]);
  });

  test.concurrent('--preds where no file names an image is exit 2, not a score of 0', async () => {
    const folder = join(tmp, 'strangers');
    mkdirSync(folder);
    writeFileSync(join(folder, 'scan_1.txt'), '0,0,10,0,10,10,0,10\n');
    const r = await script('cli', ['--data', GT, '--preds', folder, '--out', join(tmp, 'never-preds')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`none of the 1 prediction files in ${folder} names an image of ${GT}`);
  });

  describe('?model=none, as --preds runs open the page', () => {
    let app: Awaited<ReturnType<typeof openApp>> | undefined;
    afterAll(() => app?.close());

    /** Whether the page fetched the bundled model: once it has loaded one, or 3 s after it started without. */
    async function fetchedModel(query: string, settled: 'model loaded' | 'after 3 s'): Promise<{ fetched: boolean; model: unknown }> {
      await app?.close();
      app = await openApp({ query });
      await app.page.waitForFunction((s) => (s === 'model loaded' ? !!window.detscope?.workbench?.model : performance.now() > 3000), settled, { timeout: 60_000 });
      return app.page.evaluate(() => ({
        fetched: performance.getEntriesByType('resource').some((e) => e.name.endsWith('/models/ppocr-det.onnx')),
        model: window.detscope.workbench.model?.name ?? null,
      }));
    }

    test('the bundled model is neither fetched nor loaded', async () => {
      expect(await fetchedModel('?ep=wasm&dataset=none&model=none', 'after 3 s')).toEqual({ fetched: false, model: null });
      // The same check sees the fetch and the model when the page loads them.
      expect(await fetchedModel('?ep=wasm&dataset=none', 'model loaded')).toEqual({ fetched: true, model: 'ppocr-det.onnx' });
    });
  });
});
