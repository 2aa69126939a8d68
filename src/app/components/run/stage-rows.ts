import { STAGES } from '../../../core/pipeline/run-types';
import { criticalPath } from '../../../core/profiler/critical-path';
import type { Span } from '../../../core/profiler/span';
import type { Stats } from '../../../core/profiler/stats';
import { stageStats } from '../../../core/profiler/timing';

export interface StageRow {
  stage: string;
  /** Share of the wall time this stage held the critical path, in [0, 1]. */
  share: number;
  stats: Stats;
}

export interface StageBreakdown {
  rows: StageRow[];
  /** Gaps on the critical path; with the rows' shares it sums to 1. */
  idleShare: number;
}

/** Each stage's critical-path share and duration stats, in pipeline order (unknown stages after, by name). */
export function stageBreakdown(spans: readonly Span[]): StageBreakdown {
  const stats = stageStats(spans);
  const path = criticalPath(spans);
  const rank = (stage: string) => {
    const i = (STAGES as readonly string[]).indexOf(stage);
    return i < 0 ? STAGES.length : i;
  };
  const rows = Object.keys(stats)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((stage) => ({ stage, share: path?.shares[stage] ?? 0, stats: stats[stage] }));
  return { rows, idleShare: path?.idleShare ?? 0 };
}
