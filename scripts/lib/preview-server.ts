import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

export const PREVIEW_PORT = 5198;
const root = fileURLToPath(new URL('../../', import.meta.url));
const RETRY_MS = 5000;
const GIVE_UP_MS = 10 * 60 * 1000;

/**
 * Serves the built app from dist/ on the fixed preview port (IndexedDB's origin includes the
 * port), building it first when dist/ is missing. The browser tests use the same port, so a
 * busy port is waited for rather than moved off.
 */
export async function startPreview(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(`${root}dist/index.html`)) await build({ root, logLevel: 'warn' });
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      const server = await preview({ root, logLevel: 'warn', preview: { port: PREVIEW_PORT, strictPort: true } });
      return { url: `http://localhost:${PREVIEW_PORT}/`, close: () => server.close() };
    } catch (e) {
      if (!/already in use/i.test((e as Error).message) || Date.now() > deadline) throw e;
      console.error(`port ${PREVIEW_PORT} is busy; retrying in ${RETRY_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}
