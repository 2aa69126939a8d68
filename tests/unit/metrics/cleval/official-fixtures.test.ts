import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accumulateCleval } from '../../../../src/core/metrics/cleval/accumulate';
import { clevalImage } from '../../../../src/core/metrics/cleval/cleval-image';
import { expectEntry, parseDetLines, parseGtLines, readJson, readZip, REF, type Pair } from './fixtures';

const expected = readJson<{ pairs: Record<string, Pair> }>(join(REF, 'cleval/expected.json'));

describe('official CLEval matches clovaai/CLEval on every fixture pair', () => {
  for (const [name, pair] of Object.entries(expected.pairs)) {
    describe(name, () => {
      const gts = readZip(join(REF, 'cleval', pair.gt));
      const res = readZip(join(REF, 'cleval', pair.res));
      const ids = [...gts.keys()].sort();
      const results = new Map(ids.map((id) => [id, clevalImage(parseGtLines(gts.get(id)!), parseDetLines(res.get(id)))]));

      it('has the fixture images', () => expect(ids).toEqual(Object.keys(pair.per_image).sort()));
      for (const id of ids) it(`${id} per image`, () => expectEntry(results.get(id)!, pair.per_image[id]));
      it('totals', () => expectEntry(accumulateCleval(results.values()), pair));
    });
  }
});
