import { shapeText, type ShapeCost } from '../profiler/shape-costs';
import type { KernelProfileReport } from './schema';
import type { Stats } from '../profiler/stats';
import { bytes, comparisonChange, comparisonValue, count, duration, ms, percent, plain, score, seconds, signed, table } from './format';
import { netTimeSavedNote } from '../cache/net-time-saved';
import { identifyIssues } from './issues';
import { iouErrors, nothingToScore } from './image-outcome';
import { problemLines, reportProblems } from './problems';
import { countsText, runCounts } from './run-counts';
import type { Comparison, ImageResult, Report, ThresholdsReport } from './schema';
import type { BreakdownRow } from '../analysis/breakdown';

/**
 * The report as Markdown, from its JSON alone (so a saved report.json renders the same later).
 * `verdicts: false` leaves out the thresholds and comparison sections, for a page that shows
 * them as live tables beside it.
 */
export function renderMarkdown(report: Report, { verdicts = true } = {}): string {
  const sections = [header(report), performance(report), stages(report), memory(report), cache(report), accuracy(report), ...breakdowns(report), ...sensitivity(report), issues(report)];
  if (verdicts) sections.push(thresholds(report.thresholds), comparison(report.comparison));
  return sections
    .join('\n\n')
    .concat('\n');
}

function header(r: Report): string {
  const { run, dataset: d, model: m, environment: e, settings: s } = r;
  const counts = countsText(runCounts(r));
  const status = run.partial ? `**partial run${run.cancelled ? ' (cancelled)' : ''}, ${counts}**` : runCounts(r).failed > 0 ? `complete, **${counts}**` : `complete, ${counts}`;
  const lines = [
    `# detscope report: ${d.name}`,
    '',
    verdictLine(r),
    '',
    `- Run: \`${run.id}\`, ${run.startedAt} to ${run.finishedAt}, detscope ${run.detscopeVersion}; ${status}`,
    ...(run.mergedFrom ? [`- Merged from ${run.mergedFrom.length} shard reports: ${run.mergedFrom.map((id) => `\`${id}\``).join(', ')}`] : []),
    `- Dataset: ${d.name} (${d.format}${d.boxType ? `, ${d.boxType.toUpperCase()} boxes` : ''}), ${d.images} images, ${d.polygons} polygons, ${d.skipped.length} skipped; content hash \`${d.contentHash.slice(0, 12)}\``,
    ...problemLines(reportProblems(r)).map((line, i) => (i === 0 ? `- ${line}` : `  - ${line}`)),
    m ? `- Model: \`${m.fileName}\`, ${bytes(m.sizeBytes)}, SHA-256 \`${m.sha256.slice(0, 12)}\`, profile ${String(m.profile.id ?? 'custom')}` : '- Model: none (predictions from files)',
    ...(m ? [`- Model profile, in full (pre- and post-processing): ${flatten(m.profile).join(', ')}`] : []),
    `- Environment: ${e.browser}; EP ${e.ep}${e.fallbackReason ? ` (fallback: ${e.fallbackReason})` : ''}; adapter ${e.adapter ? `${e.adapter.vendor} ${e.adapter.architecture}${e.adapter.isFallback ? ' (fallback adapter)' : ''}` : 'none'}; ${e.threads} threads; cross-origin isolated: ${e.crossOriginIsolated ? 'yes' : 'no'}; hardware concurrency ${e.hardwareConcurrency}`,
    `- Settings: batch size ${s.batchSize}, ${count(s.workers, 'worker')}, cache ${s.cache ? 'on' : 'off'}, limit ${s.limit ?? 'none'}${s.shard ? `, shard ${s.shard.index}/${s.shard.count}` : ''}`,
  ];
  return lines.join('\n');
}

