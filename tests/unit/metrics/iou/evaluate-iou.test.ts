import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesEntry } from '../../../../src/core/dataset/entry';
import { loadDataset } from '../../../../src/core/dataset/load-dataset';
import { sampleStem } from '../../../../src/core/dataset/sample';
import { evaluateIou } from '../../../../src/core/metrics/iou/evaluate-iou';

describe('IoU on a dataset with prediction files', () => {
  it('scores the CLEval "basic" pair as counted by hand', async () => {
    const dir = 'tests/fixtures/reference/cleval';
    const dataset = await loadDataset([bytesEntry('gt_basic.zip', readFileSync(`${dir}/gt_basic.zip`)), bytesEntry('res_basic.zip', readFileSync(`${dir}/res_basic.zip`))]);
    const images = dataset.samples.map((s) => ({ gt: s.gt, det: dataset.predictions.get(sampleStem(s)) ?? [] }));
    const { perImage, totals, scores } = evaluateIou(images);
    // img_1 all 3 matched; img_2 1 of 2 GT with 2 false positives; img_3 no GT, 2 detections;
    // img_4 empty res file; img_5 no res file; img_6 both matched (CRLF, quoted text)
    expect(dataset.samples.map((s) => s.name)).toEqual(['img_1', 'img_2', 'img_3', 'img_4', 'img_5', 'img_6']);
    expect(perImage.map((r) => [r.gtCare, r.detCare, r.matched])).toEqual([[3, 3, 3], [2, 3, 1], [0, 2, 0], [2, 0, 0], [1, 0, 0], [2, 2, 2]]);
    expect(perImage.map((r) => [r.recall, r.precision])).toEqual([[1, 1], [0.5, 1 / 3], [1, 0], [0, 0], [0, 0], [1, 1]]);
    expect(perImage[1].hmean).toBeCloseTo(0.4, 15);
    expect(totals).toEqual({ gtCare: 10, detCare: 10, matched: 6 });
    expect(scores.hmean).toBeCloseTo(0.6, 15);
  });
});
