import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import type { Dataset } from '../../../src/core/dataset/load-dataset';
import { bytesEntry } from '../../../src/core/dataset/entry';
import { ModelError } from '../../../src/core/errors';
import { evaluateImage } from '../../../src/core/metrics/image-metrics';
import { imageToMap, mapStride } from '../../../src/core/model/map-scale';
import { preprocess } from '../../../src/core/model/preprocess';
import { PRESETS } from '../../../src/core/model/profiles';
import { applyAffine, scaleTranslate } from '../../../src/core/numerics/mat3';
import { DEFAULT_EVALUATION_SETTINGS, evaluate, type WorkerFactories } from '../../../src/core/pipeline/evaluation';
import type { InferApi } from '../../../src/core/pipeline/worker-apis';
import { inProcess } from '../pipeline/in-process-bridge';
import { dbPostprocess } from '../../../src/core/postprocess/db-postprocess';
import { now } from '../../../src/core/profiler/span';
import { modelBytes } from '../../fixtures/models/tiny-models';

describe('mapStride', () => {
  test('1 for a map at the input size, k for a 1/k head whether pooling floors or ceils', () => {
    expect(mapStride({ width: 288, height: 160 }, { width: 288, height: 160 })).toBe(1);
    expect(mapStride({ width: 288, height: 160 }, { width: 72, height: 40 })).toBe(4);
    expect(mapStride({ width: 290, height: 162 }, { width: 72, height: 40 })).toBe(4);
    expect(mapStride({ width: 290, height: 162 }, { width: 73, height: 41 })).toBe(4);
  });

  test('1/k for a map upsampled k times', () => {
    expect(mapStride({ width: 100, height: 50 }, { width: 200, height: 100 })).toBe(0.5);
  });

  test('null when no whole stride fits both sides', () => {
    expect(mapStride({ width: 256, height: 128 }, { width: 179, height: 89 })).toBeNull();
    expect(mapStride({ width: 256, height: 128 }, { width: 64, height: 16 })).toBeNull();
    expect(mapStride({ width: 100, height: 50 }, { width: 150, height: 75 })).toBeNull();
    expect(mapStride({ width: 256, height: 128 }, { width: 128, height: 256 })).toBeNull();
  });
});

describe('imageToMap', () => {
  const resize = scaleTranslate(0.5, 0.25, 0, 8);

  test('is the preprocessing transform for an input-sized map, and divides it by the stride for a 1/4 map', () => {
    expect(imageToMap(resize, { width: 64, height: 64 }, { width: 64, height: 64 }, 'prob')).toBe(resize);
    const quarter = imageToMap(resize, { width: 64, height: 64 }, { width: 16, height: 16 }, 'prob');
    expect(applyAffine(quarter, 40, 40)).toEqual([5, 4.5]);
    expect(applyAffine(resize, 40, 40)).toEqual([20, 18]);
  });

  test('names the output and both sizes when the map cannot be placed', () => {
    const call = () => imageToMap(resize, { width: 256, height: 128 }, { width: 179, height: 89 }, 'prob');
    expect(call).toThrow(ModelError);
    expect(call).toThrow('Output "prob" is 179x89 for a 256x128 input: neither the input\'s size nor a whole fraction or multiple of it');
  });
});

/** A white 300x150 image with two black bars, the GT boxes of which are the bars. */
const W = 300;
const H = 150;
const BARS: [number, number, number, number][] = [
  [40, 20, 120, 56],
  [150, 76, 260, 120],
];
function barsImage(): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(W * H * 4).fill(255);
  for (const [x0, y0, x1, y1] of BARS) {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) rgba.fill(0, (y * W + x) * 4, (y * W + x) * 4 + 3);
  }
  return rgba;
}

