import type { Stats } from '../profiler/stats';
import { bytes, ms, percent, plain, score, seconds, signed, table } from './format';
import { identifyIssues } from './issues';
import type { Comparison, Report, ThresholdsReport } from './schema';
import type { BreakdownRow } from '../analysis/breakdown';

/** The report as Markdown, from its JSON alone (so a saved report.json renders the same later). */
export function renderMarkdown(report: Report): string {
  return [header(report), performance(report), stages(report), memory(report), cache(report), accuracy(report), ...breakdowns(report), issues(report), thresholds(report.thresholds), comparison(report.comparison)]
    .join('\n\n')
    .concat('\n');
}

function header(r: Report): string {
  const { run, dataset: d, model: m, environment: e, settings: s } = r;
  const status = run.partial ? `**partial run, ${run.imagesDone} of ${run.imagesTotal} images**` : `complete, ${run.imagesDone} of ${run.imagesTotal} images`;
  const lines = [
    `# detscope report: ${d.name}`,
    '',
    `- Run: \`${run.id}\`, ${run.startedAt} to ${run.finishedAt}, detscope ${run.detscopeVersion}; ${status}`,
    ...(run.mergedFrom ? [`- Merged from ${run.mergedFrom.length} shard reports: ${run.mergedFrom.map((id) => `\`${id}\``).join(', ')}`] : []),
    `- Dataset: ${d.name} (${d.format}), ${d.images} images, ${d.polygons} polygons, ${d.skipped.length} skipped; content hash \`${d.contentHash.slice(0, 12)}\``,
    ...d.skipped.map((k) => `  - skipped \`${k.file}\`: ${k.reason}`),
    m ? `- Model: \`${m.fileName}\`, ${bytes(m.sizeBytes)}, SHA-256 \`${m.sha256.slice(0, 12)}\`, profile ${String(m.profile.id ?? 'custom')}` : '- Model: none (predictions from files)',
    `- Environment: ${e.browser}; EP ${e.ep}${e.fallbackReason ? ` (fallback: ${e.fallbackReason})` : ''}; adapter ${e.adapter ? `${e.adapter.vendor} ${e.adapter.architecture}${e.adapter.isFallback ? ' (fallback adapter)' : ''}` : 'none'}; ${e.threads} threads; cross-origin isolated: ${e.crossOriginIsolated ? 'yes' : 'no'}; hardware concurrency ${e.hardwareConcurrency}`,
    `- Settings: batch size ${s.batchSize}, ${s.workers} workers, cache ${s.cache ? 'on' : 'off'}, limit ${s.limit ?? 'none'}${s.shard ? `, shard ${s.shard.index}/${s.shard.count}` : ''}`,
  ];
  return lines.join('\n');
}

function performance(r: Report): string {
  const t = r.timing;
  const b = t.batches;
  const inf = t.inference;
  const rows = [
    ['Validation time (wall)', seconds(t.wall_s)],
    ['Batches', `${b?.count ?? 0} of up to ${r.settings.batchSize} images`],
    ['Mean batch time', ms(b?.mean)],
    ['Median batch time', ms(b?.median)],
    ['P95 / P99 batch time', `${ms(b?.p95)} / ${ms(b?.p99)}`],
    ['Std of batch time', ms(b?.std)],
    ['Throughput', `${plain(t.images_per_s)} images/s`],
  ];
  if (inf) {
    rows.push([`Inference, cold (first ${inf.warmupRuns} run${inf.warmupRuns === 1 ? '' : 's'}), mean`, ms(inf.cold?.mean)]);
    rows.push(['Inference, warm, mean / P95', `${ms(inf.warm?.mean)} / ${ms(inf.warm?.p95)}`]);
  }
  return `## Validation performance\n\nBatch time runs from the first stage start to the last stage end of a batch; warm-up batches included.\n\n${table(['Metric', 'Value'], rows)}`;
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
    [`Hit rate after ${c.warmupBatches} warm-up batches`, percent(c.hitRateAfterWarmup)],
    ['Entries / stored', `${c.entries} / ${bytes(c.storedBytes)}`],
    ['Evictions', String(c.evictions)],
    ['Net time saved', ms(c.netTimeSavedMs)],
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
    .filter((i) => i.cleval)
    .sort((a, b) => a.cleval!.hmean - b.cleval!.hmean || a.index - b.index)
    .slice(0, 5);
  if (worst.length) parts.push(`Lowest CLEval H-mean:\n\n${table(['Image', 'Recall', 'Precision', 'H-mean'], worst.map((i) => [i.name, score(i.cleval!.recall), score(i.cleval!.precision), score(i.cleval!.hmean)]))}`);
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
  const value = (x: number | null, unit: string) => (x === null ? 'n/a' : unit === '' ? score(x) : `${plain(x)} ${unit}`);
  const change = (row: Comparison['rows'][number]) =>
    row.delta === null ? 'n/a' : row.unit === '' ? signed(row.delta, 4) : row.changePct === null ? signed(row.delta, 2, ` ${row.unit}`) : signed(row.changePct, 1, ' %');
  const rows = c.rows.map((row) => [row.metric, value(row.baseline, row.unit), value(row.now, row.unit), change(row), row.verdict === 'regression' ? '**regression**' : row.verdict]);
  const head = `Against \`${c.baseline.runId}\` (${c.baseline.startedAt}, detscope ${c.baseline.detscopeVersion}).`;
  return ['## Baseline comparison', head, warnings, table(['Metric', 'Baseline', 'Now', 'Change', 'Verdict'], rows)].filter(Boolean).join('\n\n');
}
