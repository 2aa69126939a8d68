import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { validateReport } from '../../src/core/report/validate';
import type { Report } from '../../src/core/report/schema';
import { slowedBy } from '../unit/report/helpers';
import { readReport, script } from './cli-script';

describe('the headless CLI on the bundled sample', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'detscope-cli-test-'));
  const out = join(tmp, 'run');
  let first: Awaited<ReturnType<typeof script>>;

  beforeAll(async () => {
    first = await script('cli', ['--limit', '8', '--out', out]);
  });

  test('exits 0 and writes a valid report, its Markdown and a trace', () => {
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^batch 1\/1: 8 images in [\d.]+ s \| 8\/8 images evaluated, /m);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const checked = validateReport(json);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    const report = json as Report;
    expect(report.run).toMatchObject({ partial: false, imagesDone: 8, imagesTotal: 8 });
    expect(report.environment.ep).toBe('wasm');
    expect(report.memory.systemTotalBytes).toBe(totalmem());
    expect(report.thresholds!.results.find((r) => r.rule === 'memory.max_cpu_memory_pct')!.status).toBe('pass');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(report.run.id);
    const trace = JSON.parse(readFileSync(join(out, 'trace.json'), 'utf8'));
    const inferEvents = trace.traceEvents.filter((e: { name: string }) => e.name === 'infer');
    expect(inferEvents).toHaveLength(8);
  });

  test('the same run twice is not a regression: the time verdict rests on per-image times', async () => {
    const r = await script('cli', ['--limit', '8', '--baseline', join(out, 'report.json'), '--out', join(tmp, 'again')]);
    const row = readReport(join(tmp, 'again')).comparison!.rows.find((x) => x.metric === 'Time per image (median)')!;
    expect(row.interval).toMatchObject({ paired: true, samplesNow: 8, samplesBaseline: 8 });
    expect(row.verdict).not.toBe('regression');
    expect(r.code).toBe(0);
  });

  // Two shards of 4, run at once: they give the concurrency test and the merge test their runs.
  // Shard I of 2 takes every second image from I: with --limit 4 each, images 0-7 together.
  const shards = [join(tmp, 'shard-1'), join(tmp, 'shard-2')];
  let shardRuns: Promise<Awaited<ReturnType<typeof script>>[]> | undefined;
  function runShardsAtOnce() {
    // Accuracy gates only: two runs sharing 2 cores may fall under the default throughput floor.
    const gates = join(tmp, 'accuracy-only.yaml');
    writeFileSync(gates, 'accuracy:\n  min_hmean: 0.5\n');
    return (shardRuns ??= Promise.all(shards.map((dir, k) => script('cli', ['--limit', '4', '--shard', `${k + 1}/2`, '--thresholds', gates, '--out', dir]))));
  }

  test('two runs at once each serve their own app and finish with their own results; the cache persists between runs', async () => {
    const runs = await runShardsAtOnce();
    expect(runs.map((r) => r.code), runs.map((r) => r.stdout + r.stderr).join('\n')).toEqual([0, 0]);
    expect(shards.map((d) => readReport(d).images.map((i) => i.index))).toEqual([
      [0, 2, 4, 6],
      [1, 3, 5, 7],
    ]);
    // One of the two ran on this checkout's port, whose kept profile saw the first run's 8 images.
    const hits = shards.map((d) => readReport(d).cache!).map((c) => c.memoryHits + c.diskHits);
    expect(Math.max(...hits)).toBeGreaterThan(0);
  });

  test('fails (exit 1) against a baseline ten times faster', async () => {
    const baseline = slowedBy(readReport(out), 0.1);
    const file = join(tmp, 'baseline.json');
    writeFileSync(file, JSON.stringify(baseline));
    const r = await script('cli', ['--limit', '8', '--baseline', file, '--out', join(tmp, 'regressed')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/REGRESSION {3}Time per image \(median\): .* 95 % CI/);
    const report = readReport(join(tmp, 'regressed'));
    expect(report.comparison!.baseline.runId).toBe(baseline.run.id);
    expect(report.thresholds!.results.find((x) => x.rule === 'validation.time_regression_threshold_pct')!.status).toBe('fail');
  });

  test('a missing data path is bad input: exit 2, a message saying what and where, nothing written', async () => {
    const missing = join(tmp, 'no-such-dataset');
    const r = await script('cli', ['--data', missing, '--out', join(tmp, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`detscope: ${missing}, --data: --data ${missing} does not exist. Check the path`);
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });

  test('two shards merged give the unsharded accuracy exactly', async () => {
    for (const shard of await runShardsAtOnce()) expect(shard.code, shard.stdout + shard.stderr).toBe(0);
    const merged = join(tmp, 'merged');
    const r = await script('merge-reports', [...shards, '--out', merged]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = readReport(merged);
    expect(validateReport(report).ok).toBe(true);
    expect(report.images.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(report.accuracy).toEqual(readReport(out).accuracy);
    expect(existsSync(join(merged, 'trace.json'))).toBe(true);
  });

  test('a folder goes through the folder picker, with its paths', async () => {
    const folder = join(tmp, 'receipts');
    mkdirSync(folder);
    for (const f of readdirSync('public/samples/receipts')) if (f !== 'manifest.json') copyFileSync(join('public/samples/receipts', f), join(folder, f));
    const r = await script('cli', ['--data', folder, '--limit', '8', '--out', join(tmp, 'folder')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = readReport(join(tmp, 'folder'));
    expect(report.dataset).toMatchObject({ name: 'receipts', images: 32 });
    // The same files as the bundled sample: same content hash and the same results.
    expect(report.dataset.contentHash).toBe(readReport(out).dataset.contentHash);
    expect(report.accuracy).toEqual(readReport(out).accuracy);
  });
});
