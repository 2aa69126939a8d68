import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect } from 'vitest';
import type { Point, Polygon } from '../../../../src/core/geometry/types';
import type { ClevalCounts, ClevalDetBox, ClevalGtBox, ClevalScores } from '../../../../src/core/metrics/cleval/types';

export const REF = join(__dirname, '../../../fixtures/reference');

/** Zip entries by image id (`gt_img_3.txt` -> `img_3`), text with a UTF-8 BOM dropped. */
export function readZip(path: string): Map<string, string> {
  const files = unzipSync(readFileSync(path));
  const out = new Map<string, string>();
  for (const [name, bytes] of Object.entries(files)) {
    out.set(name.replace(/^(gt|res)_/, '').replace(/\.txt$/, ''), strFromU8(bytes).replace(/^\uFEFF/, ''));
  }
  return out;
}

function quad(fields: string[]): Polygon {
  const pts: Point[] = [];
  for (let i = 0; i < 8; i += 2) pts.push([Number(fields[i]), Number(fields[i + 1])]);
  return pts;
}

const lines = (text: string) => text.split(/\r?\n/).filter((l) => l.trim() !== '');

/** `x1,y1,...,x4,y4,transcription`; the transcription may hold commas and be quoted. */
export function parseGtLines(text: string): ClevalGtBox[] {
  return lines(text).map((line) => {
    const fields = line.split(',');
    let t = fields.slice(8).join(',');
    if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1).replace(/\\(["\\])/g, '$1');
    return { points: quad(fields), text: t, dontCare: t === '###' };
  });
}

export function parseDetLines(text: string | undefined): ClevalDetBox[] {
  return lines(text ?? '').map((line) => ({ points: quad(line.split(',')) }));
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Entries of the fixtures' expected.json (snake_case as the Python tools write them). */
interface Det {
  recall: number; precision: number; hmean: number; num_char_gt: number; num_char_det: number;
  gran_score_recall: number; num_char_tp_recall: number; gran_score_precision: number;
  num_char_tp_precision: number; num_char_fp: number;
}
export interface Entry { det: Det; num_splitted: number; num_merged: number; num_char_overlapped: number }
export interface Pair extends Entry { gt: string; res: string; per_image: Record<string, Entry> }

/** Every number of a fixture entry against ours, within 1e-9. */
export function expectEntry(got: ClevalScores & { counts: ClevalCounts }, want: Entry) {
  const c = got.counts;
  const pairs: [number, number][] = [
    [got.recall, want.det.recall], [got.precision, want.det.precision], [got.hmean, want.det.hmean],
    [c.numCharGt, want.det.num_char_gt], [c.numCharDet, want.det.num_char_det],
    [c.granScoreRecall, want.det.gran_score_recall], [c.numCharTpRecall, want.det.num_char_tp_recall],
    [c.granScorePrecision, want.det.gran_score_precision], [c.numCharTpPrecision, want.det.num_char_tp_precision],
    [c.numCharFp, want.det.num_char_fp], [c.numSplitted, want.num_splitted], [c.numMerged, want.num_merged],
    [c.numCharOverlapped, want.num_char_overlapped],
  ];
  expect(pairs.map(([a, b]) => Math.abs(a - b) <= 1e-9), JSON.stringify(pairs)).not.toContain(false);
}

