import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { BoxType } from '../../../src/core/dataset/box-type';
import { parseIcdarGt } from '../../../src/core/dataset/icdar-gt';
import { parsePredictions } from '../../../src/core/dataset/predictions';
import { issueLog, utf8 } from './entries';

const quad = [[1, 2], [30, 2], [30, 12], [1, 12]];

function gt(text: string | Uint8Array, file = 'gt/gt_img_7.txt', boxType?: BoxType) {
  const log = issueLog();
  return { ...parseIcdarGt(typeof text === 'string' ? utf8(text) : text, file, log.report, boxType), issues: log.issues };
}

function res(text: string, boxType?: BoxType) {
  const log = issueLog();
  return { ...parsePredictions(utf8(text), 'res/res_img_7.txt', log.report, boxType), issues: log.issues };
}

describe('ICDAR 2015 ground truth', () => {
  it('names the image by the file stem and reads quads, commas in text, quotes and ###', () => {
    const file = gt('1,2,30,2,30,12,1,12,Hello, world\n1,2,30,2,30,12,1,12,###\n1,2,30,2,30,12,1,12,"A,B"\n1,2,30,2,30,12,1,12,"say \\"hi\\""\n');
    expect(file.image).toBe('img_7');
    expect(file.issues).toEqual([]);
    expect(file.gt).toEqual([
      { points: quad, text: 'Hello, world', dontCare: false },
      { points: quad, text: '###', dontCare: true },
      { points: quad, text: 'A,B', dontCare: false },
      { points: quad, text: 'say "hi"', dontCare: false },
    ]);
  });

  it('drops a UTF-8 BOM and CR line ends', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('1,2,30,2,30,12,1,12,café\r\n\r\n1,2,30,2,30,12,1,12,x\r\n')]);
    const file = gt(bom);
    expect(file.gt.map((r) => [r.points[0][0], r.text])).toEqual([[1, 'café'], [1, 'x']]);
  });

  it('reads polygons of more than 4 points and decimal, signed coordinates as POLY', () => {
    const file = gt('0,0,10,0,20,5,10,10,0,10,-1.5,5,curved text\n', undefined, 'poly');
    expect(file.gt[0].points).toEqual([[0, 0], [10, 0], [20, 5], [10, 10], [0, 10], [-1.5, 5]]);
    expect(file.gt[0].text).toBe('curved text');
  });

  it('takes the last of an odd run of numbers as the transcription', () => {
    expect(gt('1,2,30,2,30,12,1,12,2023\n').gt[0]).toEqual({ points: quad, text: '2023', dontCare: false });
  });

  it('reads a line without transcription', () => {
    expect(gt('1,2,30,2,30,12,1,12\n').gt[0]).toEqual({ points: quad, text: undefined, dontCare: false });
  });

  it('skips bad lines with their line numbers and keeps the rest', () => {
    const file = gt('1,2,30,2,30,12,1,12,ok\n1,2,abc,2,30,12,1,12,bad\n1,2,30,2,word\n1,2,30,2,30,2,1,2,flat\n1,nan,30,2,30,12,1,12,nan\n');
    expect(file.gt.map((r) => r.text)).toEqual(['ok']);
    expect(file.issues.map((i) => [i.kind, i.line, i.file, i.action])).toEqual([
      ['non-numeric-coordinate', 2, 'gt/gt_img_7.txt', 'skipped'],
      ['too-few-points', 3, 'gt/gt_img_7.txt', 'skipped'],
      ['zero-area-polygon', 4, 'gt/gt_img_7.txt', 'skipped'],
      ['non-finite-coordinate', 5, 'gt/gt_img_7.txt', 'skipped'],
    ]);
    expect(file.issues[0].message).toContain('"abc"');
  });

  it('reads every box of the CLEval reference ground truth', () => {
    const zip = unzipSync(new Uint8Array(readFileSync('tests/fixtures/reference/cleval/gt_basic.zip')));
    for (const [name, bytes] of Object.entries(zip)) {
      const lines = new TextDecoder().decode(bytes).split(/\r?\n/).filter((l) => l.trim() !== '');
      const file = gt(bytes, name);
      expect(file.issues).toEqual([]);
      expect(file.gt).toHaveLength(lines.length);
      expect(file.image).toBe(name.replace(/^gt_|\.txt$/g, ''));
    }
    const texts = Object.entries(zip).flatMap(([name, bytes]) => gt(bytes, name).gt.map((r) => r.text));
    expect(texts).toContain('A,B');
    expect(texts).toContain('café');
    expect(texts.some((t) => t?.includes('\r') || t?.startsWith('\ufeff'))).toBe(false);
  });
});

