import { isInsideHalfOpen } from './inside';
import type { PreparedDet, PreparedGt } from './prepared';

/** Which pseudo characters of each GT lie in each detection. */
export interface PccInclusion {
  /** Row-major by GT: how many of the GT's characters the detection holds. */
  sum: Int32Array;
  /** Per GT: flags indexed det * chars + char. */
  inside: Uint8Array[];
}

export function pccInclusion(gts: PreparedGt[], dets: PreparedDet[]): PccInclusion {
  const nd = dets.length;
  const sum = new Int32Array(gts.length * nd);
  const inside = gts.map((g, gi) => {
    const n = g.pcc.length / 2;
    const flags = new Uint8Array(nd * n);
    for (let di = 0; di < nd; di++) {
      const d = dets[di];
      const [x0, y0, x1, y1] = d.bbox;
      // The GT box bounds its centres: a detection beyond it holds none.
      if (g.bbox[0] > x1 || g.bbox[2] < x0 || g.bbox[1] > y1 || g.bbox[3] < y0) continue;
      for (let c = 0; c < n; c++) {
        const x = g.pcc[2 * c], y = g.pcc[2 * c + 1];
        if (x < x0 || x > x1 || y < y0 || y > y1 || !isInsideHalfOpen(d.poly, x, y)) continue;
        flags[di * n + c] = 1;
        sum[gi * nd + di]++;
      }
    }
    return flags;
  });
  return { sum, inside };
}
