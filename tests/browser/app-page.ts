import type { ConsoleMessage, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';
import '../../src/app/console-api'; // types window.detscope, which these tests drive

export const APP_URL = 'http://localhost:5198/';

/** A fresh browser on the built app, collecting console errors so tests can assert there are none. */
export async function openApp(opts: { webgpu?: boolean; query?: string; netLog?: string; viewport?: { width: number; height: number } } = {}) {
  const browser = await launchChromium({ webgpu: opts.webgpu, netLog: opts.netLog });
  const page: Page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  if (opts.viewport) await page.setViewportSize(opts.viewport);
  await page.goto(APP_URL + (opts.query ?? ''));
  return { page, errors, close: browser.close, context: browser.context };
}

/** Waits until the bundled model (and, unless skipped, the bundled dataset) are loaded. */
export async function waitReady(page: Page, withDataset = true): Promise<void> {
  await page.waitForFunction(
    (withDataset) => {
      const wb = window.detscope?.workbench;
      return wb?.model && !wb.busy && (!withDataset || wb.dataset);
    },
    withDataset,
    { timeout: 120_000 },
  );
}

/** Sets run settings the way the console API allows, presses Run, and waits for the report. */
export async function runFromUi(page: Page, settings: Record<string, unknown> = {}): Promise<any> {
  await page.evaluate((s) => Object.assign(window.detscope.workbench.settings, s), settings);
  await page.getByTestId('tab-run').click();
  await page.getByTestId('run').click();
  await page.getByTestId('run-done').waitFor({ timeout: 600_000 });
  return page.evaluate(() => JSON.parse(JSON.stringify(window.detscope.report)));
}
