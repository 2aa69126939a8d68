import type { GtMapSet } from '../gt-maps/gt-maps';
import { sumTopK } from './loss/top-k';

/**
 * DB's validation loss against the ground-truth maps, as the original project's
 * DBLoss weighs it: prob 5 x balanced BCE (3:1 hard-negative mining) on the shrink map,
 * binary 1 x dice, thresh 10 x L1 on the border map inside the dilated regions (only
 * when the model outputs a threshold map).
 */

/** DB's validation loss parts as a report keeps them: BCE and dice on the shrink map, L1 on the threshold map. */
export interface LossResult {
  /** Balanced BCE (3:1 hard-negative mining) on the shrink map. */
  prob: number;
  /** Dice loss on the shrink map. */
  dice?: number;
  /** L1 on the threshold map inside the dilated regions. */
  thresh?: number;
  /** 5 x prob + 1 x dice + 10 x thresh, as DB weighs them. */
  total: number;
}

export interface DbLossOptions {
  negativeRatio?: number;
  probWeight?: number;
  threshWeight?: number;
  binaryWeight?: number;
  eps?: number;
}

export interface DbPrediction {
  /** Probability (shrink) map, sigmoid outputs in [0, 1]. */
  prob: Float32Array;
  /** Threshold map, when the model has that head. */
  thresh?: Float32Array;
  /** Approximate binary map, when the model outputs it; dice uses prob otherwise. */
  binary?: Float32Array;
}

export interface DbTargets {
  maps: Pick<GtMapSet, 'prob' | 'thresh'>;
  /** Dilated-region mask (the GT maps' threshMask); required for the L1 part. */
  threshMask?: Float32Array | Uint8Array;
  /** 1 where a pixel is don't-care (ignored text); the shrink mask is 0 there, else 1. */
  ignore?: Uint8Array;
}

export interface DbLoss {
  bce: number;
  dice: number;
  /** null when the model has no threshold output. */
  l1: number | null;
  total: number;
}

/** PyTorch clamps log at -100 in binary_cross_entropy, so p = 0 or 1 stays finite. */
const clampedLog = (v: number) => Math.max(Math.log(v), -100);

/** Balanced BCE with hard-negative mining (DB's BalanceCrossEntropyLoss). */
export function balancedBce(pred: Float32Array, gt: Float32Array, mask: (i: number) => number, negativeRatio: number, eps: number): number {
  const negatives = new Float64Array(pred.length);
  let positiveCount = 0;
  let negativeCount = 0;
  let positiveLoss = 0;
  for (let i = 0; i < pred.length; i++) {
    const m = mask(i);
    if (m === 0) continue;
    const y = gt[i];
    const loss = -(y * clampedLog(pred[i]) + (1 - y) * clampedLog(1 - pred[i]));
    if (y * m >= 1) {
      positiveCount++;
      positiveLoss += loss;
    } else if ((1 - y) * m >= 1) negatives[negativeCount++] = loss;
  }
  const k = Math.min(negativeCount, Math.floor(positiveCount * negativeRatio));
  const negativeLoss = sumTopK(negatives.subarray(0, negativeCount), k);
  return (positiveLoss + negativeLoss) / (positiveCount + k + eps);
}

export function diceLoss(pred: Float32Array, gt: Float32Array, mask: (i: number) => number, eps: number): number {
  let intersection = 0;
  let union = eps;
  for (let i = 0; i < pred.length; i++) {
    const m = mask(i);
    intersection += pred[i] * gt[i] * m;
    union += pred[i] * m + gt[i] * m;
  }
  return 1 - (2 * intersection) / union;
}

/** Mean absolute error inside the mask; 0 for an empty mask, as DB's MaskL1Loss. */
export function maskedL1(pred: Float32Array, gt: Float32Array, mask: Float32Array | Uint8Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < pred.length; i++) {
    sum += Math.abs(pred[i] - gt[i]) * mask[i];
    count += mask[i];
  }
  return count === 0 ? 0 : sum / count;
}

export function dbLoss(pred: DbPrediction, target: DbTargets, options: DbLossOptions = {}): DbLoss {
  const { negativeRatio = 3, probWeight = 5, threshWeight = 10, binaryWeight = 1, eps = 1e-6 } = options;
  const gt = target.maps.prob;
  if (pred.prob.length !== gt.length) throw new RangeError(`prediction has ${pred.prob.length} pixels, ground truth ${gt.length}`);
  const ignore = target.ignore;
  const shrinkMask = ignore ? (i: number) => (ignore[i] ? 0 : 1) : () => 1;
  const bce = balancedBce(pred.prob, gt, shrinkMask, negativeRatio, eps);
  const dice = diceLoss(pred.binary ?? pred.prob, gt, shrinkMask, eps);
  let l1: number | null = null;
  if (pred.thresh) {
    if (!target.threshMask) throw new RangeError('a threshold output needs the dilated-region mask (threshMask)');
    l1 = maskedL1(pred.thresh, target.maps.thresh, target.threshMask);
  }
  return { bce, dice, l1, total: probWeight * bce + binaryWeight * dice + threshWeight * (l1 ?? 0) };
}

/** Mean of each part over images (l1 over the images that have it). */
export function averageLoss(losses: readonly DbLoss[]): DbLoss {
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);
  const l1s = losses.map((l) => l.l1).filter((v): v is number => v !== null);
  return {
    bce: mean(losses.map((l) => l.bce)),
    dice: mean(losses.map((l) => l.dice)),
    l1: l1s.length === 0 ? null : mean(l1s),
    total: mean(losses.map((l) => l.total)),
  };
}
