import type { Polygon } from '../../geometry/types';
import type { Count, Fraction, NonNegative } from '../../numerics/number-kinds';

export interface ClevalGtBox {
  points: Polygon;
  text: string;
  /** `###` regions: detections inside them are ignored. */
  dontCare: boolean;
}

export interface ClevalDetBox {
  points: Polygon;
  text?: string;
  score?: number;
}

export interface ClevalOptions {
  areaPrecisionConstraint: number;
  recallGranularityPenalty: number;
  precisionGranularityPenalty: number;
  /** Official mode only: below this width/height ratio a box's characters run along its long side. */
  verticalAspectRatioThresh: number;
  /** Case folding can change a transcription's length (ß -> SS), hence the character count. */
  caseSensitive: boolean;
}

/** The official CLI's defaults (also the receipt project's). */
export const DEFAULT_CLEVAL_OPTIONS: ClevalOptions = {
  areaPrecisionConstraint: 0.3,
  recallGranularityPenalty: 1.0,
  precisionGranularityPenalty: 1.0,
  verticalAspectRatioThresh: 0.5,
  caseSensitive: true,
};

/** Character counts of one image or of many, summed; the scores are derived from them. */
export interface ClevalCounts {
  numCharGt: Count;
  numCharDet: Count;
  numCharTpRecall: Count;
  numCharTpPrecision: Count;
  granScoreRecall: NonNegative;
  granScorePrecision: NonNegative;
  numCharFp: Count;
  numSplitted: Count;
  numMerged: Count;
  numCharOverlapped: Count;
}

export interface ClevalScores {
  recall: Fraction;
  precision: Fraction;
  hmean: Fraction;
}

export type MatchRelation = 'one-to-one' | 'one-to-many' | 'many-to-one';

export interface ClevalMatch {
  relation: MatchRelation;
  gt: number[];
  det: number[];
}

export interface ClevalImageResult extends ClevalScores {
  counts: ClevalCounts;
  matches: ClevalMatch[];
  /** Indices into the input arrays. */
  matchedGt: number[];
  unmatchedGt: number[];
  matchedDet: number[];
  unmatchedDet: number[];
  dontCareGt: number[];
  /** Detections ignored because they lie in a don't-care region. */
  dontCareDet: number[];
  /** Characters of each GT box (transcription length or pseudo length), by GT index. */
  gtChars: number[];
  /** False-positive characters of each unmatched detection, by detection index. */
  fpChars: Record<number, number>;
}

export interface ClevalTotals extends ClevalScores {
  images: number;
  counts: ClevalCounts;
}
