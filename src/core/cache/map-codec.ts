import type { GtMapSet } from '../gt-maps/gt-maps';
import { fnv1a, wordsOf } from '../numerics/fnv1a';

/**
 * Compact, bit-exact encoding of the GT maps for the persistent cache, built
 * to decode fast: a disk hit only pays when reading and decoding an entry costs well
 * under computing it (docs/reference-figures.md, "IndexedDB and compression").
 *
 * - prob is binary: stored as run lengths (varints), alternating 0-runs and 1-runs;
 *   threshMask likewise.
 * - thresh equals one background value (float32 threshMin) outside the dilated boxes:
 *   stored as run lengths of background / other pixels, plus one residual per other
 *   pixel. Inside a box the map is 1 - distance / D to an edge's line, which is planar
 *   in x and y, so the gradient prediction left + above - above-left is exact up to
 *   float32 rounding; residuals are mostly 0 or a few ulps and fit one varint byte.
 *   Prediction works on values, not bit patterns: the bits' slope halves where values
 *   cross a power of two (0.5), which made a third of the residuals 3 bytes long.
 *   Residuals are integers in units of 2^-scale, the ulp of the smallest value.
 * - no general-purpose compression: on 640x640 receipts deflate would shrink an entry
 *   to ~0.4 of its size but more than double its decode time (docs/reference-figures.md,
 *   "The polygon cache's entry").
 * - behind a magic number and an FNV-1a checksum of the body (padded to whole words),
 *   so a damaged or foreign entry fails to decode instead of returning wrong maps.
 */

const MAGIC = 0x33435344; // "DSC3"
/** height, width, prob runs, mask runs, thresh runs, bytes of run lengths, background, scale. */
const HEADER_BYTES = 32;
const ONE_BITS = 0x3f800000; // float32 1.0
/** Residuals are zigzag int32 with headroom: larger ones make the maps not cacheable. */
const MAX_RESIDUAL = 2 ** 30;
/** Bump when the encoding changes: part of cache keys, so old entries stop matching. */
export const CODEC_VERSION = 3;

export class CorruptEntryError extends Error {
  constructor(why: string) {
    super(`cache entry cannot be decoded: ${why}`);
    this.name = 'CorruptEntryError';
  }
}

/** A growable byte buffer of LEB128 varints. */
class VarintWriter {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  count = 0;
  push(v: number): void {
    if (this.length + 5 > this.bytes.length) {
      const next = new Uint8Array(this.bytes.length * 2);
      next.set(this.bytes);
      this.bytes = next;
    }
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
    this.count++;
  }
}

/**
 * The value predicted at pixel i of `t` (row width w) from pixels already known in
 * raster order. Encoder and decoder both call this, so both round alike. Falls back to
 * linear extrapolation along the row or column where the gradient's neighbours include
 * background (box edges).
 */
function predict(t: Float32Array, i: number, w: number, bg: number): number {
  if (i <= 2 * w + 1) return i > 0 ? t[i - 1] : bg;
  const a = t[i - 1];
  const c = t[i - w];
  const d = t[i - w - 1];
  if (a !== bg && c !== bg && d !== bg) return a + c - d;
  if (a !== bg) {
    const aa = t[i - 2];
    return aa !== bg ? 2 * a - aa : a;
  }
  if (c !== bg) {
    const cc = t[i - 2 * w];
    return cc !== bg ? 2 * c - cc : c;
  }
  return bg;
}

/** The smallest nonzero magnitude among the values and bg (Infinity if none). */
function smallestMagnitude(values: Float32Array, bg: number): number {
  let min = bg === 0 ? Infinity : Math.abs(bg);
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a !== 0 && a < min) min = a;
  }
  return min;
}

/**
 * Writes the alternating runs of prob, threshMask and thresh and the residuals of
 * thresh's other pixels; false when the maps are not encodable.
 */
