/**
 * Shape buckets: the network input is padded (bottom and right) up to one of a few sizes, so
 * that a run on images of many sizes feeds the model a handful of shapes. On WebGPU every new
 * shape compiles its kernels and allocates its buffers again (seconds each on a software
 * adapter); a bucket pays that once.
 */
export interface ShapeBuckets {
  /** Each side rounded up to a multiple of this, e.g. 128... */
  multiple?: number;
  /** ...or up to the smallest of these sides that holds it (a side above them all is kept). */
  sides?: number[];
  /** Tensor value of the padding, after normalisation; normalised black when absent. */
  padValue?: number;
}

/** The bucket side that holds `side` pixels. */
export function bucketSide(side: number, buckets: ShapeBuckets): number {
  if (buckets.sides && buckets.sides.length > 0) {
    let best = Infinity;
    for (const s of buckets.sides) if (s >= side && s < best) best = s;
    return Number.isFinite(best) ? best : side;
  }
  const m = buckets.multiple ?? 0;
  return m > 0 ? Math.ceil(side / m) * m : side;
}

/**
 * Buckets from their text form: one side ("128", every side a multiple of it) or a list
 * ("320,640,960"). Null when the text is neither (a side below 1, not a whole number).
 */
export function parseBuckets(text: string): ShapeBuckets | null {
  const parts = text.split(',').map((p) => p.trim());
  const sides = parts.map(Number);
  if (parts.some((p) => p === '') || sides.some((s) => !Number.isInteger(s) || s < 1)) return null;
  return sides.length === 1 ? { multiple: sides[0] } : { sides };
}

/** The text form of buckets, as `parseBuckets` reads it. */
export function bucketsText(buckets: ShapeBuckets | undefined): string {
  if (!buckets) return '';
  return buckets.sides && buckets.sides.length > 0 ? buckets.sides.join(',') : String(buckets.multiple ?? '');
}
