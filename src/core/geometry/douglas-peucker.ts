/**
 * Douglas-Peucker simplification of a closed integer polygon as OpenCV 4.6's
 * `approxPolyDP(curve, epsilon, closed=true)` does it: three passes to find two far-apart
 * points to split the ring at, the split-and-keep stack, then OpenCV's clean-up pass
 * that drops points on almost straight runs. Its vertex choice and order feed the
 * polygon scores and offsets, so the reference's quirks are kept.
 */
export function approxPolyDP(xy: ArrayLike<number>, count: number, epsilon: number): Int32Array {
  if (count === 0) return new Int32Array(0);
  const eps = epsilon * epsilon;
  const X = (i: number) => xy[2 * i];
  const Y = (i: number) => xy[2 * i + 1];
  const out: number[] = []; // indices into xy

  // 1. Approximately the two farthest points: from the start, to the farthest, and again.
  let pos = 0;
  let rightStart = 0;
  let start = 0;
  let withinEps = false;
  for (let iter = 0; iter < 3; iter++) {
    pos = (pos + rightStart) % count;
    start = pos;
    let maxDist = 0;
    for (let j = 1; j < count; j++) {
      const p = (start + j) % count;
      const dx = X(p) - X(start);
      const dy = Y(p) - Y(start);
      const dist = dx * dx + dy * dy;
      if (dist > maxDist) {
        maxDist = dist;
        rightStart = j;
      }
    }
    withinEps = maxDist <= eps;
  }

  // 2. Split recursively (an explicit stack of [start, end] index ranges on the ring).
  const stack: number[] = [];
  if (withinEps) out.push(start);
  else {
    const splitAt = (rightStart + start) % count;
    stack.push(splitAt, start, start, splitAt);
  }
  while (stack.length > 0) {
    const end = stack.pop()!;
    const s = stack.pop()!;
    let p = (s + 1) % count;
    let keep = true;
    let farthest = 0;
    if (p !== end) {
      const dx = X(end) - X(s);
      const dy = Y(end) - Y(s);
      let maxDist = 0;
      while (p !== end) {
        const dist = Math.abs((Y(p) - Y(s)) * dx - (X(p) - X(s)) * dy);
        if (dist > maxDist) {
          maxDist = dist;
          farthest = p;
        }
        p = (p + 1) % count;
      }
      keep = maxDist * maxDist <= eps * (dx * dx + dy * dy);
    }
    if (keep) out.push(s);
    else stack.push(farthest, end, s, farthest);
  }
  return cleanUp(xy, out, eps);
}

/** OpenCV's last pass: removes a vertex lying within sqrt(eps/2) of the chord of its neighbours. */
function cleanUp(xy: ArrayLike<number>, idx: number[], eps: number): Int32Array {
  const count = idx.length;
  const dst = idx.map((i) => [xy[2 * i], xy[2 * i + 1]]);
  let newCount = count;
  let pos = count - 1;
  const read = () => {
    const p = dst[pos];
    if (++pos >= count) pos = 0;
    return p;
  };
  let startPt = read();
  let wpos = pos;
  let pt = read();
  for (let i = 0; i < count && newCount > 2; i++) {
    const endPt = read();
    const dx = endPt[0] - startPt[0];
    const dy = endPt[1] - startPt[1];
    const dist = Math.abs((pt[0] - startPt[0]) * dy - (pt[1] - startPt[1]) * dx);
    const inner = (pt[0] - startPt[0]) * (endPt[0] - pt[0]) + (pt[1] - startPt[1]) * (endPt[1] - pt[1]);
    if (dist * dist <= 0.5 * eps * (dx * dx + dy * dy) && dx !== 0 && dy !== 0 && inner >= 0) {
      newCount--;
      dst[wpos] = startPt = endPt;
      if (++wpos >= count) wpos = 0;
      pt = read();
      i++;
      continue;
    }
    dst[wpos] = startPt = pt;
    if (++wpos >= count) wpos = 0;
    pt = endPt;
  }
  const flat = new Int32Array(newCount * 2);
  for (let i = 0; i < newCount; i++) {
    flat[2 * i] = dst[i][0];
    flat[2 * i + 1] = dst[i][1];
  }
  return flat;
}
