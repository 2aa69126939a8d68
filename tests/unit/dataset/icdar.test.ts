import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseIcdarGt } from '../../../src/core/dataset/icdar-gt';
import { parsePredictions } from '../../../src/core/dataset/predictions';
import { issueLog, utf8 } from './entries';

const quad = [[1, 2], [30, 2], [30, 12], [1, 12]];

function gt(text: string | Uint8Array, file = 'gt/gt_img_7.txt') {
  const log = issueLog();
  return { ...parseIcdarGt(typeof text === 'string' ? utf8(text) : text, file, log.report), issues: log.issues };
}

function res(text: string) {
  const log = issueLog();
  return { ...parsePredictions(utf8(text), 'res/res_img_7.txt', log.report), issues: log.issues };
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

  it('reads polygons of more than 4 points and decimal, signed coordinates', () => {
    const file = gt('0,0,10,0,20,5,10,10,0,10,-1.5,5,curved text\n');
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
    expect(res('0,0,10,0,20,5,10,10,0,10,0.8\n').detections[0]).toEqual({ points: [[0, 0], [10, 0], [20, 5], [10, 10], [0, 10]], score: 0.8, text: undefined });
  });

  it('skips unreadable detections', () => {
    const file = res('1,2,30,2\n1,2,30,2,30,12,1,12\n');
    expect(file.detections).toHaveLength(1);
    expect(file.issues.map((i) => [i.kind, i.line])).toEqual([['too-few-points', 1]]);
  });
});
