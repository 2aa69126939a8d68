/**
 * OpenCV-compatible `cv2.fillPoly(img, [poly], value)` for one integer polygon on a
 * single-channel float image (8-connected, shift 0): the 8-connected Bresenham outline
 * of every edge (OpenCV's LineIterator, clipped the way its clipLine clips), plus the
 * even-odd scanline spans of OpenCV's FillEdgeCollection (16.16 fixed point, half-open
 * edges in y, spans from ceil(left) to floor(right)). Matching it pixel for pixel keeps
 * our shrink maps bit-identical to the reference's.
 */

const SHIFT = 65536; // OpenCV's XY_ONE: 16 fractional bits

/** C integer division: truncates toward zero. Exact here as |a| < 2^40 and b is small. */
function idiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** OpenCV clipLine (Cohen-Sutherland on integers); returns null when nothing is inside. */
function clipLine(w: number, h: number, x1: number, y1: number, x2: number, y2: number): number[] | null {
  const right = w - 1;
  const bottom = h - 1;
  let c1 = (x1 < 0 ? 1 : 0) + (x1 > right ? 2 : 0) + (y1 < 0 ? 4 : 0) + (y1 > bottom ? 8 : 0);
  let c2 = (x2 < 0 ? 1 : 0) + (x2 > right ? 2 : 0) + (y2 < 0 ? 4 : 0) + (y2 > bottom ? 8 : 0);
  if ((c1 & c2) === 0 && (c1 | c2) !== 0) {
    if (c1 & 12) {
      const a = c1 < 8 ? 0 : bottom;
      x1 += idiv((a - y1) * (x2 - x1), y2 - y1);
      y1 = a;
      c1 = (x1 < 0 ? 1 : 0) + (x1 > right ? 2 : 0);
    }
    if (c2 & 12) {
      const a = c2 < 8 ? 0 : bottom;
      x2 += idiv((a - y2) * (x2 - x1), y2 - y1);
      y2 = a;
      c2 = (x2 < 0 ? 1 : 0) + (x2 > right ? 2 : 0);
    }
    if ((c1 & c2) === 0 && (c1 | c2) !== 0) {
      if (c1) {
        const a = c1 === 1 ? 0 : right;
        y1 += idiv((a - x1) * (y2 - y1), x2 - x1);
        x1 = a;
        c1 = 0;
      }
      if (c2) {
        const a = c2 === 1 ? 0 : right;
        y2 += idiv((a - x2) * (y2 - y1), x2 - x1);
        x2 = a;
        c2 = 0;
      }
    }
  }
  return (c1 | c2) === 0 ? [x1, y1, x2, y2] : null;
}

/** OpenCV's Line with an 8-connected LineIterator (left to right). */
function drawLine(img: Float32Array | Uint8Array, w: number, h: number, x1: number, y1: number, x2: number, y2: number, value: number): void {
  if (x1 < 0 || x1 >= w || x2 < 0 || x2 >= w || y1 < 0 || y1 >= h || y2 < 0 || y2 >= h) {
    const c = clipLine(w, h, x1, y1, x2, y2);
    if (!c) return;
    [x1, y1, x2, y2] = c;
  }
  let dx = x2 - x1;
  let dy = y2 - y1;
  if (dx < 0) {
    dx = -dx;
    dy = -dy;
    x1 = x2;
    y1 = y2;
  }
  const ystep = dy < 0 ? -w : w;
  dy = Math.abs(dy);
  let major = 1;
  let minor = ystep;
  if (dy > dx) {
    [dx, dy] = [dy, dx];
    [major, minor] = [minor, major];
  }
  let err = dx - (dy + dy);
  const plusDelta = dx + dx;
  const minusDelta = -(dy + dy);
  let p = y1 * w + x1;
  for (let i = 0; i <= dx; i++) {
    img[p] = value;
    if (err < 0) {
      err += minusDelta + plusDelta;
      p += major + minor;
    } else {
      err += minusDelta;
      p += major;
    }
  }
}

/**
 * Fills the closed polygon `xy` (flat integer x,y pairs, `n` vertices) with `value`
 * into the row-major `img` of size `w` x `h`, clipped to the image.
 */
export function fillPoly(img: Float32Array | Uint8Array, w: number, h: number, xy: ArrayLike<number>, n: number, value: number): void {
  if (n < 1) return;
  // Edges of the scanline fill: y0 < y1, x in 16.16 fixed point at y0, dx per row.
  const ey0: number[] = [];
  const ey1: number[] = [];
  const ex: number[] = [];
  const edx: number[] = [];
  let px = xy[2 * (n - 1)];
  let py = xy[2 * (n - 1) + 1];
  for (let i = 0; i < n; i++) {
    const qx = xy[2 * i];
    const qy = xy[2 * i + 1];
    drawLine(img, w, h, px, py, qx, qy, value);
    if (py !== qy) {
      const dx = idiv((qx - px) * SHIFT, qy - py);
      if (py < qy) ey0.push(py), ey1.push(qy), ex.push(px * SHIFT);
      else ey0.push(qy), ey1.push(py), ex.push(qx * SHIFT);
      edx.push(dx);
    }
    px = qx;
    py = qy;
  }
  const total = ey0.length;
  if (total < 2) return;
  let yMin = Infinity;
  let yMax = -Infinity;
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let i = 0; i < total; i++) {
    const xEnd = ex[i] + (ey1[i] - ey0[i]) * edx[i];
    yMin = Math.min(yMin, ey0[i]);
    yMax = Math.max(yMax, ey1[i]);
    xMin = Math.min(xMin, ex[i], xEnd);
    xMax = Math.max(xMax, ex[i], xEnd);
  }
  if (yMax < 0 || yMin >= h || xMax < 0 || xMin >= w * SHIFT) return;

  const xs = new Float64Array(total);
  const yEnd = Math.min(yMax, h);
  for (let y = Math.max(yMin, 0); y < yEnd; y++) {
    // Active edges are those with y0 <= y < y1; each has advanced (y - y0) rows.
    let m = 0;
    for (let i = 0; i < total; i++) {
      if (ey0[i] <= y && y < ey1[i]) xs[m++] = ex[i] + (y - ey0[i]) * edx[i];
    }
    const active = xs.subarray(0, m).sort();
    const row = y * w;
    for (let k = 0; k + 1 < m; k += 2) {
      let x1 = Math.floor((active[k] + SHIFT - 1) / SHIFT);
      let x2 = Math.floor(active[k + 1] / SHIFT);
      if (x1 < w && x2 >= 0) {
        if (x1 < 0) x1 = 0;
        if (x2 >= w) x2 = w - 1;
        if (x1 <= x2) img.fill(value, row + x1, row + x2 + 1);
      }
    }
  }
}
