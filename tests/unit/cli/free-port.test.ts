import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { portFree, waitForFreePort } from '../../../scripts/lib/free-port';

const listen = () => new Promise<Server>((resolve) => { const s = createServer().listen(0, 'localhost', () => resolve(s)); });
const portOf = (s: Server) => (s.address() as AddressInfo).port;
const close = (s: Server) => new Promise((r) => s.close(r));

describe('waitForFreePort', () => {
  let held: Server | undefined;
  afterEach(async () => {
    if (held?.listening) await close(held);
  });

  test('says at once and then every interval that it waits for a busy port, and returns once it is free', async () => {
    held = await listen();
    const port = portOf(held);
    expect(await portFree(port)).toBe(false);
    const lines: string[] = [];
    const at: number[] = [];
    const say = (line: string) => (lines.push(line), at.push(performance.now()));
    const waiting = waitForFreePort(port, { holders: 'the test server', pollMs: 10, sayEveryMs: 100, say });
    while (lines.length < 3) await new Promise((r) => setTimeout(r, 20));
    expect(lines[0]).toBe(`port ${port} is busy (the test server): waiting for it to be free, 0 s of at most 300 s`);
    // Polled every 10 ms, said only every 100 ms (a line per poll would flood the console).
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThan(95);
    await close(held);
    await waiting;
    expect(await portFree(port)).toBe(true);
  });

  test('a free port passes without a word', async () => {
    held = await listen();
    const port = portOf(held);
    await close(held);
    const lines: string[] = [];
    await waitForFreePort(port, { holders: 'nobody', say: (l) => lines.push(l) });
    expect(lines).toEqual([]);
  });

  test('a port that stays busy fails after the timeout, saying what to stop', async () => {
    held = await listen();
    await expect(waitForFreePort(portOf(held), { holders: 'the test server', timeoutMs: 50, pollMs: 10, say: () => {} })).rejects.toThrow(/stays busy after 0 s: stop the test server and rerun/);
  });
});
