/**
 * The headless CLI: `npm run bench -- --model FILE.onnx --data DIR|ZIP ...` runs the app in
 * headless Chromium through the same code path as the UI and writes report.json, report.md
 * and trace.json. Exit codes: 0 all pass, 1 a threshold failed or a regression, 2 bad input.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DetscopeError } from '../src/core/errors';
import { predictionsJsonText, predictionsZip } from '../src/core/report/predictions-export';
import { toChromeTrace } from '../src/core/profiler/trace';
import { headlineHmean } from '../src/core/metrics/headline';
import { renderMarkdown } from '../src/core/report/markdown';
import { problemLines, reportProblems } from '../src/core/report/problems';
import { countsText, runCounts } from '../src/core/report/run-counts';
import { signed } from '../src/core/report/format';
import type { HostInfo, Report } from '../src/core/report/schema';
import { attachVerdicts, ownThresholds } from '../src/core/report/verdicts';
import type { Span } from '../src/core/profiler/span';
import { parseCliArgs, readCliInputs, USAGE, type CliOptions } from './lib/cli-args';
import { refuseEmptyShard, refuseUnreadableFiles } from './lib/dataset-check';
import { batchLine, configure, currentProfile, loadDataFiles, loadedData, loadModelFile, openApp, runOnce } from './lib/drive-app';
import { stagePredictionFiles } from './lib/prediction-files';
import { prepareRun } from './lib/run-setup';
import { sweepOnProfile } from './lib/run-options';

/** 130: the shell's code for a process stopped by Ctrl-C (128 + SIGINT), so CI never reads a cancelled run as a pass. */
export const EXIT = { pass: 0, failed: 1, badInput: 2, cancelled: 130 } as const;

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

/** 2 when no image was evaluated; 1 when a threshold failed or the baseline comparison found a regression; else 0. */
export function exitCodeOf(report: Report): number {
  if (runCounts(report).evaluated === 0) return EXIT.badInput;
  const failed = report.thresholds?.results.some((r) => r.status === 'fail') ?? false;
  const regressed = report.comparison?.rows.some((r) => r.verdict === 'regression') ?? false;
  return failed || regressed ? EXIT.failed : EXIT.pass;
}

/** Writes report.json, report.md, trace.json when there are spans, the predictions when asked; returns the paths. */
export function writeOutputs(report: Report, spans: readonly Span[], outDir: string, options: { savePreds?: boolean } = {}): string[] {
  mkdirSync(outDir, { recursive: true });
  const files: [string, string | Uint8Array][] = [
    ['report.json', JSON.stringify(report, null, 2)],
    ['report.md', renderMarkdown(report)],
  ];
  if (spans.length) files.push(['trace.json', JSON.stringify(toChromeTrace(spans))]);
  if (options.savePreds) files.push(['predictions.zip', predictionsZip(report)], ['predictions.json', predictionsJsonText(report)]);
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
    ...problemLines(reportProblems(report)),
    `${r.partial ? `PARTIAL run${r.cancelled ? ' (cancelled)' : ''}` : 'Run'} ${r.id}: ${countsText(runCounts(report))} on ${report.environment.ep}, ${report.timing.wall_s.toFixed(2)} s, ${report.timing.images_per_s.toFixed(2)} images/s`,
    `accuracy: ${h ? `${h.metric} ${h.value.toFixed(4)}` : 'not measured'}${report.cache?.hitRate != null ? `; cache hit rate ${(report.cache.hitRate * 100).toFixed(1)} %` : ''}`,
  ];
  const sweep = report.sensitivity;
  if (sweep?.best) {
    const gain = sweep.gain !== null ? ` (${signed(sweep.gain, 4)} over the profile's thresh ${sweep.profile.thresh}, unclip_ratio ${sweep.profile.unclipRatio})` : '';
    lines.push(`sweep, tuned on the evaluation data: best thresh ${sweep.best.thresh}, unclip_ratio ${sweep.best.unclipRatio}: ${sweep.metric} ${sweep.best.hmean?.toFixed(4) ?? 'not measured'}${gain}; see report.md`);
  }
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