/** `key value` for every leaf of a nested settings object, `post.boxThresh 0.6` for nested keys. */
function flatten(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k} ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`],
  );
}

/** PASS or FAIL and why, first: what a reader of a CI artifact looks for. */
function verdictLine(r: Report): string {
  const failed = r.thresholds?.results.filter((x) => x.status === 'fail').map((x) => `\`${x.rule}\``) ?? [];
  const regressed = r.comparison?.rows.filter((x) => x.verdict === 'regression').map((x) => x.metric) ?? [];
  const reasons = [failed.length && `${count(failed.length, 'threshold')} failed (${failed.join(', ')})`, regressed.length && `regression in ${regressed.join(', ')}`].filter(Boolean);
  if (reasons.length) return `**FAIL**: ${reasons.join('; ')}.`;
  if (!r.thresholds && !r.comparison) return '**NO VERDICT**: no thresholds checked and no baseline given.';
  const results = r.thresholds?.results ?? [];
  const passed = results.filter((x) => x.status === 'pass').length;
  const unmeasured = results.length - passed;
  const checks = r.thresholds ? `${count(passed, 'threshold')} passed${unmeasured ? `, ${unmeasured} not measured here` : ''}` : 'no thresholds checked';
  return `**PASS**: ${checks}; ${r.comparison ? `no regression against \`${r.comparison.baseline.runId}\`` : 'no baseline given'}.`;
}

function performance(r: Report): string {
  const t = r.timing;
  const b = t.batches;
  const inf = t.inference;
  const rows = [
    ['Validation time (wall)', seconds(t.wall_s)],
    ['Batches', `${b?.count ?? 0} of up to ${count(r.settings.batchSize, 'image')}`],
    ['Mean batch time', duration(b?.mean)],
    ['Median batch time', duration(b?.median)],
    ['P95 / P99 batch time', `${duration(b?.p95)} / ${duration(b?.p99)}`],
    ['Std of batch time', duration(b?.std)],
    ['Throughput', `${plain(t.images_per_s)} images/s`],
  ];
  const ib = r.settings.inferenceBatch;
  if (ib) rows.push(['Inference batch (images per model call)', ib.note ? `${ib.used} (asked ${ib.requested}: ${ib.note})` : String(ib.used)]);
  if (inf) {
    rows.push([`Inference, cold (first ${count(inf.warmupRuns, 'run')}), mean`, duration(inf.cold?.mean)]);
    rows.push(['Inference, warm, mean / P95', `${duration(inf.warm?.mean)} / ${duration(inf.warm?.p95)}`]);
  }
  return `## Validation performance\n\nBatch time runs from the first stage start to the last stage end of a batch; warm-up batches included.\n\n${table(['Metric', 'Value'], rows)}${inputShapes(t.shapes ?? [])}${kernelTable(r.kernels)}`;
}

/** onnxruntime's per-kernel profile: where the model's time goes, and what left the GPU. */
function kernelTable(k: KernelProfileReport | undefined): string {
  if (!k) return '';
  const what = k.source === 'gpu' ? 'GPU time (timestamp queries) per program' : 'time on the host per node';
  const intro = `onnxruntime's profiler, ${what}, over ${count(k.calls, 'model call')}: ${duration(k.totalMs)} in all. Opening the session with the profiler on took ${duration(k.reopenMs)} before the run.`;
  const rows = k.ops.map((o) => [o.op, String(o.count), duration(o.totalMs), percent(o.share)]);
  const cpu = k.cpuNodes.length
    ? `\n\nNodes that ran on the CPU instead of WebGPU:\n\n${table(['Node', 'Operator', 'Why'], k.cpuNodes.map((n) => [n.node, n.op, n.reason ?? 'onnxruntime does not say']))}`
    : k.source === 'gpu'
      ? '\n\nEvery node ran on WebGPU.'
      : '';
  return `\n\n### Kernels\n\n${intro}\n\n${table(['Operator', 'Kernels', 'Total', 'Share'], rows)}${cpu}`;
}

/** Each new input shape pays a first run (kernel compilation and buffers on WebGPU): what the dataset's sizes cost. */
function inputShapes(shapes: readonly ShapeCost[]): string {
  if (shapes.length === 0) return '';
  const rows = shapes.map((s) => [shapeText(s.shape), String(s.calls), duration(s.firstMs), duration(s.warm?.mean), duration(s.warm?.median)]);
  const intro = `${count(shapes.length, 'distinct input shape')}. The first run of a shape compiles its kernels and allocates its buffers (on WebGPU); shape buckets in the model profile cut the number of shapes.`;
  return `\n\n### Input shapes\n\n${intro}\n\n${table(['Input (N×C×H×W)', 'Calls', 'First run', 'Warm mean', 'Warm median'], rows)}`;
}

function stages(r: Report): string {
  const { stages: all, criticalPath, busyShares } = r.timing;
  const row = (name: string, s: Stats) => [name, String(s.count), ...[s.total, s.mean, s.median, s.p95, s.p99, s.std].map((x) => x.toFixed(1)), percent(busyShares[name]), percent(criticalPath?.shares[name] ?? 0)];
  const rows = Object.entries(all).map(([name, s]) => row(name, s));
  if (criticalPath) rows.push(['(idle)', '', '', '', '', '', '', '', '', percent(criticalPath.idleShare)]);
  const head = ['Stage', 'Count', 'Total ms', 'Mean ms', 'Median ms', 'P95 ms', 'P99 ms', 'Std ms', 'Busy', 'Critical path'];
  return `## Stage breakdown\n\nBusy: the union of a stage's spans over the wall time. Critical path: the chain of spans, each the latest to finish before the next started, that ends the run.\n\n${table(head, rows)}`;
}

