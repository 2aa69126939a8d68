import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openApp, runFromUi, waitReady } from './app-page';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
// Schemes that never reach a network.
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:', 'chrome:', 'chrome-extension:', 'devtools:']);

/** Hosts outside this machine among full URLs and `host` or `host:port` strings. */
function remoteHosts(values: Iterable<string>): string[] {
  const remote = new Set<string>();
  for (const value of values) {
    const url = new URL(value.includes('://') || /^[a-z-]+:/.test(value) && !/^[\w.-]+:\d+$/.test(value) ? value : `http://${value}`);
    if (!LOCAL_SCHEMES.has(url.protocol) && !LOCAL_HOSTS.has(url.hostname)) remote.add(url.hostname);
  }
  return [...remote].sort();
}

/** Every URL and host named in Chromium's net log: the browser's own requests (autofill, updates, sign-in), not only the page's. */
function netLogHosts(file: string): string[] {
  const found: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object')
      for (const [k, v] of Object.entries(x)) {
        if (typeof v === 'string' && ['url', 'original_url', 'host'].includes(k)) found.push(v);
        else walk(v);
      }
  };
  walk(JSON.parse(readFileSync(file, 'utf8')).events);
  return found;
}

test('a full run, with a form field focused, makes no request that leaves this machine', async () => {
  const netLog = join(mkdtempSync(join(tmpdir(), 'detscope-netlog-')), 'net.json');
  const app = await openApp({ query: '?ep=wasm', netLog });
  const seen: string[] = [];
  // The context sees the requests of every page and worker; the net log also the browser's own.
  app.context.on('request', (r) => seen.push(r.url()));
  try {
    await waitReady(app.page);
    // Form fields are what wakes autofill up: it sends their signatures to Google.
    await app.page.locator('input[type=number]').first().focus();
    const report = await runFromUi(app.page, { limit: 4 });
    expect(report.run.imagesDone).toBe(4);
  } finally {
    await app.close();
  }
  expect(seen.length).toBeGreaterThan(5);
  expect(remoteHosts(seen)).toEqual([]);
  const logged = netLogHosts(netLog);
  expect(logged.some((u) => u.includes('localhost:5198'))).toBe(true);
  expect(remoteHosts(logged)).toEqual([]);
});
