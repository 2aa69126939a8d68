import { imageTimesMs } from '../profiler/image-times';
import { median } from '../profiler/stats';
import { headlineHmean } from '../metrics/headline';
import { runCounts } from './run-counts';
import type { Comparison, ComparisonRow, Report, Thresholds, Verdict } from './schema';
import { MIN_SAMPLES, timeRatio } from './time-ratio';

/** Which way is better for a figure, and whether the time-regression gate applies to it. */
interface Metric {
  metric: string;
  unit: string;
  pick: (r: Report) => number | null | undefined;
  better: 'lower' | 'higher';
  gate?: 'hmean';
}

/** The gated time figure: its verdict comes from the per-image distributions, see timeRow. */
export const TIME_PER_IMAGE = 'Time per image (median)';

const metrics: Metric[] = [
  { metric: 'Validation time', unit: 's', pick: (r) => r.timing.wall_s, better: 'lower' },
  { metric: 'Throughput', unit: 'images/s', pick: (r) => r.timing.images_per_s, better: 'higher' },
  { metric: 'Mean batch time', unit: 'ms', pick: (r) => r.timing.batches?.mean, better: 'lower' },
  { metric: 'P95 batch time', unit: 'ms', pick: (r) => r.timing.batches?.p95, better: 'lower' },
  { metric: 'Warm inference (mean)', unit: 'ms', pick: (r) => r.timing.inference?.warm?.mean, better: 'lower' },
  { metric: 'H-mean', unit: '', pick: (r) => headlineHmean(r.accuracy)?.value, better: 'higher', gate: 'hmean' },
  { metric: 'CLEval recall', unit: '', pick: (r) => r.accuracy.cleval?.recall, better: 'higher' },
  { metric: 'CLEval precision', unit: '', pick: (r) => r.accuracy.cleval?.precision, better: 'higher' },
  { metric: 'IoU H-mean', unit: '', pick: (r) => r.accuracy.iou?.hmean, better: 'higher' },
  { metric: 'Cache hit rate after warm-up', unit: '', pick: (r) => r.cache?.hitRateAfterWarmup, better: 'higher' },
];

/**
 * Compares a run with a baseline report. The time gate (`time_regression_threshold_pct`,
 * plus the noise tolerance) applies to the work per image: a regression only when the whole
 * bootstrap interval of the slowdown lies beyond it. An H-mean drop over
 * `accuracy.max_hmean_drop` is a regression too. Other figures, wall time among them, are
 * reported as better or worse without a gate: one wall time per run is one sample, and on a
 * shared machine two samples of the same run differ by tens of percent.
 */
export function compareReports(now: Report, baseline: Report, thresholds: Thresholds = {}): Comparison {
  const noise = thresholds.tolerance?.measurement_noise_pct ?? 0;
  const timeGate = thresholds.validation?.time_regression_threshold_pct;
  const hmeanGate = thresholds.accuracy?.max_hmean_drop;
  const rows = metrics.map((m): ComparisonRow => {
    const b = m.pick(baseline) ?? null;
    const n = m.pick(now) ?? null;
    if (b === null || n === null) return { metric: m.metric, unit: m.unit, baseline: b, now: n, delta: null, changePct: null, verdict: 'n/a' };
    const delta = n - b;
    const changePct = b !== 0 ? (delta / b) * 100 : null;
    const worse = m.better === 'lower' ? delta : -delta;
    const verdict = m.unit === '' ? accuracyVerdict(worse, m.gate === 'hmean' ? hmeanGate : undefined) : timingVerdict(changePct === null ? 0 : (worse / Math.abs(b)) * 100, noise, undefined);
    return { metric: m.metric, unit: m.unit, baseline: b, now: n, delta, changePct, verdict };
  });
  const warnings = likeWithLike(now, baseline);
  const time = timeRow(now, baseline, noise, timeGate);
  if (time.warning) warnings.push(time.warning);
  return {
    baseline: { runId: baseline.run.id, startedAt: baseline.run.startedAt, detscopeVersion: baseline.run.detscopeVersion },
    warnings,
    rows: [time.row, ...rows],
  };
}

/**
 * Median work per image, now against the baseline, with a 95 % bootstrap interval of the
 * change. Improved or worse only when the interval clears the noise tolerance; a regression
 * only when even its low end is beyond the gate.
 */
