import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CliInputError, parseCliArgs, readCliInputs } from '../../../../scripts/lib/cli-args';
import { changesProfile, sweepOnProfile, withOverrides } from '../../../../scripts/lib/run-options';
import { ModelError } from '../../../../src/core/errors';
import { profileToJson } from '../../../../src/core/model/profile-file';
import { PPOCR_DET, ORIGINAL_DBNET } from '../../../../src/core/model/profiles';

const run = (argv: string[]) => parseCliArgs(argv).run;

function thrown(fn: () => unknown): Error & { describe?: () => string; where?: { file?: string; path?: string } } {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('run options', () => {
  test('post-processing flags map to the profile\'s DB parameters', () => {
    const o = run(['--thresh', '0.25', '--box-thresh', '0.5', '--unclip-ratio', '2', '--min-size', '4', '--max-candidates', '300', '--box-mode', 'poly', '--limit-side', '1280']);
    expect(o.overrides).toEqual({ post: { thresh: 0.25, boxThresh: 0.5, unclipRatio: 2, minSize: 4, maxCandidates: 300, mode: 'poly' }, limitSide: 1280 });
    expect(changesProfile(o)).toBe(true);
    expect(changesProfile(run([]))).toBe(false);
  });

  test('settings: CLEval mode (original is the page\'s seed), cache, collate, workers', () => {
    expect(run(['--cleval-mode', 'original']).settings).toEqual({ clevalMode: 'seed' });
    expect(run(['--cleval-mode', 'official']).settings).toEqual({ clevalMode: 'official' });
    expect(run(['--cleval-mode', 'auto', '--no-cache', '--no-collate', '--workers', '3', '--image-timeout', '90']).settings).toEqual({ clevalMode: 'auto', cache: false, collate: false, workers: 3, imageTimeoutS: 90 });
  });

  test.each([
    [['--thresh', '1.5'], '--thresh', '--thresh 1.5 must be at least 0 and at most 1, not 1.5'],
    [['--box-thresh=-0.1'], '--box-thresh', 'must be at least 0 and at most 1'],
    [['--thresh', ''], '--thresh', '--thresh  must be a number'],
    [['--unclip-ratio', '0'], '--unclip-ratio', 'must be above 0'],
    [['--min-size', 'x'], '--min-size', 'must be a number'],
    [['--max-candidates', '10.5'], '--max-candidates', 'must be a whole number'],
    [['--limit-side', '16'], '--limit-side', '--limit-side 16 is not a whole number of at least 32'],
    [['--box-mode', 'quad'], '--box-mode', '--box-mode quad is not box or poly'],
    [['--cleval-mode', 'seed'], '--cleval-mode', '--cleval-mode seed is not official, original or auto'],
    [['--workers', '0'], '--workers', '--workers 0 is not a whole number of at least 1'],
    [['--image-timeout', '-5'], '--image-timeout', '--image-timeout -5 is not a whole number of at least 0'],
    [['--preds', 'p', '--data', 'd', '--thresh', '0.3'], '--preds', '--preds with a model profile option'],
    [['--sweep-thresh', '0.2,x'], '--sweep-thresh', '--sweep-thresh "0.2,x": "x" is not a number'],
    [['--sweep-unclip', '1.5,0'], '--sweep-unclip', '--sweep-unclip "1.5,0": 0 is out of range'],
    [['--preds', 'p', '--data', 'd', '--sweep-thresh', '0.3'], '--preds', '--preds with --sweep-thresh / --sweep-unclip'],
  ])('%j is refused, naming %s', (argv, path, message) => {
    const e = thrown(() => parseCliArgs(argv));
    expect(e).toBeInstanceOf(CliInputError);
    expect(e.where?.path).toBe(path);
    expect(e.message).toContain(message);
    expect(e.describe!()).toMatch(/\. \S/);
  });

  test("sweep flags: checked values; an axis left out is the profile's own value", () => {
    expect(run([]).sweep).toBeNull();
    const both = run(['--sweep-thresh', '0.2,0.3,0.4', '--sweep-unclip', '1.5,2,2.5']).sweep!;
    expect(sweepOnProfile(both, PPOCR_DET.post)).toEqual({ thresh: [0.2, 0.3, 0.4], unclipRatio: [1.5, 2, 2.5] });
    expect(sweepOnProfile(run(['--sweep-thresh', '0.2,0.4']).sweep!, PPOCR_DET.post)).toEqual({ thresh: [0.2, 0.4], unclipRatio: [PPOCR_DET.post.unclipRatio] });
    expect(sweepOnProfile(run(['--sweep-unclip', '2']).sweep!, ORIGINAL_DBNET.post)).toEqual({ thresh: [ORIGINAL_DBNET.post.thresh], unclipRatio: [2] });
  });

  test('flags override the profile: the longer-side limit, or the square side; an edited preset is custom', () => {
    const o = run(['--box-thresh', '0.4', '--limit-side', '640']).overrides;
    expect(withOverrides(PPOCR_DET, o)).toEqual({ ...PPOCR_DET, id: 'custom', resize: { ...PPOCR_DET.resize, maxSide: 640 }, post: { ...PPOCR_DET.post, boxThresh: 0.4 } });
    expect(withOverrides(ORIGINAL_DBNET, o).resize).toEqual({ kind: 'pad-square', side: 640, align: 'center' });
    expect(withOverrides(ORIGINAL_DBNET, run([]).overrides)).toBe(ORIGINAL_DBNET);
  });

  test('--profile is read and checked before a browser starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detscope-profile-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, profileToJson(ORIGINAL_DBNET));
    expect(readCliInputs(parseCliArgs(['--profile', good])).profile).toEqual(ORIGINAL_DBNET);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, profileToJson({ ...ORIGINAL_DBNET, post: { ...ORIGINAL_DBNET.post, boxThresh: 7 } }));
    const e = thrown(() => readCliInputs(parseCliArgs(['--profile', bad])));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.where).toEqual({ file: bad, path: 'post.boxThresh' });
    expect(thrown(() => readCliInputs(parseCliArgs(['--profile', join(dir, 'none.json')]))).message).toContain('does not exist');
  });
});
