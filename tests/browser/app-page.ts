import type { ConsoleMessage, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';

export const APP_URL = 'http://localhost:5198/';

/** A fresh browser on the built app, collecting console errors so tests can assert there are none. */
export async function openApp(opts: { webgpu?: boolean; query?: string } = {}) {
  const browser = await launchChromium({ webgpu: opts.webgpu });
  const page: Page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(APP_URL + (opts.query ?? ''));
  return { page, errors, close: browser.close, context: browser.context };
}
