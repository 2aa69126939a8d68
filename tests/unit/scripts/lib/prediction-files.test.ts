import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { CliInputError } from '../../../../scripts/lib/cli-args';
import { predictionName, stagePredictionFiles } from '../../../../scripts/lib/prediction-files';

const text = (s: string) => new TextEncoder().encode(s);

describe('--preds files', () => {
  test('res_<stem>.txt keeps its name, <stem>.txt gets the res_ prefix, anything else is not a prediction', () => {
    expect(predictionName('preds/res_img_1.txt')).toBe('res_img_1.txt');
    expect(predictionName('preds/img_1.txt')).toBe('res_img_1.txt');
    expect(predictionName('gt_img_1.TXT')).toBe('res_gt_img_1.TXT');
    expect(predictionName('img_1.jpg')).toBeNull();
    expect(predictionName('notes.md')).toBeNull();
  });

  test('a zip of <stem>.txt files, in folders, is staged under res_ names with the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detscope-preds-test-'));
    const zip = join(dir, 'preds.zip');
    writeFileSync(zip, zipSync({ 'out/img_1.txt': text('1,1,5,1,5,5,1,5\n'), 'out/res_img_2.txt': text('2,2,6,2,6,6,2,6\n'), 'README.md': text('x') }));
    const staged = stagePredictionFiles(zip);
    expect(staged.files.map((f) => basename(f))).toEqual(['res_img_1.txt', 'res_img_2.txt']);
    expect(readFileSync(staged.files[0], 'utf8')).toBe('1,1,5,1,5,5,1,5\n');
    expect(readdirSync(staged.dir)).toHaveLength(2);
    expect(staged.origin.get('res_img_1.txt')).toBe('out/img_1.txt');
  });

  test('a folder; two files for one image, or none at all, are bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detscope-preds-test-'));
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'img_1.txt'), '');
    expect(stagePredictionFiles(dir).files.map((f) => basename(f))).toEqual(['res_img_1.txt']);
    writeFileSync(join(dir, 'res_img_1.txt'), '');
    const twice = (() => { try { stagePredictionFiles(dir); } catch (e) { return e as CliInputError; } })();
    expect(twice).toBeInstanceOf(CliInputError);
    expect(twice!.message).toContain('two predictions for one image');
    const empty = mkdtempSync(join(tmpdir(), 'detscope-preds-test-'));
    writeFileSync(join(empty, 'img_1.jpg'), '');
    expect(() => stagePredictionFiles(empty)).toThrow(/holds no \.txt prediction files/);
    const notZip = join(empty, 'p.zip');
    writeFileSync(notZip, 'not a zip');
    expect(() => stagePredictionFiles(notZip)).toThrow(/neither a folder nor a readable zip/);
  });
});
