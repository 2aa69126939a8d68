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
