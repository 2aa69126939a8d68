import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BoxType } from '../../../src/core/dataset/box-type';
import { bytesEntry } from '../../../src/core/dataset/entry';
import { loadDataset } from '../../../src/core/dataset/load-dataset';
import { MAX_POLYGON_POINTS } from '../../../src/core/dataset/polygon-checks';
import { sampleStem } from '../../../src/core/dataset/sample';
import { evaluateImage } from '../../../src/core/metrics/image-metrics';
import { evaluateIouImage } from '../../../src/core/metrics/iou/iou-image';
import { utf8 } from './entries';

/**
 * The bad-input corpus (tests/fixtures/bad-inputs, listed in its README): each file loads
 * and gives its specific message and outcome.
 */
const DIR = 'tests/fixtures/bad-inputs';

async function load(files: string[], boxType?: BoxType) {
  const dataset = await loadDataset(files.map((f) => bytesEntry(f, readFileSync(`${DIR}/${f}`))), { boxType });
  // Text files alone have no images: that warning is not what these files are about.
  return { ...dataset, problems: dataset.issues.filter((i) => i.kind !== 'missing-image') };
}

describe('the bad-input corpus', () => {
  it('res_confidence.txt: a confidence column is a score, not a 5th point; perfect predictions score 1; a number after it is warned about', async () => {
    const { samples, predictions, problems } = await load(['gt_confidence.txt', 'res_confidence.txt']);
    // "0.71,2023" could also be a 5th point: read as confidence and text, and said once.
    expect(problems.map((i) => [i.kind, i.file, i.line, i.action])).toEqual([['numbers-after-coordinates', 'res_confidence.txt', 3, 'kept']]);
    const detections = predictions.get(sampleStem(samples[0]))!;
    expect(detections.map((d) => [d.points.length, d.score, d.text])).toEqual([[4, 0.93, undefined], [4, 0.88, 'WORLD'], [4, 0.71, '2023']]);
    const scores = evaluateImage(samples[0].gt, detections, 'official');
    expect([scores.iou?.hmean, scores.cleval?.hmean]).toEqual([1, 1]);
  });

  it('gt_comma_number.txt: the transcription "15,000" stays text, with one warning naming the line', async () => {
    const { samples, problems } = await load(['gt_comma_number.txt']);
    expect(samples[0].gt.map((r) => [r.points.length, r.text])).toEqual([[4, 'TOTAL'], [4, '15,000']]);
    expect(problems.map((i) => [i.kind, i.file, i.line, i.action])).toEqual([['numbers-after-coordinates', 'gt_comma_number.txt', 2, 'kept']]);
  });

  it('gt_poly_numeric_text.txt + res_poly_numeric_text.txt: as POLY, numbers that may be a numeric transcription read as a point get a warning naming the line', async () => {
    const { samples, predictions, problems } = await load(['gt_poly_numeric_text.txt', 'res_poly_numeric_text.txt'], 'poly');
    // "15,000" and "0.93,42" became a 6th point: nothing in the line tells, so the file says so.
    expect(samples[0].gt.map((r) => r.points.length)).toEqual([5, 6]);
    expect(predictions.get(sampleStem(samples[0]))![0].points.at(-1)).toEqual([0.93, 42]);
    // The made-up point also folds each outline over itself.
    expect(problems.map((i) => [i.kind, i.file, i.line, i.action])).toEqual([
      ['self-intersecting-polygon', 'gt_poly_numeric_text.txt', 2, 'kept'],
      ['numbers-read-as-points', 'gt_poly_numeric_text.txt', 2, 'kept'],
      ['self-intersecting-polygon', 'res_poly_numeric_text.txt', 1, 'kept'],
      ['numbers-read-as-points', 'res_poly_numeric_text.txt', 1, 'kept'],
    ]);
    expect(problems[1].message).toContain('other lines of the file have a transcription or confidence');
    expect(problems[3].message).toContain('like a confidence');
  });

  it('gt_ltrb.txt: read as QUAD every line is too short and the message points to LTRB; as LTRB it loads', async () => {
    const asQuad = await load(['gt_ltrb.txt']);
    expect(asQuad.samples[0].gt).toEqual([]);
    expect(asQuad.problems.map((i) => [i.kind, i.line, i.action])).toEqual([['too-few-points', 1, 'skipped'], ['too-few-points', 2, 'skipped']]);
    expect(asQuad.problems[0].message).toContain('choose box type LTRB');
    const asLtrb = await load(['gt_ltrb.txt'], 'ltrb');
    expect(asLtrb.problems).toEqual([]);
    expect(asLtrb.samples[0].gt.map((r) => [r.points, r.text])).toEqual([[[[10, 10], [120, 10], [120, 40], [10, 40]], 'TOTAL'], [[[130, 10], [240, 10], [240, 40], [130, 40]], '12.50']]);
  });

  it('gt_polygons.txt: read as QUAD a 6-point ### line keeps 4 points and loses ###, and says to choose POLY; as POLY it loads', async () => {
    const asQuad = await load(['gt_polygons.txt']);
    expect(asQuad.samples[0].gt[0]).toMatchObject({ dontCare: false, text: '40,40,0,40,###' });
    expect(asQuad.problems.map((i) => [i.kind, i.line])).toEqual([['numbers-after-coordinates', 1]]);
    expect(asQuad.problems[0].message).toContain('choose box type POLY');
    const asPoly = await load(['gt_polygons.txt'], 'poly');
    expect(asPoly.problems).toEqual([]);
    expect(asPoly.samples[0].gt.map((r) => [r.points.length, r.dontCare])).toEqual([[6, true], [4, false]]);
  });

  it('gt_three_points.txt: too short for QUAD; as POLY kept with a warning saying what each metric does', async () => {
    expect((await load(['gt_three_points.txt'])).problems.map((i) => [i.kind, i.line, i.action])).toEqual([['too-few-points', 1, 'skipped']]);
    const asPoly = await load(['gt_three_points.txt'], 'poly');
    expect(asPoly.samples[0].gt).toHaveLength(1);
    expect(asPoly.problems.map((i) => [i.kind, i.file, i.line, i.action])).toEqual([['three-point-polygon', 'gt_three_points.txt', 1, 'kept']]);
    expect(asPoly.problems[0].message).toMatch(/IoU and CLEval evaluate it.*receipt variant of CLEval leaves out/);
  });

  it('gt_bowtie.txt: a self-crossing quad is kept with a warning; IoU leaves it out, as the message says', async () => {
    const { samples, problems } = await load(['gt_bowtie.txt']);
    expect(samples[0].gt).toHaveLength(2);
    expect(problems.map((i) => [i.kind, i.line, i.action])).toEqual([['self-intersecting-polygon', 1, 'kept']]);
    expect(problems[0].message).toContain('IoU leaves it out');
    expect(evaluateIouImage(samples[0].gt, []).invalidGt).toEqual([0]);
  });

  it('duplicate-keys.json: a repeated word id and a repeated image, each with its JSON path and line; the last is used', async () => {
    const { samples, problems } = await load(['duplicate-keys.json']);
    expect(problems.map((i) => [i.kind, i.path, i.line, i.action])).toEqual([
      ['duplicate-key', 'images["a.jpg"].words["2"]', 5, 'skipped'],
      ['duplicate-key', 'images["b.jpg"]', 12, 'skipped'],
    ]);
    expect(problems[1].message).toContain('lines 7 and 12');
    expect(samples.map((s) => [s.name, s.gt.length])).toEqual([['a.jpg', 2], ['b.jpg', 1]]);
  });

  it(`a ${330_000}-point polygon (generated here) is refused at load with its size and the bound, and the rest loads`, async () => {
    const big = Array.from({ length: 330_000 }, (_, i) => [500 + 400 * Math.cos(i / 52_500), 500 + 400 * Math.sin(i / 52_500)]);
    const json = JSON.stringify({ images: { 'a.jpg': { words: { '1': { points: big }, '2': { points: [[0, 0], [9, 0], [9, 9], [0, 9]] } } } } });
    const t0 = performance.now();
    const dataset = await loadDataset([bytesEntry('big.json', utf8(json))]);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(dataset.samples[0].gt).toHaveLength(1);
    const problems = dataset.issues.filter((i) => i.kind !== 'missing-image');
    expect(problems.map((i) => [i.kind, i.path, i.action])).toEqual([['too-many-points', 'images["a.jpg"].words["1"].points', 'skipped']]);
    expect(problems[0].message).toContain(`330000 points, over the ${MAX_POLYGON_POINTS}`);
  });
});
