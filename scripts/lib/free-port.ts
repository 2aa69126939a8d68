import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** Whether nothing listens on `port` of localhost. */
export const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, 'localhost');
  });

/** Inodes of the sockets listening on `port`, from the kernel's tables (Linux). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
      if (f.length > 9 && f[3] === '0A' && parseInt(f[1].split(':')[1], 16) === port) inodes.add(f[9]);
    }
  }
  return inodes;
}

/**
 * The process listening on `port`, as `pid N: command line (in cwd)`, where /proc tells
 * (Linux); else null. The person waiting learns exactly what to stop.
 */
export function portHolder(port: number): string | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  // An fd may close between listing and reading (the listing's own does): skip it, not the process.
  const link = (path: string) => {
    try {
      return readlinkSync(path);
    } catch {
      return '';
    }
  };
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const sockets = readdirSync(`/proc/${pid}/fd`).map((fd) => link(`/proc/${pid}/fd/${fd}`));
      if (!sockets.some((l) => inodes.has(/^socket:\[(\d+)\]$/.exec(l)?.[1] ?? ''))) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      return `pid ${pid}: ${command} (in ${readlinkSync(`/proc/${pid}/cwd`)})`;
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return null;
}

export interface WaitOptions {
  /** Who may hold the port, said when the holding process cannot be found out. */
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
    const holder = () => portHolder(port) ?? holders;
    if (waited >= timeoutMs) throw new Error(`port ${port} stays busy after ${Math.round(waited / 1000)} s: stop ${holder()} and rerun`);
    if (waited - saidAt >= sayEveryMs) {
      say(`port ${port} is busy (${holder()}): waiting for it to be free, ${Math.round(waited / 1000)} s of at most ${Math.round(timeoutMs / 1000)} s`);
      saidAt = waited;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
