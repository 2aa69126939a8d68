const EPS = 2.220446049250313e-16; // numpy's float64 machine epsilon, as the reference adds it

/** The box a polygon's border is drawn in, already intersected with the image. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** One polygon prepared for the per-pixel loops. */
interface Edges {
  n: number;
  /** Vertices x,y, the first repeated at the end so edge i runs from vertex i to i + 1. */
  v: Float64Array;
  /** |edge|^2 + eps, as the reference computes it. */
  c2: Float64Array;
  /** 1 / (|edge|^2 + eps), for the fast estimate only. */
  invC2: Float64Array;
  ex: Float64Array;
  ey: Float64Array;
}

function prepare(poly: Int32Array, n: number): Edges {
  const e: Edges = {
    n,
    v: new Float64Array(2 * n + 2),
    c2: new Float64Array(n),
    invC2: new Float64Array(n),
    ex: new Float64Array(n),
    ey: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    e.ex[i] = poly[2 * j] - poly[2 * i];
    e.ey[i] = poly[2 * j + 1] - poly[2 * i + 1];
    e.c2[i] = e.ex[i] * e.ex[i] + e.ey[i] * e.ey[i] + EPS;
    e.invC2[i] = 1 / e.c2[i];
    e.v[2 * i] = poly[2 * i];
    e.v[2 * i + 1] = poly[2 * i + 1];
  }
  e.v[2 * n] = poly[0];
  e.v[2 * n + 1] = poly[1];
  return e;
}

/**
 * The reference's squared edge distance, exactly as numpy computes it, from the squared
 * distances a2, b2 to the edge's ends and its squared length c2 (+ eps). DB's formula,
 * not the true point-to-segment distance: the nearer end whenever the pixel lies
 * outside the circle on the edge as diameter (cos < 0), else the distance to the edge's
 * line. NaN when rounding makes sin^2 negative.
 */
function edgeDistance2(a2: number, b2: number, c2: number): number {
  const ab = a2 * b2;
  const cos = (c2 - a2 - b2) / (2 * Math.sqrt(ab) + EPS);
  if (cos < 0) return Math.min(a2, b2);
  const q = (ab * (1 - cos * cos)) / c2;
  return q < 0 ? NaN : q;
}

/**
 * The reference's min over edges at pixel (x, y); NaN if any edge is NaN (numpy's min
 * is then NaN, and its `fmax` keeps the old value). Values from `cap` up are reported
 * as `cap`: they all make a no-op.
 */
function exactMin(e: Edges, x: number, y: number, cap: number): number {
  const v = e.v;
  let best = cap;
  let a2 = (x - v[0]) * (x - v[0]) + (y - v[1]) * (y - v[1]);
  for (let i = 0; i < e.n; i++) {
    const bx = x - v[2 * i + 2];
    const by = y - v[2 * i + 3];
    const b2 = bx * bx + by * by;
    const q = edgeDistance2(a2, b2, e.c2[i]);
    if (Number.isNaN(q)) return NaN;
    if (q < best) best = q;
    a2 = b2;
  }
  return best;
}

/**
 * Max-combines one polygon's border (threshold) values into `canvas` over `box`:
 * per pixel v = float32(clip(d / D, 0, 1)) for the smallest reference edge distance d,
 * written as max(old, float32(1 - v)). Values are written already scaled into
 * [threshMin, threshMax] as the reference scales its finished map,
 * float32(float32(t * scale) + threshMin): that map is monotonic, so max-then-scale
 * equals scale-then-max and the canvas can start at float32(threshMin).
 *
 * Speed without losing a bit: the minimum is taken over squared distances and rooted
 * once (sqrt, / D and float32 rounding are monotonic, so this equals the reference's min
 * over per-edge float32 values). Each pixel is first estimated cheaply (line distance
 * by a multiply, no per-edge sqrt or division) with a proven error bound; only when
 * that bound straddles a float32 rounding boundary, or the distance is near 0 where
 * NaN can arise, is the exact reference arithmetic run.
 */
export function drawBorder(
  canvas: Float32Array,
  width: number,
  poly: Int32Array,
  n: number,
  distance: number,
  box: Box,
  scale: number,
  threshMin: number,
): void {
  const e = prepare(poly, n);
  const { v, c2: c2s, invC2, ex, ey } = e;
  let c2max = 0;
  for (let i = 0; i < n; i++) c2max = Math.max(c2max, c2s[i]);
  const invD = 1 / distance;
  // Squared distances from here on give r = sqrt(q) / D within 2^-29 of 1 or more,
  // which float32 rounds to 1: value 0, a no-op.
  const cap = distance * distance * (1 - 2 ** -28);
  // The per-pixel estimate below is within 1e-15 * (c2max + q) of the exact q: the
  // far test and the small-q fallback leave a wide margin around that.
  const far = cap * (1 + 1e-9) + 1e-12 * c2max;
  const near = 1e-6 * (1 + c2max);
  const { x0, x1, y0, y1 } = box;
  for (let y = y0; y <= y1; y++) {
    const row = y * width;
    for (let x = x0; x <= x1; x++) {
      // Estimate: exact for ends (integers), cross^2 / c2 for lines, which is within
      // ~1e-16 c2 + 5e-16 q of the reference's rounding (cos, 1 - cos^2, products).
      let dx = x - v[0];
      let dy = y - v[1];
      let a2 = dx * dx + dy * dy;
      let q = Infinity;
      for (let i = 0; i < n; i++) {
        const ax = dx;
        const ay = dy;
        dx = x - v[2 * i + 2];
        dy = y - v[2 * i + 3];
        const b2 = dx * dx + dy * dy;
        let qi: number;
        if (c2s[i] - a2 - b2 < 0) qi = a2 < b2 ? a2 : b2;
        else {
          const cross = ex[i] * ay - ey[i] * ax;
          qi = cross * cross * invC2[i];
        }
        if (qi < q) q = qi;
        a2 = b2;
      }
      if (q >= far) continue;
      // |q - exact q| <= err = 1e-15 (c2max + q), so the exact r = sqrt(q) / D is within
      // err / D of this estimate when q >= 1 (else bound it by rooting q -+ err), plus a
      // few ulp. The float32 value is settled when both ends round alike.
      let r = Math.sqrt(q) * invD;
      const err = 1e-15 * (c2max + q);
      let lo: number;
      let hi: number;
      if (q >= 1) {
        const slack = err * invD + 1e-14 * r;
        lo = Math.fround(r - slack);
        hi = Math.fround(r + slack);
      } else {
        lo = Math.fround(Math.sqrt(q - err) * invD * (1 - 1e-14));
        hi = Math.fround(Math.sqrt(q + err) * invD * (1 + 1e-14));
      }
      if (q > near && lo === hi) r = lo;
      else {
        const exact = exactMin(e, x, y, cap);
        if (!(exact < cap)) continue; // NaN, or a no-op value of 0
        r = Math.sqrt(exact) / distance;
      }
      const t = Math.fround(1 - Math.fround(r > 1 ? 1 : r));
      const value = Math.fround(Math.fround(t * scale) + threshMin);
      if (value > canvas[row + x]) canvas[row + x] = value;
    }
  }
}
