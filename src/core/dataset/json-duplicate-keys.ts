/** A key written twice in one JSON object: JSON.parse (and Python's json) keep the last silently. */
export interface DuplicateKey {
  /** The key's JSON path, e.g. `images["a.jpg"].words["3"]`. */
  path: string;
  /** 1-based lines of the repeated key and of its first occurrence. */
  line: number;
  firstLine: number;
}

const QUOTE = 0x22, BACKSLASH = 0x5c, COLON = 0x3a;

/**
 * The duplicate keys of a JSON text that parsed to `value`. Members written (colons outside
 * strings) against members kept (keys of the parsed objects) settles the usual case, none,
 * in one quick pass; only a file that lost members is scanned for where.
 */
export function duplicateKeys(text: string, value: unknown): DuplicateKey[] {
  return membersWritten(text) === membersKept(value) ? [] : scanDuplicates(text);
}

function membersWritten(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i);
    else if (c === COLON) count++;
  }
  return count;
}

function membersKept(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += membersKept(item);
    return count;
  }
  for (const key in value) count += 1 + membersKept((value as Record<string, unknown>)[key]);
  return count;
}

/** Offset of the quote that closes the string opened at `open`. */
function stringEnd(text: string, open: number): number {
  for (let close = text.indexOf('"', open + 1); close !== -1; close = text.indexOf('"', close + 1)) {
    let slashes = 0;
    while (text.charCodeAt(close - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return close;
  }
  return text.length;
}

interface Frame {
  /** How the parent reached this value: its key, or its index in an array; null at the root. */
  via: string | number | null;
  /** An object's keys and the lines they were first written on; null for an array. */
  keys: Map<string, number> | null;
  expectKey: boolean;
  key: string;
  index: number;
}

const OPEN_OBJECT = 0x7b, CLOSE_OBJECT = 0x7d, OPEN_ARRAY = 0x5b, CLOSE_ARRAY = 0x5d, COMMA = 0x2c, NEWLINE = 0x0a;

/** Walks a text JSON.parse accepted (so well formed); paths are spelled out only for what it finds. */
function scanDuplicates(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === NEWLINE) line++;
    else if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (top?.keys && top.expectKey) {
        const raw = text.slice(i + 1, end);
        top.key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        const firstLine = top.keys.get(top.key);
        if (firstLine === undefined) top.keys.set(top.key, line);
        else found.push({ path: pathOf(stack), line, firstLine });
        top.expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const via = !top ? null : top.keys ? top.key : top.index;
      stack.push({ via, keys: c === OPEN_OBJECT ? new Map() : null, expectKey: true, key: '', index: 0 });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) stack.pop();
    else if (c === COMMA && top) {
      top.expectKey = true;
      top.index++;
    }
  }
  return found;
}

/** The path of the key the innermost object is reading, e.g. `images["a.jpg"].words["3"]`. */
function pathOf(stack: Frame[]): string {
  const steps = [...stack.slice(1).map((frame) => frame.via), stack[stack.length - 1].key];
  return steps.reduce<string>((path, step) => (typeof step === 'number' ? `${path}[${step}]` : childPath(path, step as string)), '');
}

function childPath(parent: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}
