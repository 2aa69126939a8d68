import { deflateSync, inflateSync } from 'fflate';
import type { CollateMaps } from '../collate/collate';

/**
 * Compact, bit-exact encoding of a pair of collate maps for the persistent cache.
 *
 * - prob is binary: stored as run lengths (varints), alternating 0-runs and 1-runs.
 * - thresh equals one background value (float32 threshMin) outside the dilated boxes:
 *   stored as run lengths of background / other pixels, plus, for the other pixels, the
 *   difference of their float32 bit patterns from the previous pixel's (distances vary
 *   smoothly along a row), byte-plane shuffled (all first bytes, then all second
 *   bytes...). Measured on receipt-like maps: deflate alone ~230 KB per 640x640 entry,
 *   shuffled differences ~130 KB, and inflating them 4x faster.
 * - all of it deflated (fflate), behind a magic number and an FNV-1a checksum of the
 *   compressed bytes, so a damaged or foreign entry fails to decode instead of
 *   returning wrong maps.
 */

const MAGIC = 0x31435344; // "DSC1"
const HEADER_WORDS = 6;
const ONE_BITS = 0x3f800000; // float32 1.0
/** Bump when the encoding changes: part of cache keys, so old entries stop matching. */
export const CODEC_VERSION = 1;

export class CorruptEntryError extends Error {
  constructor(why: string) {
    super(`cache entry cannot be decoded: ${why}`);
    this.name = 'CorruptEntryError';
  }
}

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** A growable byte buffer of LEB128 varints. */
class VarintWriter {
  bytes = new Uint8Array(4096);
  length = 0;
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
  }
}

/**
 * Alternating run lengths of "bits[i] equals `value`" true/false over `bits`, starting
 * with a (possibly empty) run of equal items. Returns the run count.
 */
function runs(bits: Uint32Array, value: number, out: VarintWriter): number {
  let count = 0;
  let equal = true;
  let start = 0;
  for (let i = 0; i < bits.length; i++) {
    if ((bits[i] === value) !== equal) {
      out.push(i - start);
      count++;
      start = i;
      equal = !equal;
    }
  }
  out.push(bits.length - start);
  return count + 1;
}

/** Encodes the maps; null when prob is not binary (then the entry is not cacheable). */
export function encodeMaps(maps: CollateMaps, height: number, width: number, background: number): Uint8Array | null {
  const { prob, thresh } = maps;
  const n = height * width;
  if (prob.length !== n || thresh.length !== n) return null;
  const probBits = new Uint32Array(prob.buffer, prob.byteOffset, n);
  for (let i = 0; i < n; i++) if (probBits[i] !== 0 && probBits[i] !== ONE_BITS) return null;
  const bg = Math.fround(background);
  const bgBits = new Uint32Array(new Float32Array([bg]).buffer)[0];
  const bits = new Uint32Array(thresh.buffer, thresh.byteOffset, n);
  const probRuns = new VarintWriter();
  const probRunCount = runs(probBits, 0, probRuns);
  const threshRuns = new VarintWriter();
  const threshRunCount = runs(bits, bgBits, threshRuns);
  let others = 0;
  for (let i = 0; i < n; i++) if (bits[i] !== bgBits) others++;

  const body = new Uint8Array(HEADER_WORDS * 4 + probRuns.length + threshRuns.length + others * 4);
  const header = new DataView(body.buffer);
  [height, width, probRunCount, threshRunCount, others].forEach((v, k) => header.setUint32(4 * k, v, true));
  header.setFloat32(20, bg, true);
  let at = HEADER_WORDS * 4;
  body.set(probRuns.bytes.subarray(0, probRuns.length), at);
  at += probRuns.length;
  body.set(threshRuns.bytes.subarray(0, threshRuns.length), at);
  at += threshRuns.length;
  for (let i = 0, j = at; i < n; i++) {
    const v = bits[i];
    if (v === bgBits) continue;
    const d = (v - (i > 0 ? bits[i - 1] : 0)) >>> 0;
    body[j] = d & 0xff;
    body[j + others] = (d >>> 8) & 0xff;
    body[j + 2 * others] = (d >>> 16) & 0xff;
    body[j + 3 * others] = d >>> 24;
    j++;
  }

  const packed = deflateSync(body, { level: 1 });
  const out = new Uint8Array(8 + packed.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, fnv1a(packed), true);
  out.set(packed, 8);
  return out;
}

/** Decodes an entry made by encodeMaps; throws CorruptEntryError unless it is intact and of this size. */
export function decodeMaps(entry: Uint8Array, height: number, width: number): CollateMaps {
  if (!(entry instanceof Uint8Array) || entry.length < 8) throw new CorruptEntryError('too short');
  const view = new DataView(entry.buffer, entry.byteOffset, entry.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new CorruptEntryError('bad magic');
  const packed = entry.subarray(8);
  if (view.getUint32(4, true) !== fnv1a(packed)) throw new CorruptEntryError('checksum mismatch');
  let body: Uint8Array;
  try {
    body = inflateSync(packed);
  } catch (e) {
    throw new CorruptEntryError(`inflate failed (${(e as Error).message})`);
  }
  if (body.length < HEADER_WORDS * 4) throw new CorruptEntryError('truncated header');
  const header = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const [h, w, probRunCount, threshRunCount, others] = [0, 1, 2, 3, 4].map((k) => header.getUint32(4 * k, true));
  if (h !== height || w !== width) throw new CorruptEntryError(`size ${w}x${h}, expected ${width}x${height}`);
  const bg = header.getFloat32(20, true);
  const n = h * w;
  let at = HEADER_WORDS * 4;
  const readVarint = (): number => {
    let v = 0;
    let shift = 0;
    for (;;) {
      if (at >= body.length) throw new CorruptEntryError('truncated runs');
      const b = body[at++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
      shift += 7;
    }
  };
  const prob = new Float32Array(n);
  let pos = 0;
  for (let r = 0; r < probRunCount; r++) {
    const len = readVarint();
    if (pos + len > n) throw new CorruptEntryError('prob runs overflow');
    if (r & 1) prob.fill(1, pos, pos + len);
    pos += len;
  }
  if (pos !== n) throw new CorruptEntryError('prob runs do not cover the map');

  const thresh = new Float32Array(n).fill(bg);
  const bits = new Uint32Array(thresh.buffer);
  const starts: number[] = [];
  pos = 0;
  for (let r = 0; r < threshRunCount; r++) {
    const len = readVarint();
    if (pos + len > n) throw new CorruptEntryError('thresh runs overflow');
    if (r & 1) starts.push(pos, len);
    pos += len;
  }
  if (pos !== n) throw new CorruptEntryError('thresh runs do not cover the map');
  if (body.length !== at + others * 4) throw new CorruptEntryError('value count mismatch');
  let j = at;
  for (let s = 0; s < starts.length; s += 2) {
    for (let i = starts[s], end = starts[s] + starts[s + 1]; i < end; i++, j++) {
      const d = body[j] | (body[j + others] << 8) | (body[j + 2 * others] << 16) | (body[j + 3 * others] << 24);
      bits[i] = (d + (i > 0 ? bits[i - 1] : 0)) >>> 0;
    }
  }
  if (j !== at + others) throw new CorruptEntryError('value count mismatch');
  return { prob, thresh };
}
