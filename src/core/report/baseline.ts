import { headlineHmean } from './headline';
import { runCounts } from './run-counts';
import type { Comparison, ComparisonRow, Report, Thresholds, Verdict } from './schema';

/** Which way is better for a figure, and whether the time-regression gate applies to it. */
interface Metric {
  metric: string;
  unit: string;
  pick: (r: Report) => number | null | undefined;
  better: 'lower' | 'higher';
  gate?: 'time' | 'hmean';
}

const metrics: Metric[] = [
  { metric: 'Validation time', unit: 's', pick: (r) => r.timing.wall_s, better: 'lower', gate: 'time' },
  { metric: 'Throughput', unit: 'images/s', pick: (r) => r.timing.images_per_s, better: 'higher', gate: 'time' },
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
 * Compares a run with a baseline report. Timings within the noise tolerance are unchanged;
 * validation time (and throughput, its mirror) beyond `time_regression_threshold_pct` plus
 * the noise is a regression, as is an H-mean drop over `accuracy.max_hmean_drop`. Other
 * figures are reported as better or worse without a gate.
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
    const verdict = m.unit === '' ? accuracyVerdict(worse, m.gate === 'hmean' ? hmeanGate : undefined) : timingVerdict(changePct === null ? 0 : (worse / Math.abs(b)) * 100, noise, m.gate === 'time' ? timeGate : undefined);
    return { metric: m.metric, unit: m.unit, baseline: b, now: n, delta, changePct, verdict };
  });
  return {
    baseline: { runId: baseline.run.id, startedAt: baseline.run.startedAt, detscopeVersion: baseline.run.detscopeVersion },
    warnings: likeWithLike(now, baseline),
    rows,
  };
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
  return warnings;
}
