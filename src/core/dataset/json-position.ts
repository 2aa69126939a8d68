import type { DatasetIssue } from './issues';

/**
 * Parses JSON and reports a syntax error at its line and column. Python's json.dump writes
 * NaN and Infinity, which JSON.parse rejects: they come back as the strings "NaN",
 * "Infinity" and "-Infinity" so the coordinate check can name the bad value.
 */
export function parseJson(text: string, file: string): { value: unknown } | { issue: DatasetIssue } {
  try {
    return { value: JSON.parse(text) };
  } catch (first) {
    const quoted = quotePythonSpecials(text);
    if (quoted !== text) {
      try {
        return { value: JSON.parse(quoted) };
      } catch {
        // report the error of the file as written
      }
    }
    const message = (first as Error).message;
    const { line, column } = errorPosition(text, message);
    return {
      issue: {
        kind: 'invalid-json',
        severity: 'error',
        file,
        line,
        column,
        message: `Invalid JSON at line ${line}, column ${column}: ${message}`,
        action: 'skipped',
      },
    };
  }
}

/** V8 gives an offset (none at the end of the input); Firefox gives the line and column. */
function errorPosition(text: string, message: string): { line: number; column: number } {
  const lineAndColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineAndColumn) return { line: Number(lineAndColumn[1]), column: Number(lineAndColumn[2]) };
  const at = /position (\d+)/.exec(message);
  return lineColumn(text, at ? Number(at[1]) : text.length);
}

const specialsOutsideStrings = /"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)/g;

function quotePythonSpecials(text: string): string {
  return text.replace(specialsOutsideStrings, (match, special: string | undefined) => (special ? `"${special}"` : match));
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
