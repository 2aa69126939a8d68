import type { Report } from './schema';

/** What a run's checkpoints cost, for the figures and for tests. */
export interface CheckpointStats {
  writes: number;
  /** Writes that threw (storage full, private mode): the run went on without them. */
  failures: number;
  lastError: string | null;
  /** Main-thread time spent building partial reports. */
  buildMs: number;
  /** Time from each build's start to its write's end, summed (the IndexedDB part runs off the main thread). */
  totalMs: number;
}

/** Where a running run's partial report goes, and who hears the totals when the run ends. */
export interface CheckpointTarget {
  write(report: Report): Promise<void>;
  done?(stats: CheckpointStats): void;
  /** See CheckpointOptions; tests shorten it. */
  minGapMs?: number;
}

export interface CheckpointOptions {
  /** The partial report of what has finished so far; called when a write is due, so it is the latest. */
  build(): Report;
  write(report: Report): Promise<void>;
  /** Least time between the end of one write and the start of the next. */
  minGapMs?: number;
  /** The most of the run's time checkpoints may take: after a write that took t, the next waits t·(1 − share)/share. */
  maxShare?: number;
  clock?: () => number;
}

/**
 * Keeps a running run's partial report in storage so that a reload or crash loses at most the
 * last few seconds of work. A throttle with a trailing write: one write at a time, the gap
 * after each growing with its cost, so a large report on a slow disk costs the run at most
 * `maxShare` of its time; the last offer is always written once the gap allows, until stopped.
 * A failed write is counted and never thrown: losing a checkpoint must not stop the run.
 */
export class Checkpointer {
  readonly stats: CheckpointStats = { writes: 0, failures: 0, lastError: null, buildMs: 0, totalMs: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private due = false;
  private stopped = false;
  private lastEnd = -Infinity;
  private lastCost = 0;
  private readonly minGapMs: number;
  private readonly maxShare: number;
  private readonly clock: () => number;

  constructor(private readonly opts: CheckpointOptions) {
    this.minGapMs = opts.minGapMs ?? 2000;
    this.maxShare = opts.maxShare ?? 0.05;
    this.clock = opts.clock ?? (() => performance.now());
  }

  /** Something finished: a write becomes due. */
  offer(): void {
    if (this.stopped) return;
    this.due = true;
    this.schedule();
  }

  /** No more writes; resolves when the one in flight has ended, so a final save written after it is not overwritten. */
  async stop(): Promise<CheckpointStats> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
    return this.stats;
  }

  private schedule(): void {
    if (this.timer !== null || this.inFlight !== null || !this.due || this.stopped) return;
    const gap = Math.max(this.minGapMs, (this.lastCost * (1 - this.maxShare)) / this.maxShare);
    this.timer = setTimeout(() => this.fire(), Math.max(0, this.lastEnd + gap - this.clock()));
  }

  private fire(): void {
    this.timer = null;
    if (this.stopped) return;
    this.due = false;
    const start = this.clock();
    const ended = (error: unknown) => {
      const end = this.clock();
      if (error !== null) {
        this.stats.failures++;
        this.stats.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      } else this.stats.writes++;
      this.lastCost = end - start;
      this.stats.totalMs += this.lastCost;
      this.lastEnd = end;
      this.inFlight = null;
      this.schedule();
    };
    let report: Report;
    try {
      report = this.opts.build();
    } catch (e) {
      ended(e);
      return;
    }
    this.stats.buildMs += this.clock() - start;
    // write() may throw before returning its promise (an IndexedDB put on a full origin does).
    this.inFlight = Promise.resolve()
      .then(() => this.opts.write(report))
      .then(
        () => ended(null),
        (e: unknown) => ended(e ?? new Error('checkpoint write failed')),
      );
  }
}
