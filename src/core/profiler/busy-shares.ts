import type { Shares } from './critical-path';
import type { Span } from './span';

/**
 * Per stage, the length of the union of its spans / wall time: how much of the run that stage
 * was busy at all, whatever else ran at the same time. Overlapping stages each count, so the
 * shares can add up to more than 1 (that overlap is the pipelining at work).
 */
export function busyShares(spans: readonly Span[]): Shares {
  if (spans.length === 0) return {};
  let wallStart = Infinity;
  let wallEnd = -Infinity;
  const byStage = new Map<string, Span[]>();
  for (const s of spans) {
    wallStart = Math.min(wallStart, s.start);
    wallEnd = Math.max(wallEnd, s.end);
    const list = byStage.get(s.stage);
    if (list) list.push(s);
    else byStage.set(s.stage, [s]);
  }
  const wall = wallEnd - wallStart;
  const shares: Shares = {};
  for (const [stage, list] of byStage) shares[stage] = wall > 0 ? unionLength(list) / wall : 0;
  return shares;
}

function unionLength(spans: Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let total = 0;
  let runStart = sorted[0].start;
  let runEnd = sorted[0].end;
  for (const s of sorted) {
    if (s.start > runEnd) {
      total += runEnd - runStart;
      runStart = s.start;
    }
    runEnd = Math.max(runEnd, s.end);
  }
  return total + runEnd - runStart;
}
