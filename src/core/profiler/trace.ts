import type { Span } from './span';

/** A Chrome trace-event file (the JSON Object Format), as Perfetto and chrome://tracing open it. */
export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
}

export type TraceEvent =
  | { name: string; cat: string; ph: 'X'; ts: number; dur: number; pid: 1; tid: number; args: Record<string, number> }
  | { name: 'thread_name' | 'process_name'; ph: 'M'; pid: 1; tid: number; args: { name: string } };

/**
 * Spans as complete ('X') events in microseconds since the first span, one thread (track)
 * per worker, named by a metadata event, all in process 1.
 */
export function toChromeTrace(spans: readonly Span[], processName = 'detscope'): ChromeTrace {
  const origin = spans.reduce((t, s) => Math.min(t, s.start), Infinity);
  const tids = new Map<string, number>();
  const events: TraceEvent[] = [{ name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: processName } }];
  for (const s of spans) {
    let tid = tids.get(s.worker);
    if (tid === undefined) {
      tid = tids.size + 1;
      tids.set(s.worker, tid);
      events.push({ name: 'thread_name', ph: 'M', pid: 1, tid, args: { name: s.worker } });
    }
    const args: Record<string, number> = { batch: s.batch };
    if (s.image !== undefined) args.image = s.image;
    events.push({
      name: s.stage,
      cat: s.stage,
      ph: 'X',
      ts: (s.start - origin) * 1000,
      dur: (s.end - s.start) * 1000,
      pid: 1,
      tid,
      args,
    });
  }
  return { traceEvents: events, displayTimeUnit: 'ms' };
}