function encodePixels(
  { prob, thresh, threshMask: mask }: GtMapSet,
  width: number,
  bg: number,
  scale: number,
  out: { probRuns: VarintWriter; maskRuns: VarintWriter; threshRuns: VarintWriter; residuals: VarintWriter },
): boolean {
  const probBits = new Uint32Array(prob.buffer, prob.byteOffset, prob.length);
  const bits = new Uint32Array(thresh.buffer, thresh.byteOffset, thresh.length);
  const bgBits = new Uint32Array(new Float32Array([bg]).buffer)[0];
  const up = 2 ** scale;
  const down = 2 ** -scale;
  const { probRuns, maskRuns, threshRuns, residuals } = out;
  let probOne = false;
  let probStart = 0;
  let maskOne = false;
  let maskStart = 0;
  let other = false;
  let otherStart = 0;
  for (let i = 0; i < bits.length; i++) {
    const p = probBits[i];
    if (p !== 0 && p !== ONE_BITS) return false;
    if (p !== 0 !== probOne) {
      probRuns.push(i - probStart);
      probStart = i;
      probOne = !probOne;
    }
    const m = mask[i];
    if (m > 1) return false;
    if (m === 1 !== maskOne) {
      maskRuns.push(i - maskStart);
      maskStart = i;
      maskOne = !maskOne;
    }
    if (bits[i] !== bgBits !== other) {
      threshRuns.push(i - otherStart);
      otherStart = i;
      other = !other;
    }
    if (!other) continue;
    const predicted = predict(thresh, i, width, bg);
    const r = (thresh[i] - predicted) * up;
    if (!Number.isInteger(r) || Math.abs(r) >= MAX_RESIDUAL || !Object.is(predicted + r * down, thresh[i])) return false;
    residuals.push(((r << 1) ^ (r >> 31)) >>> 0);
  }
  probRuns.push(bits.length - probStart);
  maskRuns.push(bits.length - maskStart);
  threshRuns.push(bits.length - otherStart);
  return true;
}

/**
 * Encodes the maps; null when they are not cacheable this way: prob or mask not binary, or
 * thresh values the residuals cannot reproduce bit for bit (NaN, -0, or a range too
 * wide for int32 residuals; makeGtMaps never makes them).
 */
export function encodeMaps(maps: GtMapSet, height: number, width: number, background: number): Uint8Array | null {
  const { prob, thresh, threshMask } = maps;
  const n = height * width;
  if (prob.length !== n || thresh.length !== n || threshMask.length !== n) return null;
  const bg = Math.fround(background);
  // residuals are integers in units of the ulp of the smallest value (24 significant bits)
  const min = smallestMagnitude(thresh, bg);
  const scale = min === Infinity ? 0 : 23 - Math.floor(Math.log2(min));
  const probRuns = new VarintWriter();
  const maskRuns = new VarintWriter();
  const threshRuns = new VarintWriter();
  const residuals = new VarintWriter();
  if (!encodePixels(maps, width, bg, scale, { probRuns, maskRuns, threshRuns, residuals })) return null;

  const runBytes = probRuns.length + maskRuns.length + threshRuns.length;
  const out = new Uint8Array(8 + ((HEADER_BYTES + runBytes + residuals.length + 3) & ~3));
  const body = out.subarray(8);
  const header = new DataView(out.buffer, 8);
  [height, width, probRuns.count, maskRuns.count, threshRuns.count, runBytes].forEach((v, k) => header.setUint32(4 * k, v, true));
  header.setFloat32(24, bg, true);
  header.setInt32(28, scale, true);
  body.set(probRuns.bytes.subarray(0, probRuns.length), HEADER_BYTES);
  body.set(maskRuns.bytes.subarray(0, maskRuns.length), HEADER_BYTES + probRuns.length);
  body.set(threshRuns.bytes.subarray(0, threshRuns.length), HEADER_BYTES + probRuns.length + maskRuns.length);
  body.set(residuals.bytes.subarray(0, residuals.length), HEADER_BYTES + runBytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setInt32(4, fnv1a(wordsOf(body)), true);
  return out;
}

/**
 * Rebuilds the pixels [pos, end) of one non-background run of thresh from residual
 * varints at bytes[at]; returns the index after its last residual. Its own function
 * with everything in locals or arguments: measured faster in Chromium than the same
 * loop inside decodeMaps, whose closure captures variables.
 */
function rebuildRun(thresh: Float32Array, pos: number, end: number, w: number, bg: number, down: number, bytes: Uint8Array, at: number): number {
  // predict() inlined for the common case, with the left and above-left neighbours
  // carried in locals: typed-array reads are the cost here
  let a = pos > 0 ? thresh[pos - 1] : bg;
  let d = pos > w ? thresh[pos - w - 1] : bg;
  for (let i = pos; i < end; i++) {
    // past the end, reads give undefined (0 here): decodeMaps checks the length
    let b = bytes[at++];
    let z = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[at++];
      z |= (b & 0x7f) << shift;
    }
    const c = i >= w ? thresh[i - w] : bg;
    const predicted = a !== bg && c !== bg && d !== bg && i > 2 * w + 1 ? a + c - d : predict(thresh, i, w, bg);
    a = Math.fround(predicted + ((z >>> 1) ^ -(z & 1)) * down);
    thresh[i] = a;
    d = c;
  }
  return at;
}

