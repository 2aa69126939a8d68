import { describe, expect, it } from 'vitest';
import { parseReceiptJson } from '../../../src/core/dataset/receipt-json';
import { issueLog } from './entries';

const square = [[0, 0], [10, 0], [10, 10], [0, 10]];

function parse(value: unknown | string) {
  const log = issueLog();
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { annotations: parseReceiptJson(text, 'train.json', log.report), issues: log.issues };
}

describe('receipt JSON', () => {
  it('reads words, transcriptions and don\'t-care marks', () => {
    const { annotations, issues } = parse({
      images: {
        'a.jpg': { words: { '0001': { points: square }, '0002': { points: [[1, 1], [5, 1], [5, 3], [3, 4], [1, 3]], transcription: 'TOTAL' }, '0003': { points: square, transcription: '###' } } },
        'b.jpg': { words: {} },
      },
    });
    expect(issues).toEqual([]);
    expect(annotations.map((a) => a.image)).toEqual(['a.jpg', 'b.jpg']);
    expect(annotations[0].gt).toEqual([
      { points: square, text: undefined, dontCare: false },
      { points: [[1, 1], [5, 1], [5, 3], [3, 4], [1, 3]], text: 'TOTAL', dontCare: false },
      { points: square, text: '###', dontCare: true },
    ]);
    expect(annotations[1].gt).toEqual([]);
  });

  it('reports invalid JSON with its line and column', () => {
    const { annotations, issues } = parse('{\n  "images": {\n    "a.jpg": {"words": {}},\n  }\n}');
    expect(annotations).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'invalid-json', severity: 'error', file: 'train.json', line: 4, column: 3, action: 'skipped' });
  });

  it('places a JSON cut short at its end', () => {
    const { issues } = parse('{"images": {\n"a.jpg": {"words"');
    expect(issues[0]).toMatchObject({ kind: 'invalid-json', line: 2, column: 18 });
  });

  it('reports a missing images key', () => {
    expect(parse({ annotations: {} }).issues).toEqual([expect.objectContaining({ kind: 'missing-images-key', path: 'images', action: 'skipped' })]);
    expect(parse([1, 2]).issues[0].kind).toBe('missing-images-key');
  });

  it('skips a word with fewer than 3 points and keeps the others', () => {
    const { annotations, issues } = parse({ images: { 'a.jpg': { words: { '1': { points: [[0, 0], [5, 5]] }, '2': { points: square } } } } });
    expect(annotations[0].gt).toHaveLength(1);
    expect(issues).toEqual([expect.objectContaining({ kind: 'too-few-points', path: 'images["a.jpg"].words["1"].points', action: 'skipped' })]);
  });

  it('repairs numbers written as strings and skips non-numeric coordinates', () => {
    const { annotations, issues } = parse({ images: { 'a.jpg': { words: { '1': { points: [['0', 0], [10, 0], [10, 10], [0, 10]] }, '2': { points: [[0, 0], [10, 'x'], [10, 10]] }, '3': { points: [[0, 0], null, [1, 1]] } } } } });
    expect(annotations[0].gt.map((r) => r.points)).toEqual([square]);
    expect(issues.map((i) => [i.kind, i.path, i.action])).toEqual([
      ['non-numeric-coordinate', 'images["a.jpg"].words["1"].points[0][0]', 'repaired'],
      ['non-numeric-coordinate', 'images["a.jpg"].words["2"].points[1][1]', 'skipped'],
      ['invalid-annotation', 'images["a.jpg"].words["3"].points[1]', 'skipped'],
    ]);
  });

  it('reads the NaN and Infinity Python writes and skips those words', () => {
    const text = '{"images": {"a.jpg": {"words": {"1": {"points": [[0, NaN], [1, 0], [1, 1]]}, "2": {"points": [[0, 0], [-Infinity, 0], [1, 1]], "transcription": "NaN"}}}}}';
    const { annotations, issues } = parse(text);
    expect(annotations[0].gt).toEqual([]);
    expect(issues.map((i) => [i.kind, i.path])).toEqual([
      ['non-finite-coordinate', 'images["a.jpg"].words["1"].points[0][1]'],
      ['non-finite-coordinate', 'images["a.jpg"].words["2"].points[1][0]'],
    ]);
  });

  it('skips zero-area polygons', () => {
    const { annotations, issues } = parse({ images: { 'a.jpg': { words: { '1': { points: [[0, 0], [5, 5], [10, 10], [2, 2]] }, '2': { points: [[3, 3], [3, 3], [3, 3], [3, 3]] } } } } });
    expect(annotations[0].gt).toEqual([]);
    expect(issues.map((i) => i.kind)).toEqual(['zero-area-polygon', 'zero-area-polygon']);
  });

  it('keeps an image without a words object, with no ground truth', () => {
    const { annotations, issues } = parse({ images: { 'a.jpg': {}, 'b.jpg': { words: { '1': 'oops' } } } });
    expect(annotations.map((a) => a.gt.length)).toEqual([0, 0]);
    expect(issues.map((i) => [i.kind, i.action, i.path])).toEqual([
      ['invalid-annotation', 'kept', 'images["a.jpg"].words'],
      ['invalid-annotation', 'skipped', 'images["b.jpg"].words["1"]'],
    ]);
  });

  it('ignores a JSON whose images carry no words at all (a manifest beside the annotations)', () => {
    const { annotations, issues } = parse({ generator: 'x', images: { 'a.jpg': { width: 10, height: 10, polygons: 3 } } });
    expect(annotations).toEqual([]);
    expect(issues.map((i) => [i.kind, i.action, i.path])).toEqual([['unsupported-file', 'skipped', 'images']]);
  });
});

describe('duplicate keys in the receipt JSON', () => {
  const word = (x: number) => `{"points": [[${x}, 0], [${x + 10}, 0], [${x + 10}, 10], [${x}, 10]]}`;

  it('reports a repeated image with its JSON path and both lines, and says the last one is used', () => {
    const text = `{"images": {\n  "a.jpg": {"words": {"1": ${word(0)}, "2": ${word(20)}}},\n  "b.jpg": {"words": {}},\n  "a.jpg": {"words": {"1": ${word(40)}}}\n}}`;
    const { annotations, issues } = parse(text);
    expect(annotations.find((a) => a.image === 'a.jpg')!.gt).toHaveLength(1);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'duplicate-key', severity: 'error', file: 'train.json', path: 'images["a.jpg"]', line: 4, action: 'skipped' });
    expect(issues[0].message).toContain('lines 2 and 4');
    expect(issues[0].message).toContain('the last one is used');
  });

  it('reports repeated word ids and keys inside words, wherever they are', () => {
    const text = `{"images": {"a.jpg": {"words": {\n"3": ${word(0)},\n"3": ${word(20)},\n"4": {"points": [], "points": [[0,0],[1,0],[1,1],[0,1]], "transcription": "a:b,\\"c\\""}\n}}}}`;
    const { issues } = parse(text);
    expect(issues.map((i) => [i.kind, i.path, i.line])).toEqual([
      ['duplicate-key', 'images["a.jpg"].words["3"]', 3],
      ['duplicate-key', 'images["a.jpg"].words["4"].points', 4],
    ]);
  });

  it('finds nothing in a file without repeats, colons and quotes in strings included', () => {
    expect(parse({ images: { 'a:b.jpg': { words: { '1': { points: square, transcription: 'x": "y:' } } }, 'c.jpg': { words: { '1': { points: square } } } } }).issues).toEqual([]);
  });
});
