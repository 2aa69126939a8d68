import type { Count } from '../../numerics/number-kinds';
/** Counts that add over images and shards; the reference's totals come from these alone. */
export interface IouTotals {
  /** GT regions that are not don't-care. */
  gtCare: Count;
  /** Detections not ignored on a don't-care region. */
  detCare: Count;
  matched: Count;
}

export interface IouScores {
  recall: number;
  precision: number;
  hmean: number;
}

export const emptyIouTotals = (): IouTotals => ({ gtCare: 0, detCare: 0, matched: 0 });

export function addIouTotals(a: IouTotals, b: IouTotals): IouTotals {
  return { gtCare: a.gtCare + b.gtCare, detCare: a.detCare + b.detCare, matched: a.matched + b.matched };
}

/** Dataset recall, precision and H-mean as the reference's `combine_results`: 0 over an empty denominator. */
export function iouScores({ gtCare, detCare, matched }: IouTotals): IouScores {
  const recall = gtCare === 0 ? 0 : matched / gtCare;
  const precision = detCare === 0 ? 0 : matched / detCare;
  return { recall, precision, hmean: hmean(recall, precision) };
}

export function hmean(recall: number, precision: number): number {
  return recall + precision === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
