import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import { waitForFreePort } from '../../scripts/lib/free-port';

let server: PreviewServer | undefined;

/** Serves the built app (npm run test:browser builds it first) for every browser test file. */
export async function setup(): Promise<void> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm run test:browser does it).');
  // The port is fixed (IndexedDB's origin includes it); a benchmark may hold it for a while.
  await waitForFreePort(5198, { holders: 'a preview server, a benchmark or a CLI run, perhaps of another checkout' });
  server = await preview({ preview: { port: 5198, strictPort: true } });
}

export async function teardown(): Promise<void> {
  await server?.close();
}
