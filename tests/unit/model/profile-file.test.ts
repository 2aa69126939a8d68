import { describe, expect, test } from 'vitest';
import { ModelError } from '../../../src/core/errors';
import { parseProfileJson, postLimitProblem, profileToJson } from '../../../src/core/model/profile-file';
import { PPOCR_DET, ORIGINAL_DBNET, type ModelProfile } from '../../../src/core/model/profiles';

/** The error parsing `text` throws. */
function refused(text: string): ModelError {
  try {
    parseProfileJson(text, 'tuned.json');
  } catch (e) {
    return e as ModelError;
  }
  throw new Error('expected a ModelError');
}

/** A preset as a file, with one field replaced by `edit`. */
const edited = (edit: (p: Record<string, any>) => void, base: ModelProfile = PPOCR_DET) => {
  const json = JSON.parse(profileToJson(base));
  edit(json);
  return JSON.stringify(json);
};

describe('profile files', () => {
  test('export then import gives the same profile back, presets and custom', () => {
    const custom: ModelProfile = { ...ORIGINAL_DBNET, id: 'custom', inputName: 'images', outputs: { prob: 'maps', thresh: 1 }, post: { ...ORIGINAL_DBNET.post, mode: 'poly', minSize: 5 }, inferenceBatch: 4 };
    const bucketed: ModelProfile = { ...PPOCR_DET, buckets: { sides: [640, 960], padValue: -2 } };
    const byMultiple: ModelProfile = { ...PPOCR_DET, buckets: { multiple: 128 } };
    for (const p of [PPOCR_DET, ORIGINAL_DBNET, custom, bucketed, byMultiple]) expect(parseProfileJson(profileToJson(p), 'p.json')).toEqual(p);
  });

  test.each([
    ['{', undefined, 'Not JSON'],
    ['[]', undefined, 'the file must be an object'],
    [edited((p) => (p.post.thresh = 2)), 'post.thresh', 'post.thresh must be at least 0 and at most 1, not 2'],
    [edited((p) => (p.post.boxThresh = '0.5')), 'post.boxThresh', 'must be a number, not "0.5"'],
    [edited((p) => (p.post.maxCandidates = 10.5)), 'post.maxCandidates', 'must be a whole number'],
    [edited((p) => (p.post.unclipRatio = 0)), 'post.unclipRatio', 'must be above 0, not 0'],
    [edited((p) => (p.post.mode = 'quad')), 'post.mode', 'must be one of "box", "poly", not "quad"'],
    [edited((p) => (p.std[2] = 0)), 'std[2]', 'std[2] must be above 0'],
    [edited((p) => (p.mean = [0.5, 0.5])), 'mean', 'must be an array of 3 numbers'],
    [edited((p) => (p.resize.maxSide = -960)), 'resize.maxSide', 'must be a whole number above 0'],
    [edited((p) => (p.resize = { kind: 'pad-square', side: 640 })), 'resize.align', 'must be one of "center", "top-left"'],
    [edited((p) => delete p.post), 'post', 'post must be an object'],
    [edited((p) => (p.channelOrder = 'rgb')), 'channelOrder', 'must be one of "RGB", "BGR"'],
    [edited((p) => (p.outputs.prob = -1)), 'outputs.prob', 'must be an output name or index'],
    [edited((p) => (p.inferenceBatch = 2.5)), 'inferenceBatch', 'inferenceBatch must be a whole number above 0, not 2.5'],
    [edited((p) => (p.buckets = { sides: [640, 0] })), 'buckets.sides[1]', 'must be a whole number above 0, not 0'],
    [edited((p) => (p.buckets = { sides: 640 })), 'buckets.sides', 'must be an array of sides in pixels'],
    [edited((p) => (p.buckets = {})), 'buckets', 'must give `multiple`'],
  ])('%s is refused at %s', (text, path, message) => {
    const e = refused(text);
    expect(e).toBeInstanceOf(ModelError);
    expect(e.where).toEqual({ file: 'tuned.json', ...(path ? { path } : {}) });
    expect(e.message).toContain(message);
    expect(e.describe()).toMatch(/\. (Fix|Give)/);
  });

  test('post-processing limits', () => {
    expect(postLimitProblem('thresh', 0)).toBeNull();
    expect(postLimitProblem('thresh', 1)).toBeNull();
    expect(postLimitProblem('boxThresh', -0.1)).toBe('must be at least 0 and at most 1, not -0.1');
    expect(postLimitProblem('minSize', Number.NaN)).toBe('must be a number at least 0');
    expect(postLimitProblem('maxCandidates', 0)).toBe('must be at least 1, not 0');
  });
});
