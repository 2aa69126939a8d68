import type { Accuracy } from './accuracy';

export interface Headline {
  metric: string;
  value: number;
}

/**
 * The one accuracy figure gates and comparisons use: in seed mode the mean of per-image
 * H-means (what the original project reported as its H-mean), otherwise CLEval's H-mean,
 * or IoU's when CLEval did not run.
 */
export function headlineHmean(accuracy: Accuracy): Headline | null {
  const { cleval, iou } = accuracy;
  if (cleval?.mode === 'seed' && cleval.meanImageHmean !== undefined) return { metric: 'CLEval H-mean (mean over images)', value: cleval.meanImageHmean };
  if (cleval) return { metric: 'CLEval H-mean', value: cleval.hmean };
  if (iou) return { metric: 'IoU H-mean', value: iou.hmean };
  return null;
}
