import { hitRate } from '../cache/cache-stats';
import type { CacheStatsSnapshot } from '../cache/cache-snapshot';
import { summarizeMemory } from '../profiler/memory';
import type { Span } from '../profiler/span';
import { shapeCosts } from '../profiler/shape-costs';
import { summarize } from '../profiler/stats';
import { stageStats, type TimingSummary } from '../profiler/timing';
import { ReportError } from '../errors';
import { accuracyFromImages } from '../metrics/accuracy';
import { mergeBreakdowns } from '../analysis/breakdown';
import { reportProblems } from './problems';
import { runCounts } from './run-counts';
import type { Report } from './schema';

/**
 * One report from the shard reports of a `--shard I/N` run, as if one machine had run them
 * one after another:
 * - accuracy from the per-image results (summed counts, means over images) in dataset
 *   order, so it equals the unsharded run's exactly;
 * - stage statistics from the shards' spans, which every shard report must carry, and
 *   batch statistics from the shards' batch times (shards batch their own images);
 * - wall time is the sum of the shards' (their clocks are different machines'), and
 *   throughput the images over it; critical-path and busy shares are wall-weighted means;
 * - thresholds and comparison are left for the caller to check again on the merged report.
 */
export function mergeReports(shards: readonly Report[], id = `merged-${shards[0]?.run.id ?? ''}`): Report {
  if (shards.length === 0) throw new ReportError('no shard reports to merge', 'Give the report.json of every shard.');
  const [first] = shards;
  sameEverywhere(shards, 'dataset content hash', (r) => r.dataset.contentHash);
  sameEverywhere(shards, 'model SHA-256', (r) => r.model?.sha256 ?? 'none');
  sameEverywhere(shards, 'execution provider', (r) => r.environment.ep);
  sameEverywhere(shards, 'CLEval mode', (r) => r.accuracy.cleval?.mode ?? 'none');
  sameEverywhere(shards, 'shard count', (r) => r.settings.shard?.count ?? 'unsharded');
  const images = shards.flatMap((r) => r.images).sort((a, b) => a.index - b.index);
  const duplicate = images.find((img, i) => i > 0 && images[i - 1].index === img.index);
  if (duplicate) throw new ReportError(`image ${duplicate.index} (${duplicate.name}) is in two shard reports`, 'Merge each shard once, all from one sharded run.');
  const count = first.settings.shard?.count ?? 1;
  const indices = new Set(shards.map((r) => r.settings.shard?.index));
  const spans = shards.flatMap((r, k) => shardSpans(r, k));
  const breakdowns = mergeBreakdowns(shards.map((r) => r.breakdowns));
  const samples = shards.flatMap((r) => r.memory.samples);
  return {
    ...first,
    run: {
      id,
      startedAt: shards.map((r) => r.run.startedAt).sort()[0],
      finishedAt: shards.map((r) => r.run.finishedAt).sort().at(-1)!,
      detscopeVersion: first.run.detscopeVersion,
      partial: shards.some((r) => r.run.partial) || indices.size < count,
      imagesDone: sum(shards.map((r) => r.run.imagesDone)),
      imagesFailed: sum(shards.map((r) => runCounts(r).failed)),
      imagesTotal: sum(shards.map((r) => r.run.imagesTotal)),
      mergedFrom: shards.map((r) => r.run.id),
    },
    dataset: mergedDataset(shards),
    settings: { ...first.settings, shard: null },
    timing: mergeTiming(shards, spans),
    memory: { ...first.memory, samples, summary: summarizeMemory(samples) },
    cache: mergeCache(shards.map((r) => r.cache)),
    accuracy: accuracyFromImages(images, first.accuracy.cleval?.mode ?? 'official'),
    ...(breakdowns ? { breakdowns } : {}),
    images,
    thresholds: null,
    comparison: null,
    spans,
  };
}

function sameEverywhere(shards: readonly Report[], what: string, pick: (r: Report) => string | number): void {
  const values = new Set(shards.map(pick));
  if (values.size > 1) throw new ReportError(`the shard reports differ in ${what}: ${[...values].join(', ')}`, 'Merge only the shards of one run: same dataset, model and settings.');
}

