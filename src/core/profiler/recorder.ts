import { batchTimes } from './batch-times';
import { now, type Span } from './span';
import { summarize, type Stats } from './stats';
import { stageStats, wallMs } from './timing';

export interface LiveFigures {
  stages: Record<string, Stats>;
  batches: Stats | null;
  wallMs: number;
}

/**
 * Collects spans during a run. Recording is a push; live figures are recomputed from all
 * spans on demand, which takes about a millisecond for a few thousand spans, well within
 * a UI that refreshes at most 4 times a second.
 */
export class Recorder {
  readonly spans: Span[] = [];

  record(span: Span): void {
    this.spans.push(span);
  }

  /** Times `work` as one span, recorded even when it throws. */
  async time<T>(fields: Omit<Span, 'start' | 'end'>, work: () => Promise<T> | T): Promise<T> {
    const start = now();
    try {
      return await work();
    } finally {
      this.record({ ...fields, start, end: now() });
    }
  }

  live(): LiveFigures {
    return {
      stages: stageStats(this.spans),
      batches: summarize(batchTimes(this.spans).map((b) => b.ms)),
      wallMs: wallMs(this.spans),
    };
  }
}
