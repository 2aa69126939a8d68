import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, waitReady } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;
const SAMPLE = readFileSync(fileURLToPath(new URL('../../public/samples/hello.png', import.meta.url)));

describe('the Single image tab beside a run (WASM)', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm' });
    await waitReady(app.page);
  });
  afterAll(() => app?.close());

  test("an image dropped during a run is timed on its own: its stage times fit between the run's end and its result", async () => {
    // The page detects its default image on load: that result must be in before this one is awaited.
    await app.page.waitForFunction(() => (window as any).detscope.result !== null);
    await app.page.evaluate(() => {
      (window as any).firstResult = (window as any).detscope.result;
      Object.assign((window as any).detscope.workbench.settings, { limit: 8, batchSize: 2 });
    });
    await app.page.getByTestId('run').click();
    await app.page.waitForFunction(() => (window as any).detscope.workbench.running);
    await app.page.getByTestId('tab-image').click();
    await app.page.locator('input[type=file][accept="image/*"]').setInputFiles({ name: 'again.png', mimeType: 'image/png', buffer: SAMPLE });
    const seen = await app.page.evaluate(
      () =>
        new Promise<{ runEnd: number; shown: number; ms: Record<string, number> }>((resolve) => {
          const ds = (window as any).detscope;
          let runEnd = ds.workbench.running ? 0 : performance.now();
          const poll = setInterval(() => {
            if (!runEnd && !ds.workbench.running) runEnd = performance.now();
            if (ds.result && ds.result !== (window as any).firstResult) {
              clearInterval(poll);
              resolve({ runEnd: runEnd || Infinity, shown: performance.now(), ms: ds.result.ms });
            }
          }, 1);
        }),
    );
    expect(seen.runEnd).toBeLessThan(seen.shown);
    const own = seen.ms.prepare + seen.ms.infer + seen.ms.postprocess;
    // Work timed before the run ended, queued behind its inference calls, would not fit (2 ms: the polls' granularity).
    expect(own).toBeLessThanOrEqual(seen.shown - seen.runEnd + 2);
    expect(await app.page.getByTestId('timing').textContent()).toContain(`inference ${seen.ms.infer.toFixed(0)} ms`);
    expect(app.errors).toEqual([]);
  });
});