/** A shard's spans with batch numbers kept apart from other shards' and workers named by shard. */
function shardSpans(r: Report, k: number): Span[] {
  if (!r.spans) throw new ReportError(`shard report ${r.run.id} has no spans`, 'Write shard reports with their spans (the CLI does); stage percentiles cannot be merged without them.');
  const tag = r.settings.shard ? `shard ${r.settings.shard.index}` : `report ${k + 1}`;
  const batchBase = (r.settings.shard?.index ?? k + 1) * 1_000_000;
  return r.spans.map((s) => ({ ...s, batch: batchBase + s.batch, worker: `${tag}/${s.worker}` }));
}

function mergeTiming(shards: readonly Report[], spans: Span[]): TimingSummary {
  const timings = shards.map((r) => r.timing);
  const wall_s = sum(timings.map((t) => t.wall_s));
  const batchTimesMs = timings.flatMap((t) => t.batchTimesMs);
  const weighted = (pick: (t: TimingSummary) => Record<string, number> | undefined) => {
    const out: Record<string, number> = {};
    for (const t of timings) for (const [k, v] of Object.entries(pick(t) ?? {})) out[k] = (out[k] ?? 0) + (v * t.wall_s) / wall_s;
    return out;
  };
  const inference = timings.find((t) => t.inference)?.inference ?? null;
  const withPath = timings.filter((t) => t.criticalPath);
  return {
    wall_s,
    images_per_s: wall_s > 0 ? sum(shards.map((r) => runCounts(r).evaluated)) / wall_s : 0,
    stages: stageStats(spans),
    batches: summarize(batchTimesMs),
    batchTimesMs,
    inference: inference && {
      ...inference,
      // Each shard warmed up its own session: its first runs are cold.
      cold: summarize(shards.flatMap((r) => inferenceMs(r, inference.stage).slice(0, inference.warmupRuns))),
      warm: summarize(shards.flatMap((r) => inferenceMs(r, inference.stage).slice(inference.warmupRuns))),
    },
    criticalPath: withPath.length ? { shares: weighted((t) => t.criticalPath?.shares), idleShare: sum(withPath.map((t) => (t.criticalPath!.idleShare * t.wall_s) / wall_s)) } : null,
    busyShares: weighted((t) => t.busyShares),
    shapes: shapeCosts(spans, inference?.stage),
  };
}

function inferenceMs(r: Report, stage: string): number[] {
  return r.spans!.filter((s) => s.stage === stage).sort((a, b) => a.start - b.start).map((s) => s.end - s.start);
}

function mergeCache(caches: (CacheStatsSnapshot | null)[]): CacheStatsSnapshot | null {
  const present = caches.filter((c): c is CacheStatsSnapshot => c !== null);
  if (present.length === 0) return null;
  const total = (pick: (c: CacheStatsSnapshot) => number) => sum(present.map(pick));
  const hits = total((c) => c.memoryHits + c.diskHits);
  const lookups = hits + total((c) => c.misses);
  const after = total((c) => c.lookupsAfterWarmup);
  const notes = [...new Set(present.flatMap((c) => (c.note ? [c.note] : [])))];
  return {
    memoryHits: total((c) => c.memoryHits),
    diskHits: total((c) => c.diskHits),
    misses: total((c) => c.misses),
    hitRate: hitRate(hits, lookups),
    hitRateAfterWarmup: hitRate(total((c) => (c.hitRateAfterWarmup ?? 0) * c.lookupsAfterWarmup), after),
    warmupBatches: present[0].warmupBatches,
    lookupsAfterWarmup: after,
    entries: total((c) => c.entries),
    storedBytes: total((c) => c.storedBytes),
    evictions: total((c) => c.evictions),
    netTimeSavedMs: total((c) => c.netTimeSavedMs),
    persistence: present.every((c) => c.persistence === 'indexeddb') ? 'indexeddb' : 'memory-only',
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}

/** Each shard lists the whole dataset's problems, and its own run's: each problem once. */
function unique<T>(items: readonly T[]): T[] {
  return [...new Map(items.map((x) => [JSON.stringify(x), x])).values()];
}

function mergedDataset(shards: readonly Report[]): Report['dataset'] {
  const problems = shards.some((r) => r.dataset.problems) ? { problems: unique(shards.flatMap((r) => reportProblems(r))) } : {};
  return { ...shards[0].dataset, skipped: unique(shards.flatMap((r) => r.dataset.skipped)), ...problems };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
