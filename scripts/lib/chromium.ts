import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** The system Chromium; playwright's own browser downloads cannot work on a closed network. */
export const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  webgpu?: boolean;
  headless?: boolean;
  /** A profile to keep (created when missing); by default a fresh one, removed on close. */
  profileDir?: string;
}

/**
 * Launches the system Chromium with the flags this closed, rootful environment needs, on a
 * fresh profile or a kept one. Returns a persistent context so IndexedDB survives reloads.
 */
export async function launchChromium(opts: LaunchOptions = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'detscope-chromium-'));
  mkdirSync(userDataDir, { recursive: true });
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ];
  if (opts.webgpu) args.push('--enable-unsafe-webgpu');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromePath,
    headless: opts.headless ?? true,
    args,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      if (!opts.profileDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
