import type { Bbox } from '../../geometry/polygon-intersection';
import type { Polygon } from '../../geometry/types';

/**
 * A GT box reduced to what matching needs. Both modes (official and the receipt
 * variant) differ only in how they fill these in, not in how they match.
 */
export interface PreparedGt {
  /** Integer polygon, as the reference builds it for its polygon library. */
  poly: Polygon;
  bbox: Bbox;
  /** Pseudo-character centres, flat x, y. */
  pcc: Float64Array;
  chars: number;
  dontCare: boolean;
  /** Don't-care area left after subtracting the real words it overlaps (outer rings and holes). */
  region?: Polygon[];
}

export interface PreparedDet {
  poly: Polygon;
  bbox: Bbox;
  area: number;
  /** Convex detections (all a DB model gives) take the fast exact clip. */
  convex: boolean;
  /** Characters the detection counts as when it matches nothing. */
  fpChars: () => number;
}
