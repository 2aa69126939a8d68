import type { Polygon } from '../geometry/types';
import type { IssueSink } from './issues';
import { polygonProblem } from './polygon-checks';

/** One line of an ICDAR-style text file: a polygon and what follows it. */
export interface IcdarLine {
  line: number;
  points: Polygon;
  /** Fields after the coordinates, still split at commas. */
  rest: string[];
}

const numeric = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$|^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Splits a UTF-8 file (BOM dropped, LF or CRLF) into polygons. A line is 2n coordinates then
 * free fields. The coordinates are the longest even run of leading numbers, so in an odd run
 * the last number is the first free field (a numeric transcription in ground truth, a
 * confidence in predictions). Bad lines are reported and skipped.
 */
export function readIcdarLines(bytes: Uint8Array, file: string, report: IssueSink, options: { keepZeroArea?: boolean } = {}): IcdarLine[] {
  const lines = new TextDecoder('utf-8').decode(bytes).split(/\r?\n/);
  const out: IcdarLine[] = [];
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    const line = index + 1;
    const raw = text.split(',');
    const fields = raw.map((field) => field.trim());
    let leading = 0;
    while (leading < fields.length && numeric.test(fields[leading])) leading++;
    const count = leading - (leading % 2);
    const points: Polygon = [];
    for (let i = 0; i + 1 < count; i += 2) points.push([toNumber(fields[i]), toNumber(fields[i + 1])]);
    const problem =
      count < 6 && fields.length > count && fields.length >= 8
        ? { kind: 'non-numeric-coordinate' as const, message: `Field ${count + 1} (${JSON.stringify(fields[count])}) is not a number` }
        : polygonProblem(points);
    if (problem?.kind === 'zero-area-polygon' && options.keepZeroArea) {
      report({ kind: problem.kind, severity: 'warning', file, line, message: `${problem.message}; kept, as the metrics' references score it`, action: 'kept' });
    } else if (problem) {
      report({ kind: problem.kind, severity: 'error', file, line, message: `${problem.message}; the line is skipped`, action: 'skipped' });
      return;
    }
    out.push({ line, points, rest: raw.slice(count) });
  });
  return out;
}

/** The transcription is everything after the coordinates; quotes around it are removed and `\"`, `\\` unescaped. */
export function transcription(rest: string[]): string | undefined {
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
