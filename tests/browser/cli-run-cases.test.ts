import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateReport } from '../../src/core/report/validate';
import { cliProcess, readReport, script } from './cli-script';

/** The run-accounting cases of the bad-input corpus (tests/fixtures/bad-inputs/RUN-CASES.md). */
const cases = 'tests/fixtures/bad-inputs';
const tmp = mkdtempSync(join(tmpdir(), 'detscope-cli-cases-'));

// Two at a time (the browser project's maxConcurrency): none of these runs is timed.
describe.concurrent('the CLI counts failed images apart', () => {
  test('two undecodable images of three: 1 evaluated, 2 failed, and the default gate fails (exit 1)', async () => {
    const out = join(tmp, 'undecodable');
    const r = await script('cli', ['--data', `${cases}/run-undecodable-image`, '--out', out]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^batch 1\/1: 3 images in [\d.]+ s, 2 failed \| 1\/3 images evaluated, 2 failed,/m);
    expect(r.stdout).toMatch(/^Run \S+: 1 of 3 images evaluated, 2 failed on wasm/m);
    expect(r.stdout).toMatch(/FAIL {9}validation\.max_failed_images: 2 over the limit 0/);
    expect(r.stdout).not.toMatch(/3 of 3 images|Infinity|NaN/);
    const report = readReport(out);
    expect(validateReport(report).ok).toBe(true);
    expect(report.run).toMatchObject({ imagesDone: 3, imagesFailed: 2, imagesTotal: 3 });
    expect(report.images.filter((i) => i.failed).map((i) => i.name).sort()).toEqual(['garbled.png', 'huge.png']);
  });

  test('every image undecodable, accuracy-only thresholds: exit 2 with a clear message, no -Infinity', async () => {
    const thresholds = join(tmp, 'accuracy-only.yaml');
    writeFileSync(thresholds, 'accuracy:\n  min_hmean: 0.1\n');
    const out = join(tmp, 'all-failed');
    const r = await script('cli', ['--data', `${cases}/run-all-undecodable`, '--thresholds', thresholds, '--out', out]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/detscope: no image was evaluated: 2 of 2 failed \(first: \S+\.png: prepare: /);
    expect(r.stdout).toMatch(/^batch 1\/1: 2 images, 2 failed \| 0\/2 images evaluated, 2 failed/m);
    expect(r.stdout + r.stderr).not.toMatch(/Infinity|NaN/);
    // The report is still written: it says which images failed and why.
    expect(readReport(out).run).toMatchObject({ imagesDone: 2, imagesFailed: 2 });
  });
});

describe.concurrent('the CLI refuses input that cannot give a meaningful run', () => {
  test('a receipt JSON that does not parse: exit 2 with file, line and column, nothing written', async () => {
    const out = join(tmp, 'broken-json');
    const r = await script('cli', ['--data', `${cases}/run-broken-receipt-json`, '--out', out]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^detscope: run-broken-receipt-json\/train\.json:4:\d+: Invalid JSON at line 4, column \d+/m);
    expect(existsSync(out)).toBe(false);
  });

  test('an empty shard: exit 2 saying so', async () => {
    const r = await script('cli', ['--data', `${cases}/run-undecodable-image`, '--shard', '7/8', '--out', join(tmp, 'shard')]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toContain('--shard 7/8 is empty: it takes images 7, 15, ... and the dataset has 3 images to evaluate');
  });

  test('--out naming a file, and negative numbers, are refused before any run', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'keep me');
    const [out, batch] = await Promise.all([script('cli', ['--out', file]), script('cli', ['--batch-size', '-1'])]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`detscope: ${file}, --out: --out ${file} is a file, not a folder.`);
    expect(batch.code).toBe(2);
    expect(batch.stderr).toContain('--batch-size -1: value not allowed, --batch-size takes a whole number of at least 1');
    expect(batch.stderr).not.toContain('ambiguous');
  });
});

test.concurrent('an image without a prediction file is scored as no detections, and the CLI and report say so', async () => {
  const out = join(tmp, 'preds');
  const r = await script('cli', ['--data', `${cases}/run-missing-predictions/gt`, '--preds', `${cases}/run-missing-predictions/preds`, '--out', out]);
  expect(r.stdout).toMatch(/^warning img_2: No prediction file res_img_2\.txt; the image counts as having no detections \(all its ground truth missed\) \[kept\]$/m);
  const report = readReport(out);
  expect(report.dataset.problems).toContainEqual(expect.objectContaining({ kind: 'missing-predictions', file: 'img_2', action: 'kept' }));
  expect(report.accuracy.iou).toMatchObject({ recall: 0.5, precision: 1 });
});

test('Ctrl-C after the first batch: the finished images are written as a cancelled partial report, exit 130', async () => {
  const out = join(tmp, 'interrupted');
  let sent = false;
  const r = await cliProcess(['--batch-size', '2', '--limit', '24', '--out', out], (line, signal) => {
    if (!sent && line.startsWith('batch 1/')) {
      sent = true;
      signal('SIGINT');
    }
  });
  expect(sent).toBe(true);
  expect(r.code, r.stdout + r.stderr).toBe(130);
  expect(r.stderr).toContain('detscope: cancelling');
  expect(r.stderr).toContain(`is in ${out}`);
  const report = readReport(out);
  expect(validateReport(report).ok).toBe(true);
  expect(report.run).toMatchObject({ partial: true, cancelled: true });
  expect(report.run.imagesDone).toBeGreaterThanOrEqual(2);
  expect(report.run.imagesDone).toBeLessThan(24);
  expect(report.images).toHaveLength(report.run.imagesDone);
});
