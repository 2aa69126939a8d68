import { describe, expect, test } from 'vitest';
import { CliInputError } from '../../../../scripts/lib/cli-args';
import { refuseEmptyShard, refuseUnreadableFiles } from '../../../../scripts/lib/dataset-check';
import type { DatasetIssue } from '../../../../src/core/dataset/issues';

const brokenJson: DatasetIssue = { kind: 'invalid-json', severity: 'error', file: 'data/train.json', line: 4, column: 3, message: 'Invalid JSON at line 4, column 3: Expected double-quoted property name', action: 'skipped' };

describe('refuseUnreadableFiles', () => {
  test('a receipt JSON that does not parse is bad input, with file, line and column', () => {
    let error: unknown;
    try {
      refuseUnreadableFiles([{ ...brokenJson, kind: 'too-few-points', line: 1 }, brokenJson]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliInputError);
    expect((error as CliInputError).describe()).toMatch(/^data\/train\.json:4:3: Invalid JSON at line 4, column 3: Expected double-quoted property name\. Fix the file/);
  });

  test('skipped lines or words are not a reason to stop', () => {
    expect(() => refuseUnreadableFiles([{ ...brokenJson, kind: 'too-few-points' }])).not.toThrow();
  });
});

describe('refuseEmptyShard', () => {
  const six = { issues: [], hasImage: [true, true, true, true, true, true] };
  test('--shard 7/8 on 6 images is empty', () => {
    expect(() => refuseEmptyShard(six, { index: 7, count: 8 }, true)).toThrow('--shard 7/8 is empty: it takes images 7, 15, ... and the dataset has 6 images to evaluate');
    expect(() => refuseEmptyShard(six, { index: 6, count: 8 }, true)).not.toThrow();
    expect(() => refuseEmptyShard(six, null, true)).not.toThrow();
  });

  test('with a model, annotations without their image do not count', () => {
    const data = { issues: [], hasImage: [true, false] };
    expect(() => refuseEmptyShard(data, { index: 2, count: 2 }, true)).toThrow(/is empty/);
    expect(() => refuseEmptyShard(data, { index: 2, count: 2 }, false)).not.toThrow();
  });
});
