import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { preview, type PreviewServer } from 'vite';

let server: PreviewServer | undefined;

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, 'localhost');
  });

/** Serves the built app (npm run test:browser builds it first) for every browser test file. */
export async function setup(): Promise<void> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm run test:browser does it).');
  // The port is fixed (IndexedDB's origin includes it); a benchmark may hold it for a while.
  for (let waited = 0; !(await portFree(5198)); waited += 2) {
    if (waited >= 300) throw new Error('port 5198 stays busy: stop the process serving on it (a preview server or a benchmark) and rerun');
    await new Promise((r) => setTimeout(r, 2000));
  }
  server = await preview({ preview: { port: 5198, strictPort: true } });
}

export async function teardown(): Promise<void> {
  await server?.close();
}
