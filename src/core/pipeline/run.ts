import type { Sample } from '../dataset/sample';
import type { Span } from '../profiler/span';
import type { ImageOutcome, ImageStages, RunSettings, SpanSink, StageName } from './run-types';

export interface RunHooks {
  signal?: AbortSignal;
  /** Every span as it is recorded. */
  onSpan?: (span: Span) => void;
  /** Every image as its work starts. */
  onImageStart?: (index: number) => void;
  /** Every image as it completes (or fails for good). */
  onImage?: (outcome: ImageOutcome) => void;
}

export interface RunResult {
  /** In dataset order; images not reached (cancel) are absent. */
  outcomes: ImageOutcome[];
  /** Images the run meant to evaluate. */
  total: number;
  partial: boolean;
  /** The signal stopped the run. */
  cancelled: boolean;
  spans: Span[];
}

/**
 * Thrown by a stage implementation to name the stage that failed (detect covers three). The
 * error itself stays its `cause`: outside a run (the Single-image tab) it is shown with its hint.
 */
export class StageFailure extends Error {
  constructor(
    readonly stage: StageName,
    cause: unknown,
    /** Said after the cause's message, e.g. how many attempts were made. */
    note = '',
  ) {
    super((cause instanceof Error ? cause.message : String(cause)) + note, { cause });
  }
}

async function stage<T>(name: StageName, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw e instanceof StageFailure ? e : new StageFailure(name, e);
  }
}

/**
 * Runs the dataset in fixed-order batches. At most `batchesInFlight` batches are in the
 * pipeline at once (back-pressure: decoded images and maps never pile up); within them,
 * the stages overlap because each image moves on as soon as its previous stage is done and
 * every stage is served by its own worker(s). A failing image is recorded and the run goes
 * on; a cancel stops new batches and keeps everything finished.
 */
export async function runEvaluation<Maps>(samples: readonly Sample[], stages: ImageStages<Maps>, settings: RunSettings, hooks: RunHooks = {}): Promise<RunResult> {
  const count = settings.limit > 0 ? Math.min(settings.limit, samples.length) : samples.length;
  const batchSize = Math.max(1, settings.batchSize);
  const spans: Span[] = [];
  const outcomes: ImageOutcome[] = [];
  const cancelled = () => hooks.signal?.aborted === true;

  const runImage = async (index: number, batch: number): Promise<void> => {
    if (cancelled()) return;
    const sample = samples[index];
    const sink: SpanSink = (stageName, worker, start, end, shape) => {
      const span: Span = { stage: stageName, batch, image: index, worker, start, end, ...(shape ? { shape } : {}) };
      spans.push(span);
      hooks.onSpan?.(span);
    };
    hooks.onImageStart?.(index);
    // The image's own signal: the run's cancel, or its time limit.
    const limit = new AbortController();
    const timer = settings.imageTimeoutS > 0 ? setTimeout(() => limit.abort(), settings.imageTimeoutS * 1000) : undefined;
    const signal = hooks.signal ? AbortSignal.any([hooks.signal, limit.signal]) : limit.signal;
    const outcome: ImageOutcome = { index, name: sample.name, batch, found: null, metrics: null, loss: null, failed: null, truncated: false };
    try {
      const detected = await stage('infer', () => stages.detect(sample, index, sink, signal));
      outcome.found = detected.found;
      outcome.truncated = detected.truncated;
      if (detected.sweep) outcome.sweep = detected.sweep;
      const [metrics, loss] = await Promise.all([
        stage('metrics', () => stages.evaluate(sample.gt, detected.detections, sink, signal)),
        settings.collate && stages.gtLoss ? stage('collate', () => stages.gtLoss!(sample, detected.maps, sink, index, signal)) : Promise.resolve(null),
      ]);
      outcome.metrics = metrics;
      outcome.loss = loss;
    } catch (e) {
      const failure = e instanceof StageFailure ? e : new StageFailure('infer', e);
      outcome.failed = { stage: failure.stage, message: failure.message };
      if (limit.signal.aborted && !cancelled()) {
        outcome.failed.message = `took longer than the per-image limit of ${settings.imageTimeoutS} s (in ${failure.stage}); its work was stopped. Raise the limit (run settings) if such images are expected`;
      }
    } finally {
      clearTimeout(timer);
    }
    // An image cut off by a cancel is not done: it is left out, not reported as failed.
    if (outcome.failed && cancelled()) return;
    outcomes.push(outcome);
    hooks.onImage?.(outcome);
  };

  const inFlight = new Set<Promise<void>>();
  for (let start = 0, batch = 0; start < count && !cancelled(); start += batchSize, batch++) {
    while (inFlight.size >= Math.max(1, settings.batchesInFlight)) await Promise.race(inFlight);
    if (cancelled()) break;
    const indices = Array.from({ length: Math.min(batchSize, count - start) }, (_, k) => start + k);
    const job = Promise.all(indices.map((i) => runImage(i, batch))).then(() => undefined);
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  }
  await Promise.all(inFlight);

  outcomes.sort((a, b) => a.index - b.index);
  return { outcomes, total: count, partial: outcomes.length < count, cancelled: cancelled(), spans };
}
