/**
 * What onnxruntime-web prints. Its wasm module binds `console.log` and `console.error` when it
 * loads (Emscripten's `out` and `err`), and that is where its log lines and the profile of
 * `endProfiling()` go: the only way to read them is to wrap both functions before ORT loads.
 * Outside a capture everything passes through untouched.
 */
let lines: string[] | null = null;
let muted = false;
let installed = false;

/** onnxruntime's verbose and info log lines ("2026-12-03 10:57:07.965200 [I:onnxruntime:, ...]"). */
const CHATTY = /^(\x1b\[[0-9;]*m)?\d{4}-\d\d-\d\d [\d:.]+ \[[VI]:onnxruntime/;

export function tapOrtConsole(): void {
  if (installed) return;
  installed = true;
  for (const level of ['log', 'error'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const text = args.map(String).join(' ');
      lines?.push(text);
      // A session created to be profiled logs at info level: one line per GPU program per call.
      if (muted && CHATTY.test(text)) return;
      if (lines && /^(\{"cat"|\[$|\]$)/.test(text)) return;
      original(...args);
    };
  }
}

/** Runs `work`, returning what was printed meanwhile (the profile's events are not echoed). */
export async function captureOrtConsole<T>(work: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const mine: string[] = [];
  const outer = lines;
  lines = mine;
  try {
    return { value: await work(), lines: mine };
  } finally {
    lines = outer;
    outer?.push(...mine);
  }
}

/** Drops onnxruntime's info and verbose lines while a profiled session lives. */
export function muteOrtChatter(on: boolean): void {
  muted = on;
}
