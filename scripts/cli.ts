/**
 * The headless CLI: `npm run bench -- --model FILE.onnx --data DIR|ZIP ...` runs the app in
 * headless Chromium through the same code path as the UI and writes report.json, report.md
 * and trace.json. Exit codes: 0 all pass, 1 a threshold failed or a regression, 2 bad input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DetscopeError } from '../src/core/errors';
import { toChromeTrace } from '../src/core/profiler/trace';
import { headlineHmean } from '../src/core/report/headline';
import { renderMarkdown } from '../src/core/report/markdown';
import type { HostInfo, Report } from '../src/core/report/schema';
import { attachVerdicts, ownThresholds } from '../src/core/report/verdicts';
import type { Span } from '../src/core/profiler/span';
import { parseCliArgs, readCliInputs, USAGE, type CliOptions } from './lib/cli-args';
import { batchLine, configure, loadDataFiles, loadModelFile, openApp, runOnce } from './lib/drive-app';

export const EXIT = { pass: 0, failed: 1, badInput: 2 } as const;

/** What only the host knows of the machine: its memory, cores and how busy it was before the run. */
export function hostInfo(): HostInfo {
  return { totalMemBytes: totalmem(), cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', loadAverage1m: loadavg()[0], platform: `${platform()} ${release()}` };
}

/**
 * The host's view of the machine filled in, and the verdicts attached again: with the memory
 * size, `memory.max_cpu_memory_pct` is measured instead of "not measured", and with the load,
 * the comparison can warn that a busy machine's times are not like with like.
 */
export function withHost(report: Report, baseline: Report | null, host: HostInfo = hostInfo()): Report {
  const out: Report = { ...report, memory: { ...report.memory, systemTotalBytes: host.totalMemBytes }, environment: { ...report.environment, host } };
  return attachVerdicts(out, ownThresholds(out), baseline);
}

/** 1 when a threshold failed or the baseline comparison found a regression, else 0. */
export function exitCodeOf(report: Report): number {
  const failed = report.thresholds?.results.some((r) => r.status === 'fail') ?? false;
  const regressed = report.comparison?.rows.some((r) => r.verdict === 'regression') ?? false;
  return failed || regressed ? EXIT.failed : EXIT.pass;
}

/** Writes report.json, report.md and, when there are spans, trace.json; returns the paths. */
export function writeOutputs(report: Report, spans: readonly Span[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files: [string, string][] = [
    ['report.json', JSON.stringify(report, null, 2)],
    ['report.md', renderMarkdown(report)],
  ];
  if (spans.length) files.push(['trace.json', JSON.stringify(toChromeTrace(spans))]);
  return files.map(([name, text]) => {
    const path = join(outDir, name);
    writeFileSync(path, text);
    return path;
  });
}

/** The lines printed at the end: what ran, how fast, how well, and every failed check. */
export function summaryLines(report: Report): string[] {
  const r = report.run;
  const h = headlineHmean(report.accuracy);
  const lines = [
    `${r.partial ? 'PARTIAL run' : 'Run'} ${r.id}: ${r.imagesDone} of ${r.imagesTotal} images on ${report.environment.ep}, ${report.timing.wall_s.toFixed(2)} s, ${report.timing.images_per_s.toFixed(2)} images/s`,
    `accuracy: ${h ? `${h.metric} ${h.value.toFixed(4)}` : 'not measured'}${report.cache?.hitRate != null ? `; cache hit rate ${(report.cache.hitRate * 100).toFixed(1)} %` : ''}`,
  ];
  if (report.environment.fallbackReason) lines.push(`  WARNING      WebGPU not used: ${report.environment.fallbackReason}`);
  for (const t of report.thresholds?.results ?? []) lines.push(`  ${t.status.toUpperCase().padEnd(12)} ${t.rule}: ${t.message}`);
  for (const k of report.thresholds?.unknownKeys ?? []) lines.push(`  UNKNOWN KEY  ${k} (not applied)`);
  for (const w of report.comparison?.warnings ?? []) lines.push(`  WARNING      ${w}`);
  for (const c of report.comparison?.rows ?? []) {
    if (c.verdict !== 'regression') continue;
    const ci = c.interval ? `, ${c.interval.level * 100} % CI ${c.interval.lowPct.toFixed(1)} to ${c.interval.highPct.toFixed(1)} %` : '';
    lines.push(`  REGRESSION   ${c.metric}: ${c.baseline} -> ${c.now} (${c.changePct?.toFixed(1) ?? '?'} %${ci})`);
  }
  return lines;
}

/** Bad input, errors the app shows, or a run that could not finish: stderr and exit 2, without a stack trace. */
export function failInput(e: unknown): never {
  console.error(`detscope: ${e instanceof DetscopeError ? e.describe() : (e as Error).message}`);
  process.exit(EXIT.badInput);
}

async function bench(opts: CliOptions): Promise<number> {
  const inputs = readCliInputs(opts);
  // Before Chromium starts: the load of other processes, not the run's own.
  const host = hostInfo();
  const app = await openApp({ ep: opts.ep, bundledDataset: opts.data === null });
  try {
    if (opts.model) await loadModelFile(app.page, opts.model);
    if (opts.data) await loadDataFiles(app.page, opts.data, opts.preds);
    await configure(app.page, {
      settings: {
        ...(opts.batchSize !== null ? { batchSize: opts.batchSize } : {}),
        ...(opts.limit !== null ? { limit: opts.limit } : {}),
        shard: opts.shard,
      },
      thresholds: inputs.thresholds,
      baseline: inputs.baseline,
      withModel: opts.preds === null,
      buckets: opts.buckets,
    });
    const t0 = performance.now();
    const { report: raw, spans } = await runOnce(app.page, { onBatch: (b) => console.log(batchLine(b)) });
    const report = withHost(raw, inputs.baseline, host);
    const written = writeOutputs(report, spans, resolve(opts.out));
    for (const line of summaryLines(report)) console.log(line);
    console.log(`wrote ${written.join(', ')} (run ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    return exitCodeOf(report);
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    failInput(e);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  try {
    process.exitCode = await bench(opts);
  } catch (e) {
    // Not 1: that code means the run finished and a gate failed.
    failInput(e);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
