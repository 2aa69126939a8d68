/**
 * Convex hull of integer points as OpenCV 4.6's `convexHull(points, clockwise)`
 * builds it (Sklansky's scan over the x-sorted points, then OpenCV's cyclic shift that
 * makes the hull indices run in input order). minAreaRect walks this exact vertex
 * sequence in float32, so its start point and direction show in the rectangle's last bits.
 */

/** Sklansky's scan between sorted positions `start` and `end`; fills `stack`, returns its size. */
function sklansky(xs: ArrayLike<number>, ys: ArrayLike<number>, order: Int32Array, start: number, end: number, stack: Int32Array, offset: number, nsign: number, sign2: number): number {
  const X = (k: number) => xs[order[k]];
  const Y = (k: number) => ys[order[k]];
  if (start === end || (X(start) === X(end) && Y(start) === Y(end))) {
    stack[offset] = start;
    return 1;
  }
  const incr = end > start ? 1 : -1;
  let pprev = start;
  let pcur = pprev + incr;
  let pnext = pcur + incr;
  let size = 3;
  stack[offset] = pprev;
  stack[offset + 1] = pcur;
  stack[offset + 2] = pnext;
  const afterEnd = end + incr;
  while (pnext !== afterEnd) {
    const cury = Y(pcur);
    const by = Y(pnext) - cury;
    if (Math.sign(by) !== nsign) {
      const ax = X(pcur) - X(pprev);
      const bx = X(pnext) - X(pcur);
      const ay = cury - Y(pprev);
      const convexity = ay * bx - ax * by;
      if (Math.sign(convexity) === sign2 && (ax !== 0 || ay !== 0)) {
        pprev = pcur;
        pcur = pnext;
        pnext += incr;
        stack[offset + size++] = pnext;
      } else if (pprev === start) {
        pcur = pnext;
        stack[offset + 1] = pcur;
        pnext += incr;
        stack[offset + 2] = pnext;
      } else {
        stack[offset + size - 2] = pnext;
        pcur = pprev;
        pprev = stack[offset + size - 4];
        size--;
      }
    } else {
      pnext += incr;
      stack[offset + size - 1] = pnext;
    }
  }
  return size - 1;
}

interface Chain {
  at: number;
  count: number;
}

/** Indices into the `n` points of flat x,y array `xy` of their convex hull, in OpenCV's vertex order. */
export function convexHullIndices(xy: ArrayLike<number>, n: number, clockwise: boolean): Int32Array {
  if (n === 0) return new Int32Array(0);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = xy[2 * i];
    ys[i] = xy[2 * i + 1];
  }
  const order = new Int32Array(n).map((_, i) => i);
  order.sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b] || a - b);
  let miny = 0;
  let maxy = 0;
  for (let i = 1; i < n; i++) {
    const y = ys[order[i]];
    if (ys[order[miny]] > y) miny = i;
    if (ys[order[maxy]] < y) maxy = i;
  }
  const hull: number[] = [];
  const last = n - 1;
  if (xs[order[0]] === xs[order[last]] && ys[order[0]] === ys[order[last]]) {
    hull.push(order[0]);
    return Int32Array.from(hull);
  }
  const stack = new Int32Array(n + 2);
  const chains = (target: number, nsign: number): [Chain, Chain] => {
    const left = sklansky(xs, ys, order, 0, target, stack, 0, nsign, -nsign);
    const right = sklansky(xs, ys, order, last, target, stack, left, nsign, nsign);
    return [{ at: 0, count: left }, { at: left, count: right }];
  };
  const take = (first: Chain, second: Chain) => {
    for (let i = 0; i < first.count - 1; i++) hull.push(order[stack[first.at + i]]);
    for (let i = second.count - 1; i > 0; i--) hull.push(order[stack[second.at + i]]);
  };
  // Upper half (towards the largest y), then lower half; which chain comes first
  // depends on the direction asked for.
  const [tl, tr] = chains(maxy, -1);
  const [up1, up2] = clockwise ? [tl, tr] : [tr, tl];
  take(up1, up2);
  const stopIdx = up2.count > 2 ? stack[up2.at + 1] : up1.count > 2 ? stack[up1.at + up1.count - 2] : -1;
  const [bl, br] = chains(miny, 1);
  const [lo1, lo2] = clockwise ? [br, bl] : [bl, br];
  if (stopIdx >= 0) {
    const check = lo1.count > 2 ? stack[lo1.at + 1] : lo1.count + lo2.count > 2 ? stack[lo2.at + 2 - lo1.count] : -1;
    if (check === stopIdx || (check >= 0 && xs[order[check]] === xs[order[stopIdx]] && ys[order[check]] === ys[order[stopIdx]])) {
      // All points on one line: the lower half mirrors the upper one.
      lo1.count = Math.min(lo1.count, 2);
      lo2.count = Math.min(lo2.count, 2);
    }
  }
  take(lo1, lo2);
  return Int32Array.from(cyclicShift(hull));
}

/** OpenCV's attempt to rotate the hull so its indices ascend or descend. */
function cyclicShift(hull: number[]): number[] {
  const n = hull.length;
  if (n < 3) return hull;
  let minIdx = 0;
  let maxIdx = 0;
  let lt = 0;
  for (let i = 1; i < n; i++) {
    const idx = hull[i];
    if (hull[i - 1] < idx) lt++;
    if (lt > 1 && lt <= i - 2) break;
    if (idx < hull[minIdx]) minIdx = i;
    if (idx > hull[maxIdx]) maxIdx = i;
  }
  const mmdist = Math.abs(maxIdx - minIdx);
  if (!((mmdist === 1 || mmdist === n - 1) && (lt <= 1 || lt >= n - 2))) return hull;
  const ascending = (maxIdx + 1) % n === minIdx;
  const i0 = ascending ? minIdx : maxIdx;
  if (i0 === 0) return hull;
  const shifted: number[] = [];
  let j = i0;
  for (let i = 0; i < n; i++) {
    const cur = hull[j];
    shifted.push(cur);
    const nextJ = j + 1 < n ? j + 1 : 0;
    if (i < n - 1 && ascending !== cur < hull[nextJ]) return hull;
    j = nextJ;
  }
  return shifted;
}
