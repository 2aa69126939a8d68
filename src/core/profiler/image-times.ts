import type { Span } from './span';

/**
 * The work each image cost, in milliseconds, by image index: the sum of its spans over every
 * stage. Unlike the run's wall time, this does not move when stages overlap differently or
 * when another process steals the machine between batches, and it gives one sample per
 * image, which is what a regression test needs (two wall times are two samples).
 */
export function imageTimesMs(spans: readonly Span[]): Map<number, number> {
  const perImage = new Map<number, number>();
  for (const s of spans) {
    if (s.image === undefined) continue;
    perImage.set(s.image, (perImage.get(s.image) ?? 0) + (s.end - s.start));
  }
  return perImage;
}
