/**
 * Border following (Suzuki & Abe) as OpenCV 4.6's `findContours(img, RETR_LIST,
 * CHAIN_APPROX_SIMPLE)` does it on an 8-bit image: outer borders and hole borders,
 * 8-connected, each as the corner points of its chain code, in OpenCV's output order.
 * Following OpenCV step by step (its start directions, its pixel marks, its scan
 * resumption) matters: the DB boxes are built from these exact point lists.
 */

// Chain directions as OpenCV numbers them: 0 = right, then counter-clockwise (y down).
const DX = Int32Array.of(1, 1, 0, -1, -1, -1, 0, 1);
const DY = Int32Array.of(0, -1, -1, -1, 0, 1, 1, 1);

// Pixel marks (as OpenCV's signed char image): 1 = foreground not yet on a border,
// 2 = on a followed border, -126 = on a border whose right neighbour is background.
const MARKED = 2;
const RIGHT_EDGE = -126;

/**
 * Contours of the foreground (non-zero) pixels of a `w` x `h` row-major mask, as flat
 * integer x,y arrays, in the order OpenCV returns them (last found first).
 */
export function findContours(mask: ArrayLike<number>, w: number, h: number): Int32Array[] {
  const step = paddedStep(w);
  const img = new Int8Array(step * (h + 2));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) if (mask[y * w + x] !== 0) img[(y + 1) * step + x + 1] = 1;
  }
  return traceBorders(img, w, h);
}

/**
 * Row length of the working mask: a frame of one background pixel around the image (as
 * OpenCV pads it), rounded up to 4 bytes so the scan can skip background 4 pixels at a time.
 */
export function paddedStep(w: number): number {
  return (w + 2 + 3) & ~3;
}

/**
 * The same on a mask already in the working layout: `paddedStep(w)` x (h + 2) bytes,
 * pixel (x, y) at (y + 1) * step + x + 1, foreground 1, everything else 0. It is
 * overwritten with border marks. Lets a caller threshold straight into it.
 */
export function traceBorders(img: Int8Array, w: number, h: number): Int32Array[] {
  const step = paddedStep(w);
  const words = new Int32Array(img.buffer, img.byteOffset, img.length >> 2);
  const delta = new Int32Array(8);
  for (let s = 0; s < 8; s++) delta[s] = DX[s] + DY[s] * step;
  const found: Int32Array[] = [];
  let buf = new Int32Array(1024);

  const follow = (start: number, isHole: boolean): Int32Array => {
    let n = 0;
    let px = (start % step) - 1;
    let py = ((start / step) | 0) - 1;
    const firstSearchEnd = isHole ? 0 : 4;
    let s = firstSearchEnd;
    let i1: number;
    do {
      s = (s - 1) & 7;
      i1 = start + delta[s];
    } while (img[i1] === 0 && s !== firstSearchEnd);

    if (s === firstSearchEnd) {
      img[start] = RIGHT_EDGE; // a single isolated pixel
      return Int32Array.of(px, py);
    }
    let i3 = start;
    let prevS = s ^ 4;
    for (;;) {
      const sEnd = s;
      let i4 = i3;
      // Search counter-clockwise from the direction we came from (over at most 8 more).
      while (s < 15) {
        i4 = i3 + delta[++s & 7];
        if (img[i4] !== 0) break;
      }
      s &= 7;
      // The right neighbour was examined (and is background) when the search wrapped past 0.
      if (s - 1 >= 0 && s - 1 < sEnd) img[i3] = RIGHT_EDGE;
      else if (img[i3] === 1) img[i3] = MARKED;

      if (s !== prevS) {
        if (n + 2 > buf.length) {
          const bigger = new Int32Array(buf.length * 2);
          bigger.set(buf);
          buf = bigger;
        }
        buf[n++] = px;
        buf[n++] = py;
        prevS = s;
      }
      px += DX[s];
      py += DY[s];
      if (i4 === start && i3 === i1) break;
      i3 = i4;
      s = (s + 4) & 7;
    }
    return buf.slice(0, n);
  };

  for (let y = 1; y <= h; y++) {
    let prev = 0;
    const row = y * step;
    for (let x = 1; x <= w; x++) {
      if (prev === 0 && (x & 3) === 0 && words[(row + x) >> 2] === 0) {
        x += 3;
        continue;
      }
      const p = img[row + x];
      if (p === prev) continue;
      if (prev === 0 && p === 1) found.push(follow(row + x, false));
      else if (p === 0 && prev >= 1) found.push(follow(row + x - 1, true));
      // The scan goes on with the pixel's value after following (it may now be marked).
      prev = img[row + x];
    }
  }
  return found.reverse();
}
