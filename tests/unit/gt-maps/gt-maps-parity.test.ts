import { describe, expect, it } from 'vitest';
import { makeGtMaps, gtMapParams } from '../../../src/core/gt-maps/gt-maps';
import type { Polygon } from '../../../src/core/geometry/types';
import { loadCase, readmeHashes, sha256 } from './fixtures';

const REGULAR = ['receipt_quads', 'rotated_quads', 'polygons_many_points', 'border_and_degenerate', 'empty'];
const THRESH_MIN = Math.fround(0.3);

function run(name: string) {
  const { input, prob, thresh } = loadCase(name);
  const params = {
    height: input.height,
    width: input.width,
    shrinkRatio: input.shrink_ratio,
    threshMin: input.thresh_min,
    threshMax: input.thresh_max,
  };
  return { ref: { prob, thresh }, out: makeGtMaps(params, input.polygons) };
}

describe('GT maps: parity with the reference DBCollateFN', () => {
  const hashes = readmeHashes();

  it('reads the README hashes of all six cases', () => {
    expect(hashes.size).toBe(6);
  });

  for (const name of REGULAR) {
    it(`${name}: fixture matches its README hash, and our maps are bit-identical`, () => {
      const { ref, out } = run(name);
      const [probHash, threshHash] = hashes.get(name)!;
      expect(sha256(ref.prob)).toBe(probHash);
      expect(sha256(ref.thresh)).toBe(threshHash);
      let probDiff = 0;
      let threshDiff = 0;
      for (let i = 0; i < ref.prob.length; i++) {
        if (out.prob[i] !== ref.prob[i]) probDiff++;
        if (out.thresh[i] !== ref.thresh[i]) threshDiff++;
      }
      expect({ probDiff, threshDiff }).toEqual({ probDiff: 0, threshDiff: 0 });
      expect(sha256(out.prob)).toBe(probHash);
      expect(sha256(out.thresh)).toBe(threshHash);
    });
  }

  it('outside_box_artifact: the reference smears a column/row in; we write nothing', () => {
    const { ref, out } = run('outside_box_artifact');
    expect(ref.thresh.some((v) => v !== THRESH_MIN)).toBe(true); // the pinned bug is there
    expect(out.prob.every((v) => v === 0)).toBe(true);
    expect(out.thresh.every((v) => v === THRESH_MIN)).toBe(true);
  });

  const raising: [string, Polygon][] = [
    ['fully left', [[-40, 10], [-10, 10], [-10, 30], [-40, 30]]],
    ['fully above', [[10, -40], [40, -40], [40, -10], [10, -10]]],
    ['far right', [[200, 10], [230, 10], [230, 30], [200, 30]]],
  ];
  for (const [label, poly] of raising) {
    it(`a quad ${label} of the image (the reference raises) neither throws nor writes`, () => {
      const out = makeGtMaps(gtMapParams(64, 64), [poly]);
      expect(out.prob.every((v) => v === 0)).toBe(true);
      expect(out.thresh.every((v) => v === THRESH_MIN)).toBe(true);
    });
  }
});
