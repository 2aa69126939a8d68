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
  /** False: Ctrl-C is the caller's to handle (the CLI cancels the run and writes what finished) instead of playwright's, which closes the browser at once. */
  closeOnSigint?: boolean;
  /** Writes Chromium's own network log (every request the browser makes, its internal ones too) to this file. */
  netLog?: string;
}

/**
 * Features that make Chromium call Google servers (checked with its net log, see
 * tests/browser/privacy.test.ts): autofill sends the page's form fields' signatures to
 * content-autofill.googleapis.com. Chromium keeps only the last --disable-features, and
 * playwright passes its own list (playwright-core's chromiumSwitches.ts), so this one
 * repeats playwright's entries, which keep pages and routes behaving as playwright expects.
 */
const DISABLED_FEATURES = [
  'AutofillServerCommunication',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'MediaRouter',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
];

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
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--no-pings',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
    // Neither has an off switch that holds in Chromium 156: on-demand component updates still
    // ask update.googleapis.com, and the sign-in code asks accounts.google.com for accounts.
    // Pointed at the discard port of this machine, they fail without leaving it.
    '--component-updater=url-source=http://127.0.0.1:9/',
    '--gaia-url=http://127.0.0.1:9/',
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
      if (!opts.profileDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
