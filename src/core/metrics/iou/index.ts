export { evaluateIou, type IouEvaluation } from './evaluate-iou';
export { evaluateIouImage, ICDAR2015_IOU, IouTable, type IouImageResult, type IouOptions } from './iou-image';
export { addIouTotals, emptyIouTotals, iouScores, type IouScores, type IouTotals } from './iou-totals';
