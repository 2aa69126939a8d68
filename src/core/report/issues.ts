import { count } from './format';
import { countsText, runCounts } from './run-counts';
import type { Report } from './schema';

/** The original project's targets, used when the report carries no threshold of its own. */
const DEFAULT_MIN_HIT_RATE_PCT = 80;
const P95_OVER_MEAN = 1.5;
const STD_OVER_MEAN = 0.5;
const DOMINANT_STAGE_SHARE = 0.6;

/** Problems worth a look, each one sentence, found from the report alone. */
export function identifyIssues(report: Report): string[] {
  const issues: string[] = [];
  const { batches, criticalPath } = report.timing;
  if (batches && batches.count > 1) {
    if (batches.p95 > P95_OVER_MEAN * batches.mean)
      issues.push(`Batch times vary: P95 ${batches.p95.toFixed(1)} ms is over ${P95_OVER_MEAN}x the mean ${batches.mean.toFixed(1)} ms.`);
    if (batches.std > STD_OVER_MEAN * batches.mean)
      issues.push(`Batch times are unsteady: the standard deviation ${batches.std.toFixed(1)} ms is over half the mean ${batches.mean.toFixed(1)} ms.`);
  }
  for (const [stage, share] of Object.entries(criticalPath?.shares ?? {}))
    if (share > DOMINANT_STAGE_SHARE)
      issues.push(`Stage \`${stage}\` takes ${(share * 100).toFixed(1)} % of the critical path: speeding up the other stages will barely change the wall time.`);
  const cache = report.cache;
  const minHitPct = report.thresholds?.values.cache?.min_hit_rate_pct ?? DEFAULT_MIN_HIT_RATE_PCT;
  if (cache?.hitRateAfterWarmup != null && cache.hitRateAfterWarmup * 100 < minHitPct)
    issues.push(`Cache hit rate after ${cache.warmupBatches} warm-up batches is ${(cache.hitRateAfterWarmup * 100).toFixed(1)} %, under ${minHitPct} %.`);
  if (report.environment.ep === 'wasm' && report.environment.fallbackReason)
    issues.push(`Inference fell back to WASM: ${report.environment.fallbackReason}.`);
  const skipped = report.dataset.skipped.length;
  if (skipped > 0) issues.push(`${skipped} sample${skipped === 1 ? ' was' : 's were'} skipped (see Dataset).`);
  const counts = runCounts(report);
  if (counts.failed > 0) issues.push(`${count(counts.failed, 'image')} failed and ${counts.failed === 1 ? 'has' : 'have'} no results: the figures cover the ${counts.evaluated} evaluated.`);
  if (report.run.partial) issues.push(`Partial run${report.run.cancelled ? ' (cancelled)' : ''}: ${countsText(counts)}.`);
  return issues;
}
