import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { createReportHistory } from '../../../src/core/report/history';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { findingsFromPredictions } from '../../../src/core/analysis/findings';
import { hasPredictions, PREDICTIONS_SCHEMA, predictionsJson, predictionsZip, resultFileText } from '../../../src/core/report/predictions-export';
import { parsePredictions } from '../../../src/core/dataset/predictions';
import type { Polygon } from '../../../src/core/geometry/types';
import { validateReport } from '../../../src/core/report/validate';
import { fixtureReport } from './helpers';

const quad: Polygon = [[10, 20], [110, 20], [110, 45], [10, 45]];
const pentagon: Polygon = [[0, 0], [10, 0], [20, 5], [10, 10], [0, 10]];
const detections = [
  { points: quad, score: 0.8123456789012345 },
  { points: pentagon, score: 0.7 },
];

function reportWithFindings() {
  const r = fixtureReport();
  r.images[0].name = 'scans/receipt_0001.jpg';
  r.images[0].found = findingsFromPredictions(detections);
  if (r.images[1]) r.images[1].found = findingsFromPredictions([]);
  return r;
}

describe('predictions export', () => {
  it('writes res_<stem>.txt lines that read back as the same polygons and scores (exact)', () => {
    const text = resultFileText(detections);
    expect(text.split('\n')[0]).toBe('10,20,110,20,110,45,10,45,0.8123456789012345');
    // Quads read back with the default box type (QUAD + confidence); polygons of more points need POLY.
    const read = (boxType: 'quad' | 'poly') => parsePredictions(new TextEncoder().encode(text), 'res_x.txt', () => {}, boxType).detections.map((d) => ({ points: d.points, score: d.score }));
    expect(read('poly')).toEqual(detections);
    expect(read('quad')[0]).toEqual(detections[0]);
  });

  it('zips one file per image, empty when nothing was found', () => {
    const r = reportWithFindings();
    expect(validateReport(JSON.parse(JSON.stringify(r))).ok).toBe(true);
    const files = unzipSync(predictionsZip(r));
    expect(strFromU8(files['res_receipt_0001.txt'])).toBe(resultFileText(detections));
    if (r.images[1]) expect(strFromU8(files[`res_${r.images[1].name.replace(/\.[^.]+$/, '')}.txt`])).toBe('');
    expect(Object.keys(files)).toHaveLength(r.images.filter((i) => i.found).length);
  });

  it('predictions.json is versioned and lists image, polygon, score', () => {
    const json = predictionsJson(reportWithFindings());
    expect(json.schema).toBe(PREDICTIONS_SCHEMA);
    expect(json.images[0]).toEqual({ name: 'scans/receipt_0001.jpg', detections });
  });

  it('says when a report keeps no detections', () => {
    expect(hasPredictions(fixtureReport())).toBe(false);
    expect(hasPredictions(reportWithFindings())).toBe(true);
  });
});

describe('a run kept in History', () => {
  it('comes back with its detections, candidates and matching, and exports the same predictions', async () => {
    const history = createReportHistory(createStore('analysis-history-test', 'reports'));
    const r = reportWithFindings();
    r.images[0].found!.matching = {
      cleval: { pairs: [0, 0], missedGt: [1], falseDet: [1], ignoredDet: [] },
      iou: { pairs: [0, 0], ious: [0.75], missedGt: [1], falseDet: [1], ignoredDet: [] },
    };
    await history.save(r);
    const back = (await history.get(r.run.id))!;
    expect(back.images[0].found).toEqual(r.images[0].found);
    expect(predictionsJson(back)).toEqual(predictionsJson(r));
  });
});
