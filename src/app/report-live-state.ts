import type { LiveState } from '../core/pipeline/evaluation';
import { runCounts } from '../core/report/run-counts';
import type { Report } from '../core/report/schema';

/**
 * A saved run as the live view shows a run that has ended: what a run opened from History
 * puts in the progress line, the charts and the memory figures, so that none of them shows
 * the page's latest run instead. `now` is the end of the run, so the elapsed clock reads its wall time.
 */
export function liveStateOfReport(report: Report): { state: LiveState; now: number } {
  const { run, memory } = report;
  return {
    state: {
      started: run.imagesDone,
      done: run.imagesDone,
      total: run.imagesTotal,
      failed: runCounts(report).failed,
      startedAt: Date.parse(run.startedAt),
      spans: report.spans ?? [],
      outcomes: [],
      cache: report.cache,
      memory: memory.samples.at(-1) ?? null,
      peakMemory: { jsHeapBytes: memory.summary.jsHeapBytes.peak, gpuBytes: memory.summary.gpuBytes.peak },
      inFlight: [],
      mapDigests: {},
      runId: run.id,
    },
    now: Date.parse(run.finishedAt),
  };
}
