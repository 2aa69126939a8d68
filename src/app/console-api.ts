import type { Detector, DetectResult } from '../core/pipeline/detector';
import type { LiveState } from '../core/pipeline/evaluation';
import type { Report } from '../core/report/schema';
import type { ModelProfile, PRESETS } from '../core/model/profiles';
import type { RescoreParams, Rescored } from '../core/analysis/rescore';
import type { Workbench } from './workbench.svelte';

/**
 * The page's console API, `window.detscope`: what a person can poke at in DevTools, and what
 * the CLI, the benchmarks and the browser tests drive. App.svelte implements it; every
 * consumer imports this type, so a change here is a type error wherever it is used.
 */
export interface DetscopeConsole {
  /** The page's state and work: settings, dataset, model, profile, running, cancel(). */
  readonly workbench: Workbench;
  /** The workbench's detector, as it was when the page mounted. */
  readonly detector: Detector;
  /** A detector with workers of its own, beside the page's (benchmarks time it alone). */
  createDetector(): Detector;
  /** A copy of a preset profile. */
  profile(id: keyof typeof PRESETS): ModelProfile;
  /** Presses Run: evaluates the loaded dataset, as the Run button does. */
  run(): Promise<void>;
  /** The single image's last detection (the Image tab), or null. */
  readonly result: DetectResult | null;
  /** The shown run's report, or null while none is shown. */
  readonly report: Report | null;
  /** The shown run at another box_thresh / min_size, without the model (what the Run tab's tuner shows); null without a report. */
  rescore(params: RescoreParams): Rescored | null;
  /** The run in progress (or last run), as the Run tab draws it. */
  readonly live: LiveState | null;
}

declare global {
  interface Window {
    /** Set when the app has mounted: wait for `'detscope' in window` before using it. */
    detscope: DetscopeConsole;
  }
}