describe('ICDAR-style predictions', () => {
  it('keeps a zero-area detection with a warning (CLEval scores it), where ground truth would skip it', () => {
    const { detections, issues } = res('100,300,300,300,300,300,100,300\n0,0,10,0,10,10,0,10\n');
    expect(detections).toHaveLength(2);
    expect(issues.map((i) => [i.kind, i.action, i.line])).toEqual([['zero-area-polygon', 'kept', 1]]);
    expect(gt('100,300,300,300,300,300,100,300,x\n').gt).toHaveLength(0);
  });

  it('reads coordinates alone, with a confidence, with text, and with both', () => {
    const file = res('1,2,30,2,30,12,1,12\n1,2,30,2,30,12,1,12,0.93\n1,2,30,2,30,12,1,12,HELLO\n1,2,30,2,30,12,1,12,0.5,A,B\n');
    expect(file.stem).toBe('img_7');
    expect(file.detections).toEqual([
      { points: quad, text: undefined },
      { points: quad, score: 0.93, text: undefined },
      { points: quad, text: 'HELLO' },
      { points: quad, score: 0.5, text: 'A,B' },
    ]);
  });

  it('reads polygon predictions of more than 4 points with a confidence', () => {
    expect(res('0,0,10,0,20,5,10,10,0,10,0.8\n', 'poly').detections[0]).toEqual({ points: [[0, 0], [10, 0], [20, 5], [10, 10], [0, 10]], score: 0.8, text: undefined });
  });

  it('skips unreadable detections', () => {
    const file = res('1,2,30,2\n1,2,30,2,30,12,1,12\n');
    expect(file.detections).toHaveLength(1);
    expect(file.issues.map((i) => [i.kind, i.line])).toEqual([['too-few-points', 1]]);
  });
});

