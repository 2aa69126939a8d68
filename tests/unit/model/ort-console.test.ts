import { afterAll, expect, test, vi } from 'vitest';

// The tap wraps whatever console.log / console.error are when it is installed, as in the worker
// (before onnxruntime binds them): here, spies standing for the real console.
const printed: string[] = [];
const original = { log: console.log, error: console.error };
console.log = vi.fn((...a: unknown[]) => void printed.push(`log ${a.join(' ')}`));
console.error = vi.fn((...a: unknown[]) => void printed.push(`error ${a.join(' ')}`));
const { captureOrtConsole, muteOrtChatter, tapOrtConsole } = await import('../../../src/core/model/ort-console');
tapOrtConsole();
// What onnxruntime's wasm does when it loads: keep the functions it finds.
const out = console.log.bind(console);
const err = console.error.bind(console);
afterAll(() => Object.assign(console, original));

const INFO = '2026-12-03 11:01:42.698215 [I:onnxruntime:, webgpu_context.cc:512 Run] Starting program "Sigmoid:1|:2;:" (1, 1, 1)';

test('outside a capture everything passes through', () => {
  printed.length = 0;
  out('hello');
  err(INFO);
  expect(printed).toEqual(['log hello', `error ${INFO}`]);
});

test('a capture gets the profile and the log lines; the profile is not echoed', async () => {
  printed.length = 0;
  const { value, lines } = await captureOrtConsole(async () => {
    err(INFO);
    for (const l of ['[', '{"cat" : "Node","name" :"n","dur" :1},', '{"cat" : "Api","name" :"a","dur" :2}', ']']) out(l);
    return 7;
  });
  expect(value).toBe(7);
  expect(lines).toEqual([INFO, '[', '{"cat" : "Node","name" :"n","dur" :1},', '{"cat" : "Api","name" :"a","dur" :2}', ']']);
  expect(printed).toEqual([`error ${INFO}`]);
});

test("muted, onnxruntime's info and verbose lines are dropped, warnings and others are not", () => {
  printed.length = 0;
  muteOrtChatter(true);
  err(INFO);
  err(INFO.replace('[I:', '[V:'));
  err(INFO.replace('[I:', '[W:'));
  out('app line');
  muteOrtChatter(false);
  err(INFO);
  expect(printed).toEqual([`error ${INFO.replace('[I:', '[W:')}`, 'log app line', `error ${INFO}`]);
});
