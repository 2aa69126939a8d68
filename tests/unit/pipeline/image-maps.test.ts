import { describe, expect, test } from 'vitest';
import type { GtRegion } from '../../../src/core/dataset/sample';
import { ModelError } from '../../../src/core/errors';
import { PRESETS } from '../../../src/core/model/profiles';
import { scaleTranslate } from '../../../src/core/numerics/mat3';
import type { Detector } from '../../../src/core/pipeline/detector';
import { imageMaps, type MapsRun } from '../../../src/core/pipeline/image-maps';
import type { GtMapsJob } from '../../../src/core/pipeline/worker-apis';

const run: MapsRun = { modelFile: 'det.onnx', modelSha256: 'aaa', profile: PRESETS['ppocr-det'], applyExifOrientation: false };
const gt: GtRegion[] = [
  { points: [[0, 0], [8, 0], [8, 4], [0, 4]], dontCare: false },
  { points: [[2, 2], [6, 2], [6, 6], [2, 6]], dontCare: true },
];

/** A detector whose model gives a 4x2 map at half the image's scale; records what it was asked. */
function fakeDetector(loaded: string | null) {
  const calls: unknown[][] = [];
  const detector = {
    model: loaded && { name: loaded },
    detect: async (...args: unknown[]) => {
      calls.push(args);
      return { probWidth: 4, probHeight: 2, toImage: scaleTranslate(2, 2), prob: new Float32Array(8).fill(0.5) };
    },
  } as unknown as Detector;
  return { detector, calls };
}

describe('imageMaps: one image\'s maps for the inspector', () => {
  test('runs the run\'s model with its profile, and makes GT maps of the care regions in map pixels', async () => {
    const { detector, calls } = fakeDetector('det.onnx');
    const jobs: GtMapsJob[] = [];
    const image = new Blob([]);
    const signal = new AbortController().signal;
    const maps = await imageMaps(detector, 'aaa', run, image, gt, async (_signal, job) => {
      jobs.push(job);
      return { shrink: new Float32Array(8), thresh: new Float32Array(8), source: 'computed' };
    }, signal);
    expect(calls).toEqual([[image, run.profile, { applyExifOrientation: false, signal }]]);
    expect(jobs).toEqual([{ polygons: [[[0, 0], [4, 0], [4, 2], [0, 2]]], height: 2, width: 4 }]);
    expect([maps.width, maps.height, maps.prob.length, maps.gt?.source]).toEqual([4, 2, 8, 'computed']);
  });

  test('an image without care GT gets no GT maps', async () => {
    const { detector } = fakeDetector('det.onnx');
    const maps = await imageMaps(detector, 'aaa', run, new Blob([]), [gt[1]], () => Promise.reject(new Error('not called')), new AbortController().signal);
    expect(maps.gt).toBeNull();
  });

  test('another model loaded (or none) is refused, naming the run\'s model', async () => {
    for (const [loaded, sha] of [['other.onnx', 'bbb'], [null, '']] as const) {
      const { detector, calls } = fakeDetector(loaded);
      const error = await imageMaps(detector, sha, run, new Blob([]), gt, () => Promise.reject(new Error('not called')), new AbortController().signal).catch((e) => e);
      expect(error).toBeInstanceOf(ModelError);
      expect(error.message).toContain('det.onnx');
      expect(error.hint).toContain('Load det.onnx');
      expect(calls).toEqual([]);
    }
  });
});
