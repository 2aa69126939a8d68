import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

/**
 * Global setup of both test projects: tests never write tracked files (a test that rewrote
 * docs/screenshot.png on every run dirtied every checkout). Compares each tracked file's
 * modification time before and after the run.
 */

let before: Map<string, number> | null = null;

function trackedMtimes(): Map<string, number> | null {
  let files: string[];
  try {
    files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    return null;
  }
  const mtimes = new Map<string, number>();
  for (const file of files) {
    try {
      mtimes.set(file, statSync(file).mtimeMs);
    } catch {
      // Deleted in the working tree before the run: nothing to compare.
    }
  }
  return mtimes;
}

export function setup(): void {
  before = trackedMtimes();
  if (!before) console.log('not a git checkout: the check that tests leave tracked files alone is off');
}

export function teardown(): void {
  if (!before) return;
  const after = trackedMtimes() ?? new Map<string, number>();
  const written = [...before].filter(([file, mtime]) => after.get(file) !== mtime).map(([file]) => file);
  if (written.length === 0) return;
  console.error(`\nFAIL the tests wrote tracked files: ${written.join(', ')}. Tests must not; write them from a script (e.g. npm run screenshot), or restore them with git checkout.`);
  // A teardown that throws is only logged by vitest ("error during close"); the run must fail.
  process.exitCode = 1;
}
