import { describe, expect, it } from 'vitest';
import type { GtRegion } from '../../../src/core/dataset/sample';
import type { Polygon } from '../../../src/core/geometry/types';
import { CandidateMetrics, evaluateImage } from '../../../src/core/metrics/image-metrics';
import { dbPostprocess } from '../../../src/core/postprocess/db-postprocess';
import { DEFAULT_DB_PARAMS } from '../../../src/core/model/db-params';
import { NAMES, loadExpected, loadProb } from '../postprocess/fixtures';

/** Reference pages: their boxes as GT (some with text, some don't-care), every candidate of a low-threshold run as the list. */
const pages = NAMES.map((name) => {
  const e = loadExpected(name);
  const gt: GtRegion[] = (e.settings[0].boxes_from_bitmap.boxes ?? []).map((points, k) => ({ points: points as Polygon, text: k % 3 === 0 ? 'word' : '', dontCare: k % 7 === 6 }));
  const run = dbPostprocess(loadProb(name), e.height, e.width, { ...DEFAULT_DB_PARAMS, boxThresh: 0, minSize: 0 });
  return { name, gt, candidates: run.boxes.map((b) => b.points) };
});

const subsets = (n: number): number[][] => [
  Array.from({ length: n }, (_, i) => i),
  Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 0),
  Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1),
  [],
];

describe.each(['seed', 'official'] as const)('metrics of candidate subsets from tables built once (%s CLEval)', (mode) => {
  it.each(pages.map((p) => [p.name, p] as const))('%s: every subset gives what evaluating it afresh gives, matching included', (_, page) => {
    const table = new CandidateMetrics(page.gt, page.candidates, mode);
    for (const subset of subsets(page.candidates.length)) {
      const fresh = evaluateImage(page.gt, subset.map((i) => ({ points: page.candidates[i] })), mode);
      expect(table.evaluate(subset)).toEqual(fresh);
      expect(table.scores(subset)).toEqual({ cleval: fresh.cleval, iou: fresh.iou });
    }
  });
});
