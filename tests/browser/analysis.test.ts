import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectionsOf } from '../../src/core/analysis/findings';
import { formatScore } from '../../src/app/components/profiler/format';
import { openApp, runFromUi, waitReady } from './app-page';

type App = Awaited<ReturnType<typeof openApp>>;
const RUN = { limit: 12, batchSize: 4, collate: false };

/** The bundled model on the first images of the bundled sample: a run, then what can be done with what it kept. */
describe('after a run: re-scoring without the model', () => {
  let app: App;
  let first: any;
  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm' });
    await waitReady(app.page);
    first = await runFromUi(app.page, RUN);
  });
  afterAll(() => app?.close());

  test('another box_thresh in the Run tab gives exactly what a fresh run with it gives (boxes and metrics)', async () => {
    const boxThresh = 0.75;
    expect(first.model.profile.post.boxThresh).toBe(0.6);
    await app.page.getByTestId('tune-box-thresh-number').fill(String(boxThresh));
    const shown = await app.page.getByTestId('tuned-iou-hmean').textContent();
    const rescored = await app.page.evaluate((p) => JSON.parse(JSON.stringify((window as any).detscope.rescore(p))), { boxThresh, minSize: 3 });

    await app.page.evaluate((t) => ((window as any).detscope.workbench.profile.post.boxThresh = t), boxThresh);
    const fresh = await runFromUi(app.page, RUN);
    expect(fresh.model.profile.post.boxThresh).toBe(boxThresh);
    expect(rescored.accuracy).toEqual(fresh.accuracy);
    expect(fresh.accuracy).not.toEqual(first.accuracy);
    first.images.forEach((im: any, k: number) => {
      const again = detectionsOf({ polygons: im.found.polygons, detections: rescored.detections[k] });
      expect(again).toEqual(detectionsOf(fresh.images[k].found));
    });
    expect(shown).toBe(formatScore(fresh.accuracy.iou.hmean));
    expect(app.errors).toEqual([]);
  });
});
