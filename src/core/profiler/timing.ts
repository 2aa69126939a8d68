import { batchTimes } from './batch-times';
import { busyShares } from './busy-shares';
import { criticalPath, type Shares } from './critical-path';
import type { Span } from './span';
import { shapeCosts, type ShapeCost } from './shape-costs';
import { summarize, type Stats } from './stats';
import type { Count, Fraction, NonNegative } from '../numerics/number-kinds';

export interface InferenceTiming {
  stage: string;
  /** How many of the first inference spans count as cold (pipeline compilation, first buffers). */
  warmupRuns: Count;
  cold: Stats | null;
  warm: Stats | null;
}

/** The run's timing figures, all computed from its spans. */
export interface TimingSummary {
  wall_s: NonNegative;
  images_per_s: NonNegative;
  /** Per stage, over every span of that stage, in milliseconds. */
  stages: Record<string, Stats>;
  /** Over every batch's time (first stage start to last stage end), warm-up included, as the original. */
  batches: Stats | null;
  /** Each batch's time in batch order: shard reports merge their batch statistics from these. */
  batchTimesMs: NonNegative[];
  inference: InferenceTiming | null;
  criticalPath: { shares: Shares; idleShare: Fraction } | null;
  busyShares: Shares;
  /** Per distinct input shape of the inference spans: first-run and warm cost (absent in reports before it). */
  shapes?: ShapeCost[];
}

export interface TimingOptions {
  /** Images that finished (the throughput's numerator). */
  images: number;
  inferStage?: string;
  warmupRuns?: number;
}

export function summarizeTiming(spans: readonly Span[], options: TimingOptions): TimingSummary {
  const { images, inferStage = 'infer', warmupRuns = 2 } = options;
  const wall_s = wallMs(spans) / 1000;
  const batchMs = batchTimes(spans).map((b) => b.ms);
  const path = criticalPath(spans);
  return {
    wall_s,
    images_per_s: wall_s > 0 ? images / wall_s : 0,
    stages: stageStats(spans),
    batches: summarize(batchMs),
    batchTimesMs: batchMs,
    inference: inferenceTiming(spans, inferStage, warmupRuns),
    criticalPath: path && { shares: path.shares, idleShare: path.idleShare },
    busyShares: busyShares(spans),
    shapes: shapeCosts(spans, inferStage),
  };
}

export function wallMs(spans: readonly Span[]): number {
  let start = Infinity;
  let end = -Infinity;
  for (const s of spans) {
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return spans.length > 0 ? end - start : 0;
}

export function stageStats(spans: readonly Span[]): Record<string, Stats> {
  const durations = new Map<string, number[]>();
  for (const s of spans) {
    const list = durations.get(s.stage);
    if (list) list.push(s.end - s.start);
    else durations.set(s.stage, [s.end - s.start]);
  }
  const stats: Record<string, Stats> = {};
  for (const [stage, list] of durations) stats[stage] = summarize(list)!;
  return stats;
}

/** Cold = the first `warmupRuns` inference spans by start time; warm = the rest. */
function inferenceTiming(spans: readonly Span[], stage: string, warmupRuns: number): InferenceTiming | null {
  const runs = spans.filter((s) => s.stage === stage).sort((a, b) => a.start - b.start);
  if (runs.length === 0) return null;
  const ms = runs.map((s) => s.end - s.start);
  return { stage, warmupRuns, cold: summarize(ms.slice(0, warmupRuns)), warm: summarize(ms.slice(warmupRuns)) };
}