/** One run of the real pipeline (preprocessing, onnxruntime-node, DB post-processing, metrics) in-process. */
async function runModel(model: 'ink-full' | 'ink-quarter' | 'ink-double' | 'ink-0.7') {
  const session = await ort.InferenceSession.create(modelBytes(model));
  const profile = structuredClone(PRESETS['ppocr-det']);
  // The bars are thin: the default unclip would grow the boxes past the GT.
  profile.post.unclipRatio = 0.2;
  const image = barsImage();
  let boxes: number[][][] = [];
  const workers: WorkerFactories = {
    prep: () =>
      inProcess({
        async prepare(job) {
          const p = preprocess(image, W, H, job.profile);
          return { width: W, height: H, tensor: p.tensor, dims: p.dims, transform: p.transform };
        },
      }),
    post: () =>
      inProcess({
        evaluate: async (job) => evaluateImage(job.gt, job.detections, job.mode),
        async postprocess(job) {
          const result = dbPostprocess(job.prob, job.height, job.width, job.profile.post, { inverse: job.toImage, width: job.imageWidth, height: job.imageHeight });
          boxes = result.boxes.map((b) => b.points);
          return result;
        },
      }),
    gtMaps: () => {
      throw new Error('not used');
    },
    gtMapsStats: async () => null,
  };
  const infer: InferApi = {
    load: async () => {
      throw new Error('not used');
    },
    run: async (name, data, dims) => {
      const out = (await session.run({ [name]: new ort.Tensor('float32', data, dims) })).prob;
      return { prob: { data: out.data as Float32Array, dims: [...out.dims] } };
    },
    gpuBytes: async () => null,
    wasmBytes: async () => null,
    runtime: async () => null,
    startKernelProfile: async () => {},
    endKernelProfile: async () => null,
    loseDevice: async () => {},
  };
  const dataset: Dataset = {
    format: 'receipt-json',
    samples: [{ name: 'bars.png', image: bytesEntry('bars.png', new Uint8Array([0])), gt: BARS.map(([x0, y0, x1, y1]) => ({ points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], text: 'WORD', dontCare: false })) }],
    predictions: new Map(),
    issues: [],
    summary: { format: 'receipt-json', images: 1, polygons: 2, dontCares: 0, skipped: 0, skippedPolygons: 0, errors: 0, warnings: 0, warningsByKind: {} },
  };
  const report = await evaluate({
    dataset,
    datasetName: 'bars',
    datasetHash: 'ab'.repeat(32),
    model: {
      infer: inProcess(infer),
      loaded: {
        name: `${model}.onnx`,
        bytes: 1,
        runtime: { ep: 'wasm', requested: 'wasm', fallbackReason: null, adapter: null, ortVersion: 'node', wasmThreads: 1, crossOriginIsolated: false, hardwareConcurrency: 1 },
        io: { inputNames: ['image'], outputNames: ['prob'], inputShapes: [[1, 3, null, null]], outputShapes: [[1, 1, null, null]] },
      } as never,
      sha256: 'cd'.repeat(32),
      profile,
    },
    settings: { ...DEFAULT_EVALUATION_SETTINGS, workers: 1, batchSize: 1, warmupBatches: 0, collate: false, clevalMode: 'official' },
    workers,
    readImage: async () => new Blob([new Uint8Array([0])]),
    memory: { sample: async () => ({ t: now(), jsHeapBytes: 1, wasmBytes: null, gpuBytes: null }), jsHeapSource: 'performance.memory' },
    userAgent: 'test',
    thresholds: null,
    baseline: null,
  });
  await session.release();
  return { report, boxes };
}

describe('a model whose map is not input-sized, through the whole run', () => {
  test('a 1/4-resolution head and a 2x map find the boxes of the input-sized map, within a map pixel, and score as well', async () => {
    const full = await runModel('ink-full');
    expect(full.report.accuracy.iou!.hmean).toBe(1);
    const fullBoxes = full.boxes;
    expect(fullBoxes).toHaveLength(2);
    for (const [model, tolerance] of [['ink-quarter', 4], ['ink-double', 1]] as const) {
      const other = await runModel(model);
      expect(other.report.accuracy.iou!.hmean, model).toBe(1);
      const boxes = other.boxes;
      expect(boxes, model).toHaveLength(2);
      boxes.forEach((box, i) =>
        box.forEach(([x, y], k) => {
          expect(Math.abs(x - fullBoxes[i][k][0]), `${model} box ${i} corner ${k} x`).toBeLessThanOrEqual(tolerance);
          expect(Math.abs(y - fullBoxes[i][k][1]), `${model} box ${i} corner ${k} y`).toBeLessThanOrEqual(tolerance);
        }),
      );
    }
  });

  test('a map at 0.7 of the input fails its image with the sizes named, not a silent H-mean of 0', async () => {
    const { report } = await runModel('ink-0.7');
    expect(report.images[0].failed).toContain('Output "prob" is 201x112 for a 288x160 input');
  });
});
