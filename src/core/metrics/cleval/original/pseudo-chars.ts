import type { Polygon } from '../../../geometry/types';

const f32 = Math.fround;

/** Values of one coordinate along a run, and which of them are numpy float32 (they decide how sums round). */
interface Track {
  v: number[];
  isF32: boolean[];
}

/**
 * One coordinate of the variant's edge interpolation over a run of points: each section's
 * start stays float32, the L - 1 points after it are computed in float32 and cut with int()
 * (toward zero), and the run's last point closes it.
 */
function interpolate(run: Polygon, axis: 0 | 1, sections: number, length: number): Track {
  const v: number[] = [], isF32: boolean[] = [];
  for (let s = 0; s < sections; s++) {
    const start = run[s][axis];
    const diff = f32(f32(run[s + 1][axis] - start) / length);
    v.push(start);
    isF32.push(true);
    for (let k = 1; k < length; k++) {
      v.push(Math.trunc(f32(start + f32(diff * k))));
      isF32.push(false);
    }
  }
  v.push(run[run.length - 1][axis]);
  isF32.push(true);
  return { v, isF32 };
}

/** (a + b + c + d) / 4 with numpy's promotion: float32 once a float32 joins the sum. */
function centre(top: Track, bottom: Track, i: number, j: number): number {
  let sum = top.v[i];
  let isF32 = top.isF32[i];
  for (const [t, k] of [[top, j], [bottom, i], [bottom, j]] as const) {
    isF32 ||= t.isF32[k];
    sum = isF32 ? f32(sum + t.v[k]) : sum + t.v[k];
  }
  return isF32 ? f32(sum / 4) : sum / 4;
}

/**
 * The variant's POLY pseudo-character centres (`POLY.pseudo_character_center`): top run
 * p0..p(n/2-1), bottom run from the last point back to p(n/2), both interpolated with
 * `length` steps per section; no vertical rule. `points` are float32 values. Flat x, y.
 */
export function originalPseudoCharCentres(points: Polygon, length: number): Float64Array {
  const half = Math.floor(points.length / 2);
  const top = points.slice(0, half);
  const bottom = points.slice(half).reverse();
  const sections = half - 1;
  const tx = interpolate(top, 0, sections, length), ty = interpolate(top, 1, sections, length);
  const bx = interpolate(bottom, 0, sections, length), by = interpolate(bottom, 1, sections, length);
  const step = (tx.v.length - 1) / length;
  const out = new Float64Array(2 * length);
  for (let c = 0; c < length; c++) {
    const i = Math.trunc(c * step), j = Math.trunc((c + 1) * step);
    out[2 * c] = centre(tx, bx, i, j);
    out[2 * c + 1] = centre(ty, by, i, j);
  }
  return out;
}