describe("box types, as CLEval's --BOX_TYPE reads lines", () => {
  it('QUAD (the default): a number after the 8th coordinate is the transcription, never a point, and the file says so once', () => {
    const file = gt('1,2,30,2,30,12,1,12,15,000\n1,2,30,2,30,12,1,12,TOTAL\n1,2,30,2,30,12,1,12,1,234,567\n');
    expect(file.gt).toEqual([
      { points: quad, text: '15,000', dontCare: false },
      { points: quad, text: 'TOTAL', dontCare: false },
      { points: quad, text: '1,234,567', dontCare: false },
    ]);
    expect(file.issues).toHaveLength(1);
    expect(file.issues[0]).toMatchObject({ kind: 'numbers-after-coordinates', severity: 'warning', file: 'gt/gt_img_7.txt', line: 1, action: 'kept' });
    expect(file.issues[0].message).toContain('2 line(s)');
    expect(file.issues[0].message).toContain('"15,000"');
    expect(file.issues[0].message).toContain('choose box type POLY');
  });

  it('QUAD reads a polygon line as a quad and points to POLY; POLY reads its points', () => {
    const line = '0,0,10,0,20,5,10,10,0,10,-1.5,5,###\n';
    const asQuad = gt(line);
    expect(asQuad.gt[0]).toEqual({ points: [[0, 0], [10, 0], [20, 5], [10, 10]], text: '0,10,-1.5,5,###', dontCare: false });
    expect(asQuad.issues.map((i) => [i.kind, i.line])).toEqual([['numbers-after-coordinates', 1]]);
    const asPoly = gt(line, undefined, 'poly');
    expect(asPoly.gt[0]).toEqual({ points: [[0, 0], [10, 0], [20, 5], [10, 10], [0, 10], [-1.5, 5]], text: '###', dontCare: true });
    expect(asPoly.issues).toEqual([]);
  });

  it('POLY warns only where numbers alone may hide a transcription or confidence, not on a file of bare polygons', () => {
    const bare = '0,0,10,0,20,5,10,10,0,10\n0,20,10,20,20,25,10,30,0,30,5,25\n';
    expect(gt(bare, undefined, 'poly').issues).toEqual([]);
    expect(res(bare, 'poly').issues).toEqual([]);
    // Coordinates in [0, 1] throughout (normalized) are not a confidence among pixels.
    expect(res('0,0,0.5,0,0.9,0.5,0.5,1,0,1\n', 'poly').issues).toEqual([]);
    const mixed = gt(`0,0,10,0,20,5,10,10,0,10,A\n${bare}`, undefined, 'poly');
    expect(mixed.issues.map((i) => [i.kind, i.line, i.action])).toEqual([['numbers-read-as-points', 2, 'kept']]);
    expect(mixed.issues[0].message).toContain('2 line(s) are numbers only (first: line 2');
    expect(mixed.issues[0].message).toContain('Quote a numeric transcription ("42")');
    // Quoted, the number is text.
    expect(gt('0,0,10,0,20,5,10,10,0,10,A\n0,0,10,0,20,5,10,10,0,10,"15,000"\n', undefined, 'poly')).toMatchObject({ issues: [], gt: [{ text: 'A' }, { text: '15,000' }] });
  });

  it('QUAD skips a line of 4 numbers and suggests LTRB', () => {
    const file = gt('10,20,30,40,HELLO\n');
    expect(file.gt).toEqual([]);
    expect(file.issues.map((i) => [i.kind, i.line, i.action])).toEqual([['too-few-points', 1, 'skipped']]);
    expect(file.issues[0].message).toContain('choose box type LTRB');
  });

  it('LTRB: xmin,ymin,xmax,ymax becomes a quad; a maximum below its minimum skips the line', () => {
    const file = gt('10,20,30,40,HELLO\n30,20,10,40,BACKWARDS\n', undefined, 'ltrb');
    expect(file.gt).toEqual([{ points: [[10, 20], [30, 20], [30, 40], [10, 40]], text: 'HELLO', dontCare: false }]);
    expect(file.issues.map((i) => [i.kind, i.line, i.action])).toEqual([['invalid-annotation', 2, 'skipped']]);
    expect(res('10,20,30,40,0.9\n', 'ltrb').detections).toEqual([{ points: [[10, 20], [30, 20], [30, 40], [10, 40]], score: 0.9, text: undefined }]);
  });

  it('LTRB warns when a file of quads is read with it', () => {
    const file = gt('10,20,60,40,60,45,10,45,A\n', undefined, 'ltrb');
    expect(file.issues.map((i) => i.kind)).toEqual(['numbers-after-coordinates']);
    expect(file.issues[0].message).toContain('choose box type QUAD');
  });

  it("predictions: the confidence column is a number from 0 to 1 right after the coordinates (CLEval's --CONFIDENCES), then the transcription", () => {
    const file = res('1,2,30,2,30,12,1,12,0.93\n1,2,30,2,30,12,1,12,1\n1,2,30,2,30,12,1,12,0\n1,2,30,2,30,12,1,12,2023\n1,2,30,2,30,12,1,12,0.7,15,000\n1,2,30,2,30,12,1,12,"0.5"\n');
    expect(file.detections).toEqual([
      { points: quad, score: 0.93, text: undefined },
      { points: quad, score: 1, text: undefined },
      { points: quad, score: 0, text: undefined },
      { points: quad, text: '2023' },
      { points: quad, score: 0.7, text: '15,000' },
      { points: quad, text: '0.5' },
    ]);
    expect(file.issues.map((i) => [i.kind, i.line])).toEqual([['numbers-after-coordinates', 5]]);
    expect(file.issues[0].message).toContain('read as a confidence (when from 0 to 1) and the transcription, not as points');
  });

  it('a 5-point prediction read as QUAD (0 looks like a confidence) still gets the warning', () => {
    const file = res('0,0,10,0,20,5,10,10,0,10\n');
    expect(file.detections).toEqual([{ points: [[0, 0], [10, 0], [20, 5], [10, 10]], score: 0, text: '10' }]);
    expect(file.issues.map((i) => [i.kind, i.line])).toEqual([['numbers-after-coordinates', 1]]);
  });

  it('a perfect prediction with a confidence column keeps its 4 points (not a 5th at the confidence)', () => {
    const truth = gt('100,100,300,100,300,150,100,150,HELLO\n').gt[0];
    const detection = res('100,100,300,100,300,150,100,150,0.93\n').detections[0];
    expect(detection.points).toEqual(truth.points);
  });
});
