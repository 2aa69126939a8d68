import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Polygon } from '../../../../../src/core/geometry/types';
import { accumulateClevalOriginal, mergeClevalOriginalTotals } from '../../../../../src/core/metrics/cleval/original/accumulate';
import { clevalOriginalImage } from '../../../../../src/core/metrics/cleval/original/cleval-original-image';
import type { ClevalOriginalImageResult } from '../../../../../src/core/metrics/cleval/original/types';
import type { ClevalScores } from '../../../../../src/core/metrics/cleval/types';
import { expectEntry, parseDetLines, readJson, readZip, REF, type Entry } from '../fixtures';

interface OriginalEntry extends Entry {
  metric_compute: { recall: number; precision: number; f1: number };
}
interface OriginalImage extends OriginalEntry {
  gt_pseudo_len: number[];
  fp_chars: Record<string, number>;
  degenerate_boxes?: { det?: number[]; gt?: number[] };
}
interface OriginalPair extends OriginalEntry {
  gt: string;
  res: string;
  mean_over_images: { recall: number; precision: number; hmean: number };
  per_image: Record<string, OriginalImage>;
}
type GtJson = { images: Record<string, { words: Record<string, { points: Polygon }> }> };

const dir = join(REF, 'cleval-seed');
const expected = readJson<{ pairs: Record<string, OriginalPair> }>(join(dir, 'expected.json'));

const expectClose = (got: ClevalScores, want: ClevalScores, tol: number) =>
  expect([got.recall - want.recall, got.precision - want.precision, got.hmean - want.hmean].map((d) => Math.abs(d) <= tol)).toEqual([true, true, true]);
const f1 = (m: OriginalEntry['metric_compute']): ClevalScores => ({ recall: m.recall, precision: m.precision, hmean: m.f1 });

describe('receipt-project CLEval variant matches its fixtures', () => {
  for (const [name, pair] of Object.entries(expected.pairs)) {
    describe(name, () => {
      const gtJson = readJson<GtJson>(join(dir, pair.gt));
      const res = readZip(join(dir, pair.res));
      const ids = Object.keys(gtJson.images);
      const results = new Map<string, ClevalOriginalImageResult>(
        ids.map((id) => {
          const gt = Object.values(gtJson.images[id].words).map((w) => ({ points: w.points, text: '', dontCare: false }));
          return [id, clevalOriginalImage(gt, parseDetLines(res.get(id.replace(/\.jpg$/, ''))))];
        }),
      );

      it('has the fixture images', () => expect(ids.sort()).toEqual(Object.keys(pair.per_image).sort()));
      for (const id of ids) {
        const want = pair.per_image[id];
        it(`${id}: counts and float64 scores`, () => expectEntry(results.get(id)!, want));
        it(`${id}: pseudo lengths, false-positive characters, degenerate boxes (exact)`, () => {
          const r = results.get(id)!;
          expect(r.gtChars).toEqual(want.gt_pseudo_len);
          expect(Object.fromEntries(Object.entries(r.fpChars).map(([k, v]) => [String(k), v]))).toEqual(want.fp_chars);
          expect(r.degenerateDet).toEqual(want.degenerate_boxes?.det ?? []);
          expect(r.degenerateGt).toEqual(want.degenerate_boxes?.gt ?? []);
        });
        it(`${id}: float32 compute() values (exact)`, () => expectClose(results.get(id)!.float32, f1(want.metric_compute), 0));
      }

      const totals = accumulateClevalOriginal(results.values());
      it('totals: counts and float64 scores', () => expectEntry(totals, pair));
      it('totals: compute() after every update (float32, exact)', () => expectClose(totals.metricCompute, f1(pair.metric_compute), 0));
      it('totals: mean of per-image float32 scores', () => {
        expectClose(totals.meanOverImages, pair.mean_over_images, 1e-6);
        expect(totals.meanImageHmean).toBe(Math.fround(pair.mean_over_images.hmean));
      });
      it('totals merge across shards', () => {
        const all = [...results.values()];
        const merged = mergeClevalOriginalTotals(accumulateClevalOriginal(all.slice(0, 2)), accumulateClevalOriginal(all.slice(2)));
        expectEntry(merged, pair);
        expectClose(merged.meanOverImages, pair.mean_over_images, 1e-12);
        expectClose(merged.metricCompute, f1(pair.metric_compute), 0);
      });
    });
  }
});