/** Why a run that evaluated nothing tells nothing, with its first failure. */
export function nothingEvaluated(report: Report): string {
  const c = runCounts(report);
  const first = report.images.find((i) => i.failed !== undefined);
  return `no image was evaluated: ${c.failed} of ${c.total} failed${first ? ` (first: ${first.name}: ${first.failed})` : ''}. Fix the images or the model (see the failed images in report.md) and run again.`;
}

/** Bad input, errors the app shows, or a run that could not finish: stderr and exit 2, without a stack trace. */
export function failInput(e: unknown): never {
  console.error(`detscope: ${e instanceof DetscopeError ? e.describe() : (e as Error).message}`);
  process.exit(EXIT.badInput);
}

/**
 * Ctrl-C while a run is in progress cancels it in the page; the run ends with what finished,
 * which is written as a partial report. Before or after the run, or pressed twice, it stops at once.
 */
function interruptions(onExit: () => Promise<void>) {
  let running = false;
  let requested = false;
  const handler = () => {
    if (running && !requested) {
      requested = true;
      console.error('detscope: cancelling: the images in flight finish, then a partial report is written (Ctrl-C again to stop at once)');
      return;
    }
    void onExit().finally(() => process.exit(EXIT.cancelled));
  };
  process.on('SIGINT', handler);
  return {
    running: (on: boolean) => (running = on),
    requested: () => requested,
    dispose: () => process.off('SIGINT', handler),
  };
}

async function bench(opts: CliOptions): Promise<number> {
  const inputs = readCliInputs(opts);
  const withModel = opts.preds === null;
  // Before Chromium starts: the load of other processes, not the run's own.
  const host = hostInfo();
  const staged = opts.preds ? stagePredictionFiles(opts.preds) : null;
  const app = await openApp({ ep: opts.ep, bundledDataset: opts.data === null, noModel: staged !== null, keepProfile: true, closeOnSigint: false });
  const interrupt = interruptions(() => app.close());
  try {
    if (opts.model) await loadModelFile(app.page, opts.model);
    if (opts.data) await loadDataFiles(app.page, opts.data, staged?.files ?? null, opts.boxType);
    const data = await loadedData(app.page);
    refuseUnreadableFiles(data.issues);
    refuseEmptyShard(data, opts.shard, withModel);
    const setup = await prepareRun(app.page, opts, inputs, staged?.origin);
    for (const line of setup.lines) console.log(line);
    await configure(app.page, {
      profile: setup.profile,
      settings: {
        ...opts.run.settings,
        ...(opts.batchSize !== null ? { batchSize: opts.batchSize } : {}),
        ...(opts.limit !== null ? { limit: opts.limit } : {}),
        shard: opts.shard,
        ...(opts.run.sweep ? { sweep: sweepOnProfile(opts.run.sweep, (setup.profile ?? (await currentProfile(app.page))).post) } : {}),
      },
      thresholds: inputs.thresholds,
      baseline: inputs.baseline,
      withModel,
      buckets: opts.buckets,
      inferenceBatch: opts.inferenceBatch,
    });
    const t0 = performance.now();
    interrupt.running(true);
    const { report: raw, spans } = await runOnce(app.page, { onBatch: (b) => console.log(batchLine(b)), cancelRequested: interrupt.requested });
    interrupt.running(false);
    const report = withHost(raw, inputs.baseline, host);
    const written = writeOutputs(report, spans, resolve(opts.out), { savePreds: opts.savePreds });
    for (const line of summaryLines(report)) console.log(line);
    console.log(`wrote ${written.join(', ')} (run ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    if (interrupt.requested()) {
      console.error(`detscope: cancelled: the partial report (${countsText(runCounts(report))}) is in ${resolve(opts.out)}`);
      return EXIT.cancelled;
    }
    if (runCounts(report).evaluated === 0) console.error(`detscope: ${nothingEvaluated(report)}`);
    return exitCodeOf(report);
  } finally {
    interrupt.dispose();
    await app.close();
    if (staged) rmSync(staged.dir, { recursive: true, force: true });
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
