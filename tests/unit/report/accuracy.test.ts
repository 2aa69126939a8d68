import { describe, expect, it } from 'vitest';
import { accuracyFromImages } from '../../../src/core/metrics/accuracy';
import { referenceImages, referencePairs } from './helpers';

describe('accuracy from accumulated counts', () => {
  for (const [set, mode] of [
    ['cleval', 'official'],
    ['cleval-seed', 'seed'],
  ] as const) {
    for (const [name, pair] of Object.entries(referencePairs(set))) {
      it(`${set}/${name}: per-image counts sum to the reference totals and scores`, () => {
        const acc = accuracyFromImages(referenceImages(pair, mode), mode);
        const c = acc.cleval!;
        expect([c.recall, c.precision, c.hmean]).toEqual([pair.det.recall, pair.det.precision, pair.det.hmean]);
        expect([c.counts.numCharGt, c.counts.numCharDet, c.counts.numCharTpRecall, c.counts.granScorePrecision]).toEqual([
          pair.det.num_char_gt,
          pair.det.num_char_det,
          pair.det.num_char_tp_recall,
          pair.det.gran_score_precision,
        ]);
        // The seed project's reported H-mean: the mean of per-image float32 H-means.
        if (mode === 'seed') expect(c.meanImageHmean).toBe(pair.mean_over_images!.hmean);
        else expect(c.meanImageHmean).toBeUndefined();
      });
    }
  }

  it('leaves failed images out and averages the loss over images', () => {
    const acc = accuracyFromImages(
      [
        { index: 1, name: 'b', cleval: null, iou: { recall: 1, precision: 1, hmean: 1, counts: { gtCare: 2, detCare: 2, matched: 2 } }, loss: { prob: 0.5, total: 1 } },
        { index: 0, name: 'a', cleval: null, iou: { recall: 0, precision: 0, hmean: 0, counts: { gtCare: 2, detCare: 1, matched: 0 } }, loss: { prob: 0.25, total: 2 } },
        { index: 2, name: 'c', cleval: null, iou: null, loss: null, failed: 'decode failed' },
      ],
      'official',
    );
    expect(acc.cleval).toBeNull();
    expect(acc.iou).toEqual({ recall: 0.5, precision: 2 / 3, hmean: (2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3), counts: { gtCare: 4, detCare: 3, matched: 2 } });
    expect(acc.loss).toEqual({ prob: 0.375, total: 1.5 });
  });
});
