import type { Polygon } from '../geometry/types';
import { DEFAULT_BOX_TYPE, type BoxType } from './box-type';
import type { IssueSink } from './issues';
import { polygonNote, polygonProblem, type PolygonProblem } from './polygon-checks';

/** One line of an ICDAR-style text file: a box and what follows it. */
export interface IcdarLine {
  line: number;
  points: Polygon;
  /** The confidence column, when asked for and present. */
  score?: number;
  /** Everything after the coordinates (and confidence), commas included; quotes removed. */
  text?: string;
}

export interface IcdarLineOptions {
  boxType?: BoxType;
  /** Predictions: a number in [0, 1] right after the coordinates is a confidence (CLEval's `--CONFIDENCES` column). */
  confidence?: boolean;
  /** Keep a zero-area box with a warning (a detection CLEval still scores) instead of skipping it. */
  keepZeroArea?: boolean;
}

const numeric = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$|^[+-]?(?:nan|inf|infinity)$/i;

/** Coordinates a line of each fixed box type starts with. */
const FIXED_COORDINATES: Partial<Record<BoxType, number>> = { quad: 8, ltrb: 4 };

/**
 * Splits a UTF-8 file (BOM dropped, LF or CRLF) into boxes, as CLEval reads them: QUAD and
 * LTRB lines start with exactly 8 or 4 coordinates; POLY lines with the longest even run of
 * numbers (in an odd run the last number is the first free field). After the coordinates
 * come the confidence (when asked for) and the transcription, to the end of the line.
 * Numbers after the coordinates are never points: a file where two follow them gets one
 * warning naming its first such line. Bad lines are reported and skipped.
 */
export function readIcdarLines(bytes: Uint8Array, file: string, report: IssueSink, options: IcdarLineOptions = {}): IcdarLine[] {
  const { boxType = DEFAULT_BOX_TYPE, confidence = false, keepZeroArea = false } = options;
  const lines = new TextDecoder('utf-8').decode(bytes).split(/\r?\n/);
  const out: IcdarLine[] = [];
  const trailingNumbers: { line: number; text: string }[] = [];
  const numbersOnly: { line: number; text: string; points: Polygon }[] = [];
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    const line = index + 1;
    const raw = text.split(',');
    const box = readBox(raw.map((field) => field.trim()), boxType);
    const problem = 'problem' in box ? box.problem : polygonProblem(box.points);
    if (problem?.kind === 'zero-area-polygon' && keepZeroArea) {
      report({ kind: problem.kind, severity: 'warning', file, line, message: `${problem.message}; kept, as the metrics' references score it`, action: 'kept' });
    } else if (problem) {
      report({ kind: problem.kind, severity: 'error', file, line, message: `${problem.message}; the line is skipped`, action: 'skipped' });
      return;
    }
    if ('problem' in box) return;
    const note = problem ? undefined : polygonNote(box.points);
    if (note) report({ kind: note.kind, severity: 'warning', file, line, message: `${note.message}; kept`, action: 'kept' });
    const rest = raw.slice(box.count);
    const score = confidence && rest.length > 0 && isConfidence(rest[0].trim()) ? Number(rest[0]) : undefined;
    const free = score === undefined ? rest : rest.slice(1);
    // Two numbers after the coordinates could be one more point (a confidence and a numeric text, or a price).
    if (rest.length >= 2 && numeric.test(rest[0].trim()) && numeric.test(rest[1].trim())) trailingNumbers.push({ line, text: rest.join(',') });
    if (boxType === 'poly' && rest.length === 0 && box.points.length >= 5) numbersOnly.push({ line, text, points: box.points });
    out.push({ line, points: box.points, ...(score === undefined ? {} : { score }), text: transcription(free) });
  });
  if (trailingNumbers.length > 0) {
    const [first] = trailingNumbers;
    report({
      kind: 'numbers-after-coordinates',
      severity: 'warning',
      file,
      line: first.line,
      message:
        `${trailingNumbers.length} line(s) have numbers after the ${boxType.toUpperCase()} coordinates (first: line ${first.line}, ${JSON.stringify(first.text)}); ` +
        `they are read as ${confidence ? 'a confidence (when from 0 to 1) and ' : ''}the transcription, not as points, as CLEval does. ${BOX_TYPE_HINT[boxType] ?? ''}`.trim(),
      action: 'kept',
    });
  }
  warnNumbersReadAsPoints(numbersOnly, out, file, report, confidence);
  return out;
}

/**
 * POLY reads a line of numbers alone, an even count of them, as that many coordinates; but its
 * last two could be a confidence and a numeric transcription (`...,0.93,42`) or a number with a
 * comma (`...,15,000`), which then became a point. Nothing in the line tells; the file does:
 * other lines have a transcription or confidence after their points, or (predictions) the last
 * point's x is a fraction, like a confidence, among pixel coordinates. One warning per file names the first.
 */
