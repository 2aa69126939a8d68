import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PORTS_TRIED = 50;

/**
 * This checkout's first-choice port, the same on every run, so that a persistent Chromium
 * profile keyed by it finds its IndexedDB (whose origin includes the port) again; another
 * checkout on the machine most likely gets another.
 */
export function checkoutPort(): number {
  return 5300 + (createHash('sha256').update(root).digest().readUInt16BE(0) % 600);
}

/**
 * Serves this checkout's dist/ (building it first when missing or `build` is set) on the
 * first free port from `port` up: a server that answers on a busy port is never reused, since
 * it may serve another checkout's build and close under this run.
 */
export async function startPreview(opts: { build?: boolean; port?: number } = {}): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const rebuild = opts.build ?? process.argv.includes('--build');
  if (rebuild || !existsSync(`${root}dist/index.html`)) await build({ root, logLevel: 'warn' });
  const first = opts.port ?? checkoutPort();
  for (let port = first; port < first + PORTS_TRIED; port++) {
    try {
      const server = await preview({ root, logLevel: 'warn', preview: { port, strictPort: true } });
      return { url: `http://localhost:${port}/`, port, close: () => server.close() };
    } catch (e) {
      if (!/already in use/i.test((e as Error).message)) throw e;
    }
  }
  throw new Error(`ports ${first}-${first + PORTS_TRIED - 1} are all busy: stop some of the servers on them and run again`);
}
