import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';

/**
 * Svelte logs its runtime warnings (such as `assignment_value_stale`) only in development
 * builds, so this file drives the dev server, on a port of its own, not the built app.
 */
describe('the app in development mode', () => {
  let server: ViteDevServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const warnings: string[] = [];

  beforeAll(async () => {
    server = await createServer({ logLevel: 'warn', server: { port: 0, strictPort: false } });
    await server.listen();
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    });
    page.on('pageerror', (e) => warnings.push(e.message));
    // No model or dataset: the profile editor works without them, and the dev server need not transform onnxruntime.
    await page.goto(`${server.resolvedUrls!.local[0]}?model=none&dataset=none`);
    await page.getByText('Model profile', { exact: true }).first().click();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('editing the model profile logs no Svelte warning', async () => {
    await page.getByTestId('profile-thresh').fill('0.35');
    await page.getByTestId('profile-thresh').press('Tab');
    await page.getByTestId('profile-channels').selectOption('RGB');
    await page.getByTestId('profile-scale').fill('1/127.5');
    await page.getByTestId('profile-scale').press('Tab');
    await expect.poll(() => page.evaluate(() => (window as any).detscope.workbench.profile.post.thresh)).toBe(0.35);
    expect(await page.evaluate(() => (window as any).detscope.workbench.profile.channelOrder)).toBe('RGB');
    expect(warnings).toEqual([]);
  });
});
