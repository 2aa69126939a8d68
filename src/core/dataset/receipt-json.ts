import type { Point, Polygon } from '../geometry/types';
import { DONT_CARE, type ImageAnnotation } from './annotation';
import type { DatasetIssue, IssueSink } from './issues';
import { duplicateKeys } from './json-duplicate-keys';
import { parseJson } from './json-position';
import { polygonNote, polygonProblem } from './polygon-checks';
import type { GtRegion } from './sample';

/**
 * The original project's annotations:
 * `{"images": {"<image file name>": {"words": {"<id>": {"points": [[x, y], ...], "transcription"?: "..."}}}}}`.
 * Bad words are skipped and reported one by one; the rest of the file is kept.
 */
export function parseReceiptJson(text: string, file: string, report: IssueSink): ImageAnnotation[] {
  const parsed = parseJson(text, file);
  if ('issue' in parsed) {
    report(parsed.issue);
    return [];
  }
  for (const { path, line, firstLine } of duplicateKeys(text, parsed.value)) {
    report({
      kind: 'duplicate-key',
      severity: 'error',
      file,
      line,
      path,
      message: `${path} is written twice (lines ${firstLine} and ${line}); as JSON.parse and Python's json do, the last one is used and the one at line ${firstLine} is ignored. Merge the two or rename one`,
      action: 'skipped',
    });
  }
  const images = isObject(parsed.value) ? parsed.value.images : undefined;
  if (!isObject(images)) {
    report({
      kind: 'missing-images-key',
      severity: 'error',
      file,
      path: 'images',
      message: 'The JSON has no "images" object; a receipt annotation file starts with {"images": {"<image name>": ...}}',
      action: 'skipped',
    });
    return [];
  }
  const entries = Object.entries(images);
  // A JSON with an "images" map but no "words" anywhere (a manifest, image metadata) is not
  // annotations: reading it as such would mark every image as annotated twice.
  if (entries.length > 0 && !entries.some(([, entry]) => isObject(entry) && 'words' in entry)) {
    report({
      kind: 'unsupported-file',
      severity: 'warning',
      file,
      path: 'images',
      message: 'The JSON has an "images" object but no image has "words": not a receipt annotation file; ignored',
      action: 'skipped',
    });
    return [];
  }
  return entries.map(([image, entry]) => ({ image, gt: readWords(entry, `images${key(image)}`, file, report), file }));
}

function readWords(entry: unknown, path: string, file: string, report: IssueSink): GtRegion[] {
  const words = isObject(entry) ? entry.words : undefined;
  if (!isObject(words)) {
    report({ kind: 'invalid-annotation', severity: 'warning', file, path: `${path}.words`, message: 'The image has no "words" object; it is kept without ground truth', action: 'kept' });
    return [];
  }
  const regions: GtRegion[] = [];
  for (const [id, word] of Object.entries(words)) {
    const wordPath = `${path}.words${key(id)}`;
    const issue = (fields: Pick<DatasetIssue, 'kind' | 'message'>, at = wordPath): void =>
      report({ ...fields, severity: 'error', file, path: at, action: 'skipped' });
    const rawPoints = isObject(word) ? word.points : undefined;
    if (!Array.isArray(rawPoints)) {
      issue({ kind: 'invalid-annotation', message: 'The word has no "points" array; it is skipped' });
      continue;
    }
    const points = readPoints(rawPoints, `${wordPath}.points`, file, report);
    if (!points) continue;
    const problem = polygonProblem(points);
    if (problem) {
      issue({ kind: problem.kind, message: `${problem.message}; the word is skipped` }, `${wordPath}.points`);
      continue;
    }
    const note = polygonNote(points);
    if (note) report({ kind: note.kind, severity: 'warning', file, path: `${wordPath}.points`, message: `${note.message}; kept`, action: 'kept' });
    const text = isObject(word) && word.transcription != null ? String(word.transcription) : undefined;
    regions.push({ points, text, dontCare: text === DONT_CARE });
  }
  return regions;
}

/** Numbers written as strings are repaired; anything else skips the word. */
function readPoints(raw: unknown[], path: string, file: string, report: IssueSink): Polygon | undefined {
  const points: Point[] = [];
  for (let i = 0; i < raw.length; i++) {
    const pair = raw[i];
    if (!Array.isArray(pair) || pair.length < 2) {
      report({ kind: 'invalid-annotation', severity: 'error', file, path: `${path}[${i}]`, message: `Point ${i} is ${JSON.stringify(pair)}, not [x, y]; the word is skipped`, action: 'skipped' });
      return undefined;
    }
    if (typeof pair[0] === 'number' && typeof pair[1] === 'number') {
      points.push([pair[0], pair[1]]);
      continue;
    }
    const xy: number[] = [];
    for (const axis of [0, 1]) {
      const value = pair[axis];
      const at = `${path}[${i}][${axis}]`;
      if (typeof value === 'number') {
        xy.push(value);
        continue;
      }
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (Number.isFinite(number)) {
        report({ kind: 'non-numeric-coordinate', severity: 'warning', file, path: at, message: `Coordinate ${JSON.stringify(value)} is a string; read as ${number}`, action: 'repaired' });
        xy.push(number);
      } else if (typeof value === 'string' && /^-?(NaN|Infinity)$/.test(value)) {
        report({ kind: 'non-finite-coordinate', severity: 'error', file, path: at, message: `Coordinate is ${value}; the word is skipped`, action: 'skipped' });
        return undefined;
      } else {
        report({ kind: 'non-numeric-coordinate', severity: 'error', file, path: at, message: `Coordinate ${JSON.stringify(value)} is not a number; the word is skipped`, action: 'skipped' });
        return undefined;
      }
    }
    points.push([xy[0], xy[1]]);
  }
  return points;
}

function key(name: string): string {
  return `[${JSON.stringify(name)}]`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
