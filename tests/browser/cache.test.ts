import { expect, test } from 'vitest';
import { openApp, runFromUi, waitReady } from './app-page';

/** Half the sample, in two batches: persistence across a reload does not depend on how many images. */
const RUN = { limit: 16, batchSize: 8 };

test('the polygon cache persists across a reload: 100 % hits on the second run, identical maps', async () => {
  // cache-test: every entry is persisted whatever its cost, and the workers digest the maps.
  const app = await openApp({ query: '?ep=wasm&cache-test' });
  try {
    await waitReady(app.page);
    const first = await runFromUi(app.page, RUN);
    const firstDigests = await app.page.evaluate(() => ({ ...window.detscope.live!.mapDigests }));
    expect(first.images).toHaveLength(RUN.limit);
    expect(first.cache.misses).toBe(RUN.limit);
    expect(first.cache.entries).toBe(RUN.limit);
    expect(Object.keys(firstDigests)).toHaveLength(RUN.limit);

    await app.page.reload();
    await waitReady(app.page);
    const second = await runFromUi(app.page, RUN);
    const secondDigests = await app.page.evaluate(() => ({ ...window.detscope.live!.mapDigests }));
    expect(second.cache.diskHits + second.cache.memoryHits).toBe(RUN.limit);
    expect(second.cache.diskHits).toBe(RUN.limit); // a fresh page: nothing in memory, all from IndexedDB
    expect(second.cache.hitRate).toBe(1);
    expect(secondDigests).toEqual(firstDigests);
    // Same maps, same model output: the same losses.
    expect(second.images.map((i: any) => i.loss)).toEqual(first.images.map((i: any) => i.loss));
  } finally {
    await app.close();
  }
});