function memory(r: Report): string {
  const { summary: s, jsHeapSource } = r.memory;
  const rows = [
    [`JS heap${jsHeapSource ? ` (${jsHeapSource})` : ''}`, bytes(s.jsHeapBytes.peak), bytes(s.jsHeapBytes.end)],
    ['WASM memory', bytes(s.wasmBytes.peak), bytes(s.wasmBytes.end)],
    ['GPU buffers', bytes(s.gpuBytes.peak), bytes(s.gpuBytes.end)],
  ];
  return `## Memory\n\n${table(['Figure', 'Peak', 'At end'], rows)}`;
}

function cache(r: Report): string {
  const c = r.cache;
  if (!c) return '## Cache\n\nCache off.';
  const rows = [
    ['Hits (memory / IndexedDB)', `${c.memoryHits} / ${c.diskHits}`],
    ['Misses', String(c.misses)],
    ['Hit rate', percent(c.hitRate)],
    [`Hit rate after ${count(c.warmupBatches, 'warm-up batch', 'warm-up batches')}`, percent(c.hitRateAfterWarmup)],
    ['Entries / stored', `${c.entries} / ${bytes(c.storedBytes)}`],
    ['Evictions', String(c.evictions)],
    ['Net time saved', duration(c.netTimeSavedMs) + (netTimeSavedNote(c.netTimeSavedMs) && ` (${netTimeSavedNote(c.netTimeSavedMs)})`)],
    ['Persistence', c.persistence + (c.note ? ` (${c.note})` : '')],
  ];
  return `## Cache\n\n${table(['Figure', 'Value'], rows)}`;
}

function accuracy(r: Report): string {
  const { cleval, iou, loss } = r.accuracy;
  const rows: string[][] = [];
  if (cleval) {
    rows.push([`CLEval (${cleval.mode}), accumulated`, score(cleval.recall), score(cleval.precision), score(cleval.hmean)]);
    if (cleval.meanImageHmean !== undefined) rows.push(['CLEval, mean of per-image H-means', '', '', score(cleval.meanImageHmean)]);
  }
  if (iou) rows.push(['IoU', score(iou.recall), score(iou.precision), score(iou.hmean)]);
  const parts = ['## Accuracy', rows.length ? table(['Metric', 'Recall', 'Precision', 'H-mean'], rows) : 'No accuracy metric ran.'];
  if (loss) parts.push(`Loss: probability ${score(loss.prob)}${loss.dice !== undefined ? `, dice ${score(loss.dice)}` : ''}, threshold ${score(loss.thresh)}, total ${score(loss.total)}.`);
  const worst = r.images
    .filter((i) => i.cleval && !nothingToScore(i))
    .sort((a, b) => a.cleval!.hmean - b.cleval!.hmean || a.index - b.index)
    .slice(0, 5);
  const errors = (i: ImageResult) => {
    const e = iouErrors(i);
    return e ? [String(e.missed), String(e.falsePositives)] : ['n/a', 'n/a'];
  };
  const empty = r.images.filter(nothingToScore).length;
  const emptyNote = empty ? ` ${count(empty, 'image')} with no care GT and no detection, nothing to score, left out.` : '';
  if (worst.length) {
    const rows = worst.map((i) => [i.name, score(i.cleval!.recall), score(i.cleval!.precision), score(i.cleval!.hmean), ...errors(i)]);
    parts.push(`Lowest CLEval H-mean (missed and false boxes by IoU matching).${emptyNote}\n\n${table(['Image', 'Recall', 'Precision', 'H-mean', 'Missed', 'False pos.'], rows)}`);
  }
  const failed = r.images.filter((i) => i.failed !== undefined);
  if (failed.length) parts.push(`Failed images:\n\n${failed.map((i) => `- \`${i.name}\`: ${i.failed}`).join('\n')}`);
  return parts.join('\n\n');
}

/** Only when the run kept its matching: older reports render as before. */
function breakdowns(r: Report): string[] {
  const b = r.breakdowns;
  if (!b) return [];
  const rows = (rs: BreakdownRow[]) => rs.map((x) => [x.label, x.recall === null ? '–' : score(x.recall), `${x.gtMatched} / ${x.gt}`, x.precision === null ? '–' : score(x.precision), `${x.detMatched} / ${x.det}`]);
  const head = ['Bin', 'Recall', 'GT found', 'Precision', 'Detections right'];
  return [
    `## Breakdowns\n\nRecall counts care GT regions, precision counts detections (IoU matching; height is the short side of the minimum-area rectangle in image pixels).\n\nBy text height:\n\n${table(head, rows(b.iou.byHeight))}\n\nBy orientation (within 10° of horizontal / vertical):\n\n${table(head, rows(b.iou.byOrientation))}`,
  ];
}

