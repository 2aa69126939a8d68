import { afterAll, describe, expect, test } from 'vitest';
import { openApp } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;

/**
 * Headless Chromium with --enable-unsafe-webgpu offers SwiftShader, a software adapter that
 * runs the bundled model in seconds per small image where WASM takes milliseconds.
 */
describe('choosing the execution provider with only a software WebGPU adapter', () => {
  const apps: App[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  const open = async (query: string) => {
    const app = await openApp({ webgpu: true, query });
    apps.push(app);
    return app;
  };
  const loaded = (app: App) => app.page.waitForFunction(() => window.detscope?.workbench.model && !window.detscope.workbench.busy, undefined, { timeout: 120_000 });

  test('auto leaves the fallback adapter for WASM and says why; the choice of WASM is then remembered as chosen', async () => {
    const app = await open('?dataset=none');
    await loaded(app);
    const runtime = await app.page.evaluate(() => window.detscope.workbench.model!.runtime);
    expect(runtime.requested).toBe('auto');
    expect(runtime.adapter!.isFallback).toBe(true);
    expect(runtime.ep).toBe('wasm');
    expect(await app.page.getByTestId('ep').textContent()).toBe('WASM');
    expect(await app.page.getByTestId('ep-reason').textContent()).toMatch(
      /^Fell back to WASM because the WebGPU adapter \(.*swiftshader.*\) is the browser's fallback adapter, a software renderer far slower than WASM; choose WebGPU/,
    );

    await app.page.getByTestId('ep-select').selectOption('wasm');
    await expect.poll(() => app.page.getByTestId('ep-reason').textContent(), { timeout: 60_000 }).toBe('WASM chosen in the execution provider setting.');
    await app.page.reload();
    await loaded(app);
    expect(await app.page.getByTestId('ep-select').inputValue()).toBe('wasm');
    expect(await app.page.evaluate(() => window.detscope.workbench.model!.runtime.requested)).toBe('wasm');
    expect(app.errors).toEqual([]);
  });

  test('switching the EP while the model loads: the last choice is loaded, with no error, and the image is detected', async () => {
    const app = await open('?ep=wasm&dataset=none');
    const select = app.page.getByTestId('ep-select');
    await select.waitFor();
    await select.selectOption('auto');
    await select.selectOption('webgpu');
    await select.selectOption('wasm');
    await select.selectOption('auto');
    await app.page.waitForFunction(() => window.detscope?.result, undefined, { timeout: 120_000 });
    await loaded(app);
    expect(await app.page.evaluate(() => window.detscope.workbench.model!.runtime.requested)).toBe('auto');
    expect(await select.inputValue()).toBe('auto');
    expect(await app.page.getByTestId('error').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  test('switching to WASM while the first image runs on the software adapter loads WASM at once, without waiting for that image', async () => {
    const app = await open('?ep=webgpu&dataset=none');
    await loaded(app);
    // The bundled image is now on its way through the software adapter, which takes tens of seconds.
    expect(await app.page.evaluate(() => (window as any).detscope.result)).toBeNull();
    await app.page.getByTestId('ep-select').selectOption('wasm');
    const atLoad = await app.page.evaluate(
      () =>
        new Promise<{ ep: string; resultShown: boolean }>((resolve) => {
          const ds = (window as any).detscope;
          const poll = setInterval(() => {
            if (ds.workbench.model?.runtime.ep === 'wasm' && !ds.workbench.busy) {
              clearInterval(poll);
              resolve({ ep: ds.workbench.model.runtime.ep, resultShown: ds.result !== null });
            }
          }, 1);
        }),
    );
    // Waiting for the image on the software adapter would have shown its result before the switch.
    expect(atLoad).toEqual({ ep: 'wasm', resultShown: false });
    // The image is then detected on the choice in force, and no error says a model is missing.
    await app.page.waitForFunction(() => (window as any).detscope.result, undefined, { timeout: 60_000 });
    expect(await app.page.getByTestId('error').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  test('?ep=webgpu still runs on the fallback adapter', async () => {
    const app = await open('?ep=webgpu&dataset=none');
    await loaded(app);
    expect(await app.page.getByTestId('ep').textContent()).toBe('WEBGPU');
    expect(await app.page.getByTestId('ep-reason').textContent()).toBe('WebGPU chosen in the execution provider setting.');
    expect(await app.page.getByTestId('adapter').textContent()).toContain('(fallback adapter: software, slow)');
  });
});
