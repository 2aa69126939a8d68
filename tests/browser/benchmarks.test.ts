import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { mapLimit } from '../../src/core/dataset/map-limit';

/**
 * Every `bench:*` script of package.json, run as a user runs it with `--quick`, ends with a
 * JSON line of the keys README's benchmark table documents: a benchmark that nothing runs
 * breaks unseen. Here, not in the unit project: most drive Chromium, which needs the preview
 * server of the global setup (they reuse it) and the browser project's one file at a time.
 */

interface DocumentedKeys {
  required: string[];
  /** Keys in parentheses: only with the option named there. */
  optional: string[];
}

/** The rows `| \`bench:x\` | \`key\`, ... (with --option: \`key\`, ...) |` of README's table. */
function documentedKeys(readme: string): Map<string, DocumentedKeys> {
  const keysIn = (text: string) => [...text.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]);
  const rows = new Map<string, DocumentedKeys>();
  for (const [, script, cell] of readme.matchAll(/^\| `(bench:[\w-]+)` \| (.+) \|$/gm)) {
    const open = cell.indexOf('(');
    rows.set(script, open === -1 ? { required: keysIn(cell), optional: [] } : { required: keysIn(cell.slice(0, open)), optional: keysIn(cell.slice(open)) });
  }
  return rows;
}

type Run = { code: number; stdout: string; stderr: string };

function npmRun(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', script, '--', ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>).filter((s) => s.startsWith('bench:'));
const documented = documentedKeys(readFileSync('README.md', 'utf8'));

/** Two at a time: most of a quick run is start-up (tsx, Chromium, the model), which a second core overlaps. */
const CONCURRENT = 2;

/**
 * Started first: the longest quick runs (alone on a 2-core machine, in seconds: webgpu 37,
 * collate 23, pipeline 15, inference 12; the others 1 to 7). In package.json's order the
 * longest came last and ran on alone while the other lane sat idle.
 */
const LONGEST_FIRST = ['bench:webgpu', 'bench:collate', 'bench:pipeline', 'bench:inference'];
const rank = (script: string) => (LONGEST_FIRST.includes(script) ? LONGEST_FIRST.indexOf(script) : LONGEST_FIRST.length);

describe('benchmarks in quick mode', () => {
  const runs = new Map<string, Promise<Run>>();
  beforeAll(() => {
    const finish = new Map<string, (run: Run) => void>();
    for (const script of scripts) runs.set(script, new Promise((resolve) => finish.set(script, resolve)));
    void mapLimit([...scripts].sort((a, b) => rank(a) - rank(b)), CONCURRENT, async (script) => finish.get(script)!(await npmRun(script, ['--quick'])));
  });

  test("README's table documents the keys of every bench:* script, and of nothing else", () => {
    expect(scripts.length).toBeGreaterThan(0);
    expect([...documented.keys()].sort()).toEqual([...scripts].sort());
    for (const [script, keys] of documented) expect(keys.required.length, script).toBeGreaterThan(0);
  });

  test.each(scripts)('npm run %s -- --quick ends with a JSON line of its documented keys', async (script) => {
    const run = await runs.get(script)!;
    const tail = run.stderr.split('\n').slice(-30).join('\n');
    expect(run.code, `${script} failed:\n${tail}`).toBe(0);
    // The project's npm config holds only what npm knows (onnxruntime-node's install is denied in package.json).
    expect(run.stderr).not.toContain('Unknown project config');
    const last = run.stdout.trimEnd().split('\n').at(-1) ?? '';
    let json: Record<string, unknown> = {};
    expect(() => (json = JSON.parse(last)), `${script}'s last line is not JSON: ${last}`).not.toThrow();
    expect(json?.constructor, `${script}'s last line is not a JSON object: ${last}`).toBe(Object);
    const { required, optional } = documented.get(script) ?? { required: [], optional: [] };
    const keys = Object.keys(json);
    expect(required.filter((k) => !keys.includes(k)), `${script}: documented keys missing`).toEqual([]);
    expect(keys.filter((k) => !required.includes(k) && !optional.includes(k)), `${script}: keys not in README's table`).toEqual([]);
    // A figure per input shape (bench:webgpu) is a list or an object of figures.
    const scalar = (v: unknown) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
    const figure = (v: unknown): boolean => scalar(v) || (typeof v === 'object' && v !== null && Object.values(v).every(scalar));
    expect(Object.entries(json).filter(([, v]) => !figure(v)), `${script}: values that are not a number, a string, null, or a list or object of them`).toEqual([]);
  });
});
