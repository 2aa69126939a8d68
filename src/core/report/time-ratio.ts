import { mulberry32 } from '../numerics/prng';
import { median } from '../profiler/stats';

/** How much slower one run is than another, with a bootstrap interval. */
export interface TimeRatio {
  /** 1.1 is 10 % slower. */
  ratio: number;
  low: number;
  high: number;
  /** Confidence level of [low, high], e.g. 0.95. */
  level: number;
  /** Paired: the median of per-image ratios over the images both runs timed. Unpaired: the ratio of the two medians. */
  paired: boolean;
  samplesNow: number;
  samplesBaseline: number;
}

export interface BootstrapOptions {
  resamples?: number;
  level?: number;
  /** Fixed by default so that the same two reports always get the same verdict. */
  seed?: number;
}

/** Fewer samples than this on either side give no interval worth a verdict. */
export const MIN_SAMPLES = 5;

/**
 * Percentile bootstrap of the slowdown from per-image times (by image index). When both runs
 * timed at least MIN_SAMPLES of the same images, each image is compared with itself: image
 * sizes differ far more than runs do, and pairing takes that spread out of the interval.
 * Otherwise the two sets are resampled independently. Medians, not means: one image that
 * waited for a busy core, or the first one's shader compilation, moves a mean by tens of
 * percent on a shared 2-core machine, and two means of the same run then read as a regression.
 */
export function timeRatio(now: ReadonlyMap<number, number>, baseline: ReadonlyMap<number, number>, opts: BootstrapOptions = {}): TimeRatio | null {
  const common = [...now.keys()].filter((k) => baseline.has(k));
  const sizes = { samplesNow: now.size, samplesBaseline: baseline.size };
  if (common.length >= MIN_SAMPLES) {
    const ratios = Float64Array.from(common, (k) => now.get(k)! / baseline.get(k)!);
    return { ...bootstrap([ratios], ([r]) => r, opts), paired: true, ...sizes };
  }
  if (now.size < MIN_SAMPLES || baseline.size < MIN_SAMPLES) return null;
  const samples = [Float64Array.from(now.values()), Float64Array.from(baseline.values())];
  return { ...bootstrap(samples, ([a, b]) => a / b, opts), paired: false, ...sizes };
}

/** `combine` of the medians of `samples`, and its percentile interval over resamples of each sample. */
function bootstrap(samples: Float64Array[], combine: (medians: number[]) => number, opts: BootstrapOptions) {
  const { resamples = 2000, level = 0.95, seed = 0x5eed } = opts;
  const rand = mulberry32(seed);
  const buffers = samples.map((s) => new Float64Array(s.length));
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    stats[r] = combine(
      samples.map((s, j) => {
        const into = buffers[j];
        for (let i = 0; i < into.length; i++) into[i] = s[Math.floor(rand() * s.length)];
        return median(into.sort());
      }),
    );
  }
  stats.sort();
  const tail = (1 - level) / 2;
  const at = (q: number) => stats[Math.round(q * (resamples - 1))];
  return { ratio: combine(samples.map((s) => median(Float64Array.from(s).sort()))), low: at(tail), high: at(1 - tail), level };
}