function timeRow(now: Report, baseline: Report, noise: number, gatePct: number | undefined): { row: ComparisonRow; warning?: string } {
  const n = imageTimesMs(now.spans ?? []);
  const b = imageTimesMs(baseline.spans ?? []);
  const med = (xs: Map<number, number>) => (xs.size > 0 ? median(Float64Array.from(xs.values()).sort()) : null);
  const row: ComparisonRow = { metric: TIME_PER_IMAGE, unit: 'ms', baseline: med(b), now: med(n), delta: null, changePct: null, verdict: 'n/a' };
  const ci = timeRatio(n, b);
  if (!ci) {
    const short = [n.size < MIN_SAMPLES && `this run has ${n.size}`, b.size < MIN_SAMPLES && `the baseline has ${b.size}`].filter(Boolean).join(' and ');
    return { row, warning: `no time verdict: ${short} timed images (at least ${MIN_SAMPLES} each are needed; reports without spans have none)` };
  }
  const pct = (ratio: number) => (ratio - 1) * 100;
  row.delta = row.now! - row.baseline!;
  row.changePct = pct(ci.ratio);
  row.interval = { lowPct: pct(ci.low), highPct: pct(ci.high), level: ci.level, paired: ci.paired, samplesNow: ci.samplesNow, samplesBaseline: ci.samplesBaseline };
  if (pct(ci.high) < -noise) row.verdict = 'improved';
  else if (pct(ci.low) <= noise) row.verdict = 'unchanged';
  else row.verdict = gatePct !== undefined && pct(ci.low) > gatePct + noise ? 'regression' : 'worse';
  return { row };
}

/** Fractions (accuracy, hit rate) are deterministic: any change counts; only the gate makes a drop a regression. */
function accuracyVerdict(drop: number, maxDrop: number | undefined): Verdict {
  if (drop < 0) return 'improved';
  if (drop === 0) return 'unchanged';
  return maxDrop !== undefined && drop > maxDrop ? 'regression' : 'worse';
}

/** Timings within the noise are unchanged; beyond the gate plus the noise, a regression. */
function timingVerdict(worsePct: number, noise: number, gatePct: number | undefined): Verdict {
  if (worsePct < -noise) return 'improved';
  if (worsePct <= noise) return 'unchanged';
  return gatePct !== undefined && worsePct > gatePct + noise ? 'regression' : 'worse';
}

/** A 1-minute load of half the cores or more leaves a run's stages waiting for a core. */
const BUSY_LOAD_PER_CPU = 0.5;

const adapterName = (r: Report) => (r.environment.adapter ? `${r.environment.adapter.vendor} ${r.environment.adapter.architecture}` : 'none');

function likeWithLike(now: Report, baseline: Report): string[] {
  const warnings: string[] = [];
  const differ = (what: string, a: unknown, b: unknown) => {
    if (a !== b) warnings.push(`${what} differs: baseline ${String(b)}, now ${String(a)}`);
  };
  differ('dataset content hash', now.dataset.contentHash, baseline.dataset.contentHash);
  differ('model SHA-256', now.model?.sha256 ?? 'none', baseline.model?.sha256 ?? 'none');
  differ('execution provider', now.environment.ep, baseline.environment.ep);
  differ('images evaluated', runCounts(now).evaluated, runCounts(baseline).evaluated);
  differ('batch size', now.settings.batchSize, baseline.settings.batchSize);
  differ('CLEval mode', now.accuracy.cleval?.mode ?? 'none', baseline.accuracy.cleval?.mode ?? 'none');
  differ('browser', now.environment.browser, baseline.environment.browser);
  differ('hardware concurrency', now.environment.hardwareConcurrency, baseline.environment.hardwareConcurrency);
  differ('GPU adapter', adapterName(now), adapterName(baseline));
  if (now.environment.host && baseline.environment.host) differ('CPU', now.environment.host.cpuModel, baseline.environment.host.cpuModel);
  for (const [which, r] of [['baseline', baseline], ['this run', now]] as const) {
    const host = r.environment.host;
    if (host && host.loadAverage1m / host.cpus >= BUSY_LOAD_PER_CPU) {
      warnings.push(`the machine was busy before ${which} (load ${host.loadAverage1m.toFixed(2)} on ${host.cpus} cores): its times include other processes' work`);
    }
  }
  return warnings;
}
