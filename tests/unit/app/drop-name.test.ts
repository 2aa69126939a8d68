import { describe, expect, it } from 'vitest';
import { dropName } from '../../../src/app/drop-entries';
import { bytesEntry } from '../../../src/core/dataset/entry';

const drop = (...paths: string[]) => dropName(paths.map((p) => bytesEntry(p, new Uint8Array())));

describe('dropName', () => {
  it('names a drop after its folder or its zip, with loose prediction files beside the zip', () => {
    expect(drop('val/a.jpg', 'val/gt_a.txt')).toBe('val');
    expect(drop('receipts.zip')).toBe('receipts.zip');
    expect(drop('receipts.zip', 'res_a.txt', 'res_b.txt')).toBe('receipts.zip');
  });

  it('counts loose files, never calls one of them the dataset', () => {
    expect(drop('a.jpg', 'b.jpg', 'labels.json')).toBe('3 files');
    expect(drop('one.zip', 'two.zip')).toBe('2 files');
  });
});