/**
 * Decodes an entry made by encodeMaps; throws CorruptEntryError unless it is intact and
 * of this size. `into`: maps of this size to overwrite instead of allocating new ones
 * (writing 3 MB of fresh memory costs ~1.2 ms of page faults in a browser).
 */
export function decodeMaps(entry: Uint8Array, height: number, width: number, into?: GtMapSet): GtMapSet {
  if (!(entry instanceof Uint8Array) || entry.length < 8 + HEADER_BYTES) throw new CorruptEntryError('too short');
  // the checksum reads words: an entry whose bytes are not 4-aligned is copied first
  if (entry.byteOffset % 4 !== 0) entry = entry.slice();
  const view = new DataView(entry.buffer, entry.byteOffset, entry.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new CorruptEntryError('bad magic');
  const body = entry.subarray(8);
  if (body.length % 4 !== 0 || view.getInt32(4, true) !== fnv1a(wordsOf(body))) throw new CorruptEntryError('checksum mismatch');
  // Small integers, not heap numbers (as getUint32 may give, through an array even more):
  // a width that is not one deoptimized rebuildRun and predict, compiled for small
  // integers by the encoder.
  const h = view.getInt32(8, true);
  const w = view.getInt32(12, true);
  const probRunCount = view.getInt32(16, true);
  const maskRunCount = view.getInt32(20, true);
  const threshRunCount = view.getInt32(24, true);
  const runBytes = view.getInt32(28, true);
  if (h !== height || w !== width) throw new CorruptEntryError(`size ${w}x${h}, expected ${width}x${height}`);
  const bg = view.getFloat32(8 + 24, true);
  const down = 2 ** -view.getInt32(8 + 28, true);
  const n = h * w;
  const runsEnd = HEADER_BYTES + runBytes;
  if (runsEnd > body.length) throw new CorruptEntryError('truncated runs');
  let at = HEADER_BYTES;
  const readRun = (): number => {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (at >= runsEnd) throw new CorruptEntryError('truncated runs');
      const b = body[at++];
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 128;
    }
  };

  // The result is made before the loops: V8 compiles them while they run (on-stack
  // replacement), and an object literal after them, never run by then, deoptimized the
  // decoder on each of its first ~30 calls in a fresh worker.
  const reuse = into !== undefined && into.prob.length === n && into.thresh.length === n && into.threshMask.length === n;
  const maps: GtMapSet = reuse ? into : { prob: new Float32Array(n), thresh: new Float32Array(n), threshMask: new Uint8Array(n) };
  const { prob, thresh, threshMask } = maps;
  if (reuse) {
    prob.fill(0);
    threshMask.fill(0);
  }
  let pos = 0;
  for (let r = 0; r < probRunCount; r++) {
    const len = readRun();
    if (pos + len > n) throw new CorruptEntryError('prob runs overflow');
    if (r & 1) prob.fill(1, pos, pos + len);
    pos += len;
  }
  if (pos !== n) throw new CorruptEntryError('prob runs do not cover the map');
  pos = 0;
  for (let r = 0; r < maskRunCount; r++) {
    const len = readRun();
    if (pos + len > n) throw new CorruptEntryError('mask runs overflow');
    if (r & 1) threshMask.fill(1, pos, pos + len);
    pos += len;
  }
  if (pos !== n) throw new CorruptEntryError('mask runs do not cover the map');

  // one fill: thousands of short fill() calls for the background runs cost more than
  // writing the other pixels twice
  thresh.fill(bg);
  let residual = runsEnd;
  pos = 0;
  for (let r = 0; r < threshRunCount; r++) {
    const len = readRun();
    if (pos + len > n) throw new CorruptEntryError('thresh runs overflow');
    if (r & 1) residual = rebuildRun(thresh, pos, pos + len, w, bg, down, body, residual);
    pos += len;
  }
  if (pos !== n) throw new CorruptEntryError('thresh runs do not cover the map');
  // the body ends with the residuals, then up to 3 bytes of padding
  if (residual > body.length || body.length - residual > 3) throw new CorruptEntryError('residual count mismatch');
  return maps;
}
