import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { portFree, portHolder, waitForFreePort } from '../../../../scripts/lib/free-port';

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
    const waiting = waitForFreePort(port, { holders: 'the test server', pollMs: 10, sayEveryMs: 200, say });
    while (lines.length < 3) await new Promise((r) => setTimeout(r, 20));
    expect(lines[0]).toBe(`port ${port} is busy (${portHolder(port)}): waiting for it to be free, 0 s of at most 300 s`);
    // Polled every 10 ms, said only every 200 ms (a line per poll would flood the console); the
    // margin is for finding the holder, which takes some ms on a busy machine.
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThan(120);
    await close(held);
    await waiting;
    expect(await portFree(port)).toBe(true);
  });

  test('the holder of a port is named: this process, its command line and folder', async () => {
    held = await listen();
    const port = portOf(held);
    const script = process.argv[1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    expect(portHolder(port)).toMatch(new RegExp(`^pid ${process.pid}: ${process.execPath} .*${script} \\(in ${process.cwd()}\\)$`));
    await close(held);
    expect(portHolder(port)).toBeNull();
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
    await expect(waitForFreePort(portOf(held), { holders: 'the test server', timeoutMs: 50, pollMs: 10, say: () => {} })).rejects.toThrow(new RegExp(`stays busy after 0 s: stop pid ${process.pid}: .+ and rerun`));
  });
});