/** Only when a sweep ran; the best setting is said to be tuned on the data it is scored on. */
function sensitivity(r: Report): string[] {
  const s = r.sensitivity;
  if (!s) return [];
  const at = (thresh: number, unclipRatio: number) => `thresh ${thresh}, unclip_ratio ${unclipRatio}`;
  const best = s.best
    ? `Best on this data: **${at(s.best.thresh, s.best.unclipRatio)}**, ${s.metric} ${score(s.best.hmean)} vs ${score(s.profile.hmean)} at the profile's ${at(s.profile.thresh, s.profile.unclipRatio)}${s.gain === null ? '' : ` (${signed(s.gain, 4)})`}.`
    : 'No setting of the grid could be scored.';
  const isBest = (t: number, u: number) => s.best?.thresh === t && s.best.unclipRatio === u;
  const rows = s.grid.thresh.map((t, i) => [String(t), ...s.grid.unclipRatio.map((u, j) => {
    const h = score(s.cells[i * s.grid.unclipRatio.length + j].hmean);
    return isBest(t, u) ? `**${h}**` : h;
  })]);
  return [
    [
      '## Post-processing sensitivity',
      `**Tuned on the evaluation data**: the best setting is chosen on the images it is scored on, so its gain is optimistic; confirm it on held-out data before adopting it.`,
      `${best} Every cell at box_thresh ${s.boxThresh}, min_size ${s.minSize}, over ${count(s.images, 'image')}; the sweep cost ${ms(s.msPerImage)} per image (${count(s.cells.length, 'setting')}).`,
      ...(s.boxThreshTuned
        ? [`At the profile's ${at(s.profile.thresh, s.profile.unclipRatio)}, the best box_thresh on this data (0.05 steps, re-scored from the run's candidates) is **${s.boxThreshTuned.boxThresh}**: ${s.metric} ${score(s.boxThreshTuned.hmean)}${s.boxThreshTuned.gain === null ? '' : ` (${signed(s.boxThreshTuned.gain, 4)} over box_thresh ${s.boxThresh})`}.`]
        : []),
      `${s.metric} by thresh (rows) and unclip_ratio (columns):\n\n${table(['thresh', ...s.grid.unclipRatio.map(String)], rows)}`,
    ].join('\n\n'),
  ];
}

function issues(r: Report): string {
  const found = identifyIssues(r);
  return `## Identified issues\n\n${found.length ? found.map((i) => `- ${i}`).join('\n') : 'None found.'}`;
}

function thresholds(t: ThresholdsReport | null): string {
  if (!t) return '## Thresholds\n\nNo thresholds checked.';
  const status = { pass: 'pass', fail: '**FAIL**', 'not measured': 'not measured' };
  const rows = t.results.map((x) => [`\`${x.rule}\``, `${plain(x.limit, 4)} ${x.unit}`.trim(), x.figure === null ? 'n/a' : `${plain(x.figure, 4)} ${x.unit}`.trim(), status[x.status], x.message]);
  const unknown = t.unknownKeys.length ? `\n\nUnknown keys, not applied: ${t.unknownKeys.map((k) => `\`${k}\``).join(', ')}.` : '';
  return `## Thresholds\n\nFrom \`${t.source}\`.\n\n${table(['Rule', 'Limit', 'Figure', 'Result', 'Message'], rows)}${unknown}`;
}

function comparison(c: Comparison | null): string {
  if (!c) return '## Baseline comparison\n\nNo baseline given.';
  const warnings = c.warnings.length ? `Not like with like:\n\n${c.warnings.map((w) => `- ${w}.`).join('\n')}` : '';
  const rows = c.rows.map((row) => [row.metric, comparisonValue(row.baseline, row.unit), comparisonValue(row.now, row.unit), comparisonChange(row), row.verdict === 'regression' ? '**regression**' : row.verdict]);
  const head = `Against \`${c.baseline.runId}\` (${c.baseline.startedAt}, detscope ${c.baseline.detscopeVersion}).`;
  return ['## Baseline comparison', head, warnings, table(['Metric', 'Baseline', 'Now', 'Change', 'Verdict'], rows)].filter(Boolean).join('\n\n');
}
