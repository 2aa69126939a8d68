import { TIME_PER_IMAGE } from './baseline';
import { headlineHmean } from '../metrics/headline';
import { countsText, runCounts } from './run-counts';
import { MIN_SAMPLES } from './time-ratio';
import type { CheckStatus, Comparison, Report, ThresholdResult, Thresholds } from './schema';

const GiB = 1024 ** 3;
/** Images that may fail (undecodable, a stage error) before the run fails its gate. */
export const DEFAULT_MAX_FAILED_IMAGES = 0;

type Measured = { figure: number; note?: string } | { missing: string };

interface Rule {
  rule: string;
  unit: string;
  /** Whether the figure may be at most (max) or must be at least (min) the limit. */
  kind: 'max' | 'min';
  measure: (r: Report, t: Thresholds, c: Comparison | null) => Measured;
  limit: (t: Thresholds) => number | undefined;
}

const lookup = (t: Thresholds, path: string): number | undefined => {
  const [section, key] = path.split('.');
  return (t as Record<string, Record<string, number> | undefined>)[section]?.[key];
};

const rule = (name: string, unit: string, kind: Rule['kind'], measure: Rule['measure'], limit = (t: Thresholds) => lookup(t, name)): Rule => ({ rule: name, unit, kind, measure, limit });

/** The H-mean lost against the baseline (the time rule reads its own row's interval). */
const hmeanDrop = (c: Comparison | null): Measured => {
  if (!c) return { missing: 'no baseline given' };
  const delta = c.rows.find((x) => x.metric === 'H-mean')?.delta;
  return delta == null ? { missing: 'the baseline or this run has no h-mean' } : { figure: -delta };
};

const finished = (r: Report, figure: number): Measured => (runCounts(r).evaluated > 0 ? { figure } : { missing: 'no image was evaluated' });

const gpuPeak = (r: Report, figure: (peak: number) => Measured): Measured => {
  const peak = r.memory.summary.gpuBytes.peak;
  if (peak !== null) return figure(peak);
  return { missing: r.environment.ep === 'webgpu' ? 'GPU buffers were not tracked' : `no GPU in use (${r.environment.ep})` };
};

const noise = (t: Thresholds) => t.tolerance?.measurement_noise_pct ?? 0;

const rules: Rule[] = [
  rule('validation.max_time_seconds', 's', 'max', (r) => finished(r, r.timing.wall_s)),
  rule('validation.min_samples_per_second', 'images/s', 'min', (r) => finished(r, r.timing.images_per_s)),
  rule(
    'validation.time_regression_threshold_pct',
    '% slower than baseline',
    'max',
    (_r, t, c) => {
      if (!c) return { missing: 'no baseline given' };
      const interval = c.rows.find((x) => x.metric === TIME_PER_IMAGE)?.interval;
      if (!interval) return { missing: `this run or the baseline has fewer than ${MIN_SAMPLES} timed images` };
      const pct = (x: number) => `${x >= 0 ? '+' : ''}${round(x)} %`;
      // The low end: the slowdown the data is sure of at this level; noise alone rarely clears it.
      return { figure: interval.lowPct, note: `low end of the ${interval.level * 100} % interval ${pct(interval.lowPct)} to ${pct(interval.highPct)} of the median time per image; limit includes ${noise(t)} % measurement noise` };
    },
    // The noise tolerance widens the limit, as it does the comparison's verdicts.
    (t) => {
      const pct = t.validation?.time_regression_threshold_pct;
      return pct === undefined ? undefined : pct + noise(t);
    },
  ),
  rule('memory.max_gpu_memory_gb', 'GiB', 'max', (r) => gpuPeak(r, (peak) => ({ figure: peak / GiB }))),
  rule('memory.max_gpu_memory_pct', '%', 'max', (r) =>
    gpuPeak(r, (peak) => (r.memory.gpuTotalBytes === null ? { missing: 'the browser does not expose the GPU memory size' } : { figure: (peak / r.memory.gpuTotalBytes) * 100 })),
  ),
  rule('memory.max_cpu_memory_pct', '%', 'max', (r) => {
    const peak = r.memory.summary.jsHeapBytes.peak;
    if (peak === null) return { missing: 'the JS heap was not measurable (needs cross-origin isolation or performance.memory)' };
    if (r.memory.systemTotalBytes === null) return { missing: "the machine's memory size is unknown in the browser (the CLI records it)" };
    return { figure: (peak / r.memory.systemTotalBytes) * 100, note: 'peak JS heap of the page and its workers' };
  }),
  rule('cache.min_hit_rate_pct', '%', 'min', (r, t) => {
    if (!r.cache) return { missing: 'the cache was off' };
    const warmup = t.cache?.warmup_batches ?? r.cache.warmupBatches;
    if (warmup !== r.cache.warmupBatches) return { missing: `the run measured after ${r.cache.warmupBatches} warm-up batches, the thresholds ask for ${warmup}` };
    if (r.cache.hitRateAfterWarmup === null) return { missing: `the run had no batches after ${warmup} warm-up batches` };
    return { figure: r.cache.hitRateAfterWarmup * 100, note: `after ${warmup} warm-up batches` };
  }),
  rule('accuracy.min_hmean', '', 'min', (r) => {
    const h = headlineHmean(r.accuracy);
    return h ? { figure: h.value, note: h.metric } : { missing: 'no accuracy metric ran' };
  }),
  rule('accuracy.max_hmean_drop', '', 'max', (_r, _t, c) => hmeanDrop(c)),
  // Applied even when the thresholds leave it out: a failed image fails CI unless allowed.
  rule(
    'validation.max_failed_images',
    'images',
    'max',
    (r, t) => ({ figure: runCounts(r).failed, note: t.validation?.max_failed_images === undefined ? `default ${DEFAULT_MAX_FAILED_IMAGES}; set validation.max_failed_images to allow failures` : undefined }),
    (t) => t.validation?.max_failed_images ?? DEFAULT_MAX_FAILED_IMAGES,
  ),
];

/**
 * Applies every configured rule to a report, and the failed-images gate whether configured
 * or not (a failed image must never pass unnoticed). A figure this environment could not measure
 * gives 'not measured' (with why), never 'pass'. Baseline rules use `comparison`, by
 * default the report's own.
 */
export function checkThresholds(report: Report, thresholds: Thresholds, comparison: Comparison | null = report.comparison): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  for (const r of rules) {
    const limit = r.limit(thresholds);
    if (limit === undefined) continue;
    const m = r.measure(report, thresholds, comparison);
    if ('missing' in m) {
      results.push({ rule: r.rule, status: 'not measured', figure: null, limit, unit: r.unit, message: `not measured: ${m.missing}` });
      continue;
    }
    const ok = r.kind === 'max' ? m.figure <= limit : m.figure >= limit;
    const status: CheckStatus = ok ? 'pass' : 'fail';
    const relation = r.kind === 'max' ? (ok ? 'within' : 'over') : ok ? 'meets' : 'under';
    const notes = [m.note, report.run.partial && `partial run, ${countsText(runCounts(report))}`].filter(Boolean).join('; ');
    const message = `${round(m.figure)} ${relation} the limit ${round(limit)}${notes ? ` (${notes})` : ''}`;
    results.push({ rule: r.rule, status, figure: m.figure, limit, unit: r.unit, message });
  }
  return results;
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
