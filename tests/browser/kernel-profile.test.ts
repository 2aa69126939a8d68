import { afterAll, beforeAll, expect, test } from 'vitest';
import { openApp, runFromUi, waitReady } from './app-page';
import { modelBytes } from '../fixtures/models/tiny-models';

type App = Awaited<ReturnType<typeof openApp>>;

let app: App;
beforeAll(async () => {
  app = await openApp({ webgpu: true, query: '?ep=webgpu' });
  await waitReady(app.page);
}, 240_000);
afterAll(() => app?.close());

/**
 * The per-kernel profile on the SwiftShader WebGPU adapter, with a tiny model whose Softsign
 * node has no WebGPU kernel: GPU time per operator (shares summing to one) and that node
 * listed as run on the CPU, with onnxruntime's reason, in the report and the Run tab.
 */
test('a run with the kernel profile on: GPU times per operator, and the node that ran on the CPU with why', async () => {
  await app.page
    .locator('input[type=file][accept*=".onnx"]')
    .setInputFiles([{ name: 'cpu-softsign.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(modelBytes('cpu-softsign')) }]);
  await app.page.waitForFunction(() => (window as any).detscope.workbench.model?.name === 'cpu-softsign.onnx' && !(window as any).detscope.workbench.busy, undefined, { timeout: 120_000 });
  await app.page.evaluate(() => {
    const wb = (window as any).detscope.workbench;
    wb.profile = { ...wb.profile, resize: { kind: 'limit-multiple', maxSide: 64, multiple: 32 } };
  });
  const report = await runFromUi(app.page, { limit: 2, batchSize: 2, collate: false, kernelProfile: true });
  expect(report.environment.ep).toBe('webgpu');
  const k = report.kernels;
  expect(k.source).toBe('gpu');
  expect(k.calls).toBe(2);
  expect(k.ops.map((o: any) => o.op).sort()).toEqual(['ReduceMean', 'Sigmoid']);
  expect(k.ops.reduce((a: number, o: any) => a + o.share, 0)).toBeCloseTo(1, 9);
  expect(k.cpuNodes).toEqual([{ node: 'softsign_1', op: 'Softsign', reason: 'the WebGPU EP has no kernel for Softsign with these types' }]);
  await expect.poll(() => app.page.getByTestId('kernel-cpu-nodes').textContent()).toContain('the WebGPU EP has no kernel for Softsign');
  // onnxruntime's info lines of the profiled session are not echoed to the console.
  expect(app.errors.filter((e) => /\[I:onnxruntime/.test(e))).toEqual([]);
  // The next run, not profiled, has no kernel table.
  const plain = await runFromUi(app.page, { limit: 1, batchSize: 1, collate: false, kernelProfile: false });
  expect(plain.kernels).toBeUndefined();
}, 400_000);