function warnNumbersReadAsPoints(lines: { line: number; text: string; points: Polygon }[], read: IcdarLine[], file: string, report: IssueSink, confidence: boolean): void {
  const othersHaveMore = read.some((l) => l.score !== undefined || l.text !== undefined);
  // Strictly between 0 and 1: an x of 0 or 1 is as likely the image's edge.
  const confidenceLike = (points: Polygon) => points.at(-1)![0] > 0 && points.at(-1)![0] < 1 && points.some(([x, y]) => x > 1 || y > 1);
  const suspect = lines.filter((l) => othersHaveMore || (confidence && confidenceLike(l.points)));
  if (suspect.length === 0) return;
  const [first] = suspect;
  const why = othersHaveMore ? 'other lines of the file have a transcription or confidence after their points' : 'the last point starts with a fraction between 0 and 1 among pixel coordinates, like a confidence';
  report({
    kind: 'numbers-read-as-points',
    severity: 'warning',
    file,
    line: first.line,
    message:
      `${suspect.length} line(s) are numbers only (first: line ${first.line}, ${JSON.stringify(first.text)}), read as POLY points to the end of the line, but ${why}: ` +
      `if such a line ends with a confidence and a numeric transcription, or a number with a comma (15,000), those became its last point. ` +
      `Quote a numeric transcription ("42") to keep it text (CLEval's POLY takes a GT line's last field as its transcription).`,
    action: 'kept',
  });
}

/** POLY takes every even run of numbers as points, so only the fixed box types leave numbers behind. */
const BOX_TYPE_HINT: Partial<Record<BoxType, string>> = {
  quad: 'If the file holds polygons of more than 4 points, choose box type POLY.',
  ltrb: 'If the lines are x1,y1,...,x4,y4 quads, choose box type QUAD; for longer polygons, POLY.',
};

type Box = { points: Polygon; count: number } | { problem: PolygonProblem };

/** The box a line starts with and how many fields it takes, or why it has none. */
function readBox(fields: string[], boxType: BoxType): Box {
  let leading = 0;
  while (leading < fields.length && numeric.test(fields[leading])) leading++;
  const need = FIXED_COORDINATES[boxType];
  if (need === undefined) {
    const count = leading - (leading % 2);
    if (count < 6 && fields.length > count && fields.length >= 8) return { problem: notANumber(fields, count) };
    return { points: pairs(fields.slice(0, count)), count };
  }
  if (leading < need) {
    // A word among the coordinates, with numbers after it, is a broken coordinate; otherwise the line is short.
    if (fields.slice(leading + 1, need).some((field) => numeric.test(field))) return { problem: notANumber(fields, leading) };
    const hint = boxType === 'quad' && leading === 4 ? ' (xmin,ymin,xmax,ymax? choose box type LTRB)' : boxType === 'quad' ? '' : ' (a polygon? choose box type POLY)';
    return { problem: { kind: 'too-few-points', message: `A ${boxType.toUpperCase()} line starts with ${need} coordinates, this one has ${leading}${hint}` } };
  }
  if (boxType === 'quad') return { points: pairs(fields.slice(0, 8)), count: 8 };
  const [left, top, right, bottom] = fields.slice(0, 4).map(toNumber);
  if (left > right || top > bottom) {
    return { problem: { kind: 'invalid-annotation', message: `xmin,ymin,xmax,ymax is ${left},${top},${right},${bottom}: a maximum is below its minimum` } };
  }
  return { points: [[left, top], [right, top], [right, bottom], [left, bottom]], count: 4 };
}

function notANumber(fields: string[], at: number): PolygonProblem {
  return { kind: 'non-numeric-coordinate', message: `Field ${at + 1} (${JSON.stringify(fields[at])}) is not a number` };
}

function pairs(fields: string[]): Polygon {
  const points: Polygon = [];
  for (let i = 0; i + 1 < fields.length; i += 2) points.push([toNumber(fields[i]), toNumber(fields[i + 1])]);
  return points;
}

/** CLEval's confidence column: a number from 0 to 1. */
function isConfidence(field: string): boolean {
  if (field === '' || !numeric.test(field)) return false;
  const value = Number(field);
  return value >= 0 && value <= 1;
}

/** The transcription is everything after the coordinates; quotes around it are removed and `\"`, `\\` unescaped. */
function transcription(rest: string[]): string | undefined {
  if (rest.length === 0) return undefined;
  const text = rest.join(',');
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1).replace(/\\(["\\])/g, '$1');
  return text;
}

function toNumber(field: string): number {
  const lower = field.toLowerCase().replace(/^\+/, '');
  if (lower.endsWith('nan')) return NaN;
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(field);
}
