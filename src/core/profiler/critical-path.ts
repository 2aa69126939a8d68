import type { Span } from './span';
import type { NonNegative } from '../numerics/number-kinds';

/** Share of the wall time per stage, each in [0, 1]. */
export type Shares = Record<string, NonNegative>;

export interface CriticalPath {
  /** Spans on the path, earliest first; the first may be cut at the start of its successor. */
  path: Span[];
  /** Time on the path per stage / wall time. */
  shares: Shares;
  /** Gaps on the path (nothing had just finished) / wall time. Shares plus idle sum to 1. */
  idleShare: number;
}

/**
 * The chain of work that decided when the run ended. Start at the span that ends last; its
 * predecessor is the span that ended latest at or before it started (what it most plausibly
 * waited for: the previous stage of its batch, or the previous batch on its worker), ties to
 * the longer span; repeat until the start of the run. The time between a predecessor's end
 * and its successor's start is idle. When nothing ended before a span started, every earlier
 * span was still running, and the path ends with the run's first span, cut where its
 * successor started. So the path covers the wall interval exactly once, and a stage's share
 * says how much of the wall time would shrink if that stage were infinitely fast, as far as
 * the recorded spans show.
 */
export function criticalPath(spans: readonly Span[]): CriticalPath | null {
  const work = spans.filter((s) => s.end > s.start);
  if (work.length === 0) return null;
  const byEnd = [...work].sort((a, b) => a.end - b.end || a.start - b.start);
  const first = work.reduce((a, b) => (b.start < a.start ? b : a));
  const wallStart = first.start;
  const wall = byEnd[byEnd.length - 1].end - wallStart;
  const time = new Map<string, number>();
  const add = (stage: string, ms: number) => time.set(stage, (time.get(stage) ?? 0) + ms);
  const path: Span[] = [];
  let idle = 0;
  let cursor = byEnd[byEnd.length - 1].end;
  while (cursor > wallStart) {
    // Spans have positive length, so one that ended by the cursor also started before it.
    const i = lastEndingBy(byEnd, cursor);
    if (i < 0) {
      path.push({ ...first, end: cursor });
      add(first.stage, cursor - wallStart);
      break;
    }
    const p = byEnd[i];
    path.push(p);
    idle += cursor - p.end;
    add(p.stage, p.end - p.start);
    cursor = p.start;
  }
  path.reverse();
  const shares: Shares = {};
  for (const [stage, ms] of time) shares[stage] = ms / wall;
  return { path, shares, idleShare: idle / wall };
}

/** Index of the last span whose end is at most `t`, or -1. */
function lastEndingBy(byEnd: readonly Span[], t: number): number {
  let lo = 0;
  let hi = byEnd.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byEnd[mid].end <= t) lo = mid + 1;
    else hi = mid;
  }
  // Among spans with the same end the longest sorts first; step back to it.
  let i = lo - 1;
  while (i > 0 && byEnd[i - 1].end === byEnd[i].end) i--;
  return i;
}
