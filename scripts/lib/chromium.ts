import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** The system Chromium; playwright's own browser downloads cannot work on a closed network. */
export const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  webgpu?: boolean;
  headless?: boolean;
  /** False: Ctrl-C is the caller's to handle (the CLI cancels the run and writes what finished) instead of playwright's, which closes the browser at once. */
  closeOnSigint?: boolean;
  /** Writes Chromium's own network log (every request the browser makes, its internal ones too) to this file. */
  netLog?: string;
}

/**
 * Launches the system Chromium with a fresh profile and the flags this closed, rootful
 * environment needs. Returns a persistent context so IndexedDB survives reloads within it.
 */
export async function launchChromium(opts: LaunchOptions = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'detscope-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ];
  if (opts.webgpu) args.push('--enable-unsafe-webgpu');
  if (opts.netLog) args.push(`--log-net-log=${opts.netLog}`, '--net-log-capture-mode=Default');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromePath,
    headless: opts.headless ?? true,
    handleSIGINT: opts.closeOnSigint ?? true,
    args,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
