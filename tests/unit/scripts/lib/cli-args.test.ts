import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CliInputError, parseCliArgs, parseShard, readCliInputs, readReportFile, requirePath } from '../../../../scripts/lib/cli-args';
import { ReportError, ThresholdsError } from '../../../../src/core/errors';

/** The error `fn` throws, to check its type, message and where. */
function thrown(fn: () => unknown): Error & { describe?: () => string; where?: { file?: string; line?: number; path?: string } } {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('parseCliArgs', () => {
  test('no arguments: bundled model and sample, WASM, default out dir', () => {
    expect(parseCliArgs([])).toEqual({
      model: null, data: null, preds: null, boxType: 'quad', ep: 'wasm', batchSize: null, limit: null,
      thresholds: null, baseline: null, out: 'detscope-report', shard: null, savePreds: false, buckets: null, inferenceBatch: null, help: false,
      run: { profileFile: null, overrides: { post: {}, limitSide: null }, settings: {}, sweep: null },
    });
  });

  test('every option', () => {
    const o = parseCliArgs(['--model', 'm.onnx', '--data', 'd.zip', '--ep', 'webgpu', '--batch-size', '8', '--limit', '0', '--thresholds', 't.yaml', '--baseline', 'b.json', '--out', 'o', '--shard', '2/4', '--box-type', 'POLY', '--save-preds', '--buckets', '320,640', '--inference-batch', '4', '--kernel-profile']);
    expect(o.run.settings.kernelProfile).toBe(true);
    expect(o).toMatchObject({ buckets: { sides: [320, 640] }, inferenceBatch: 4, model: 'm.onnx', data: 'd.zip', boxType: 'poly', ep: 'webgpu', batchSize: 8, limit: 0, thresholds: 't.yaml', baseline: 'b.json', out: 'o', shard: { index: 2, count: 4 }, savePreds: true });
  });

  test.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--model'], "Option '--model <value>' argument missing"],
    [['stray'], "Unexpected argument 'stray'"],
    [['--ep', 'cuda'], '--ep cuda is not an execution provider'],
    [['--box-type', 'rect'], '--box-type rect is not a box type'],
    [['--batch-size', '0'], '--batch-size 0: value not allowed, --batch-size takes a whole number of at least 1'],
    [['--batch-size', '2.5'], '--batch-size 2.5: value not allowed'],
    [['--limit=-1'], '--limit -1: value not allowed, --limit takes a whole number of at least 0'],
    // Not node's "argument is ambiguous": a negative number is a value, just not an allowed one.
    [['--batch-size', '-1'], '--batch-size -1: value not allowed, --batch-size takes a whole number of at least 1'],
    [['--limit', '-3', '--out', 'o'], '--limit -3: value not allowed, --limit takes a whole number of at least 0'],
    [['--limit', 'ten'], '--limit ten: value not allowed'],
    [['--preds', 'p', '--model', 'm.onnx', '--data', 'd'], '--preds and --model both given'],
    [['--preds', 'p'], '--preds needs --data'],
    [['--buckets', '0'], '--buckets 0 is neither a side nor a list of sides'],
    [['--inference-batch', '0'], '--inference-batch 0: value not allowed, --inference-batch takes a whole number of at least 1'],
    [['--preds', 'p', '--data', 'd', '--inference-batch', '2'], '--preds with --inference-batch'],
    [['--preds', 'p', '--data', 'd', '--kernel-profile'], '--preds with --kernel-profile'],
  ])('%j is a CliInputError: %s', (argv, message) => {
    const e = thrown(() => parseCliArgs(argv));
    expect(e).toBeInstanceOf(CliInputError);
    expect(e.message).toContain(message);
    expect(e.describe!()).toMatch(/\. \S/); // what, then what to do
  });
});

describe('parseShard', () => {
  test('I/N with 1 <= I <= N', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard(' 3/4 ')).toEqual({ index: 3, count: 4 });
  });
  test.each(['0/2', '3/2', '1/0', '1-2', '1/', 'a/b', '1/2/3'])('%s is refused', (s) => {
    const e = thrown(() => parseShard(s));
    expect(e).toBeInstanceOf(CliInputError);
    expect(e.where?.path).toBe('--shard');
  });
});

describe('input files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'detscope-cli-'));
  const file = join(dir, 'x.json');
  writeFileSync(file, '{');

  test('requirePath: missing, a directory for a file, a file for a directory', () => {
    expect(thrown(() => requirePath(join(dir, 'nope'), '--data', 'any')).message).toBe(`--data ${join(dir, 'nope')} does not exist`);
    expect(thrown(() => requirePath(dir, '--model', 'file')).message).toContain('is a directory');
    expect(thrown(() => requirePath(file, '--preds', 'dir')).message).toContain('is not a directory');
    expect(() => requirePath(dir, '--data', 'any')).not.toThrow();
  });

  test('a baseline that is not JSON, or not a report', () => {
    const notJson = thrown(() => readReportFile(file, '--baseline'));
    expect(notJson).toBeInstanceOf(CliInputError);
    expect(notJson.message).toContain('is not JSON');
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ schema_version: 1 }));
    const invalid = thrown(() => readReportFile(other, '--baseline'));
    expect(invalid).toBeInstanceOf(ReportError);
    expect(invalid.where?.file).toBe(other);
  });

  test('--out must be able to become a folder, checked before the run', () => {
    const e = thrown(() => readCliInputs({ ...parseCliArgs([]), out: file }));
    expect(e).toBeInstanceOf(CliInputError);
    expect(e.message).toBe(`--out ${file} is a file, not a folder`);
    expect(e.where).toEqual({ file, path: '--out' });
    expect(thrown(() => readCliInputs({ ...parseCliArgs([]), out: join(file, 'sub') })).message).toBe(`--out ${join(file, 'sub')} cannot be made: ${file} is a file`);
    expect(() => readCliInputs({ ...parseCliArgs([]), out: join(dir, 'new', 'deeper') })).not.toThrow();
    expect(() => readCliInputs({ ...parseCliArgs([]), out: dir })).not.toThrow();
  });

  test('bad thresholds YAML names the file, line and key', () => {
    const yaml = join(dir, 't.yaml');
    writeFileSync(yaml, 'validation:\n  max_time_seconds: fast\n');
    const e = thrown(() => readCliInputs({ ...parseCliArgs([]), thresholds: yaml }));
    expect(e).toBeInstanceOf(ThresholdsError);
    expect(e.where).toEqual({ file: yaml, line: 2, path: 'validation.max_time_seconds' });
  });

  test('good thresholds are passed on as text with their source', () => {
    const yaml = join(dir, 'ok.yaml');
    writeFileSync(yaml, 'accuracy:\n  min_hmean: 0.9\n');
    expect(readCliInputs({ ...parseCliArgs([]), thresholds: yaml })).toEqual({ thresholds: { source: yaml, text: 'accuracy:\n  min_hmean: 0.9\n' }, baseline: null, profile: null });
  });
});
