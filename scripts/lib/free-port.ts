import { createServer } from 'node:net';

/** Whether nothing listens on `port` of localhost. */
export const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, 'localhost');
  });

export interface WaitOptions {
  /** Who holds the port, as the line says it to the person waiting. */
  holders: string;
  timeoutMs?: number;
  pollMs?: number;
  sayEveryMs?: number;
  say?: (line: string) => void;
}

/**
 * Resolves once `port` is free. While it is busy it says so at once and every `sayEveryMs`,
 * so a wait does not look like a hang; after `timeoutMs` it throws, saying what to stop.
 */
export async function waitForFreePort(port: number, opts: WaitOptions): Promise<void> {
  const { holders, timeoutMs = 300_000, pollMs = 2000, sayEveryMs = 10_000, say = console.log } = opts;
  const start = Date.now();
  let saidAt = -Infinity;
  while (!(await portFree(port))) {
    const waited = Date.now() - start;
    if (waited >= timeoutMs) throw new Error(`port ${port} stays busy after ${Math.round(waited / 1000)} s: stop ${holders} and rerun`);
    if (waited - saidAt >= sayEveryMs) {
      say(`port ${port} is busy (${holders}): waiting for it to be free, ${Math.round(waited / 1000)} s of at most ${Math.round(timeoutMs / 1000)} s`);
      saidAt = waited;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
