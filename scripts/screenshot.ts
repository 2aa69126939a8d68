/**
 * `npm run screenshot`: README's picture of the app (docs/screenshot.png), the Run tab after a
 * run of the bundled sample on the WASM EP, in headless Chromium at 1440x900, the first screen the
 * layout is made for. Tests never write tracked files; this script does, when that screen changes.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configure, openApp, runOnce } from './lib/drive-app';

const out = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
const app = await openApp({ ep: 'wasm', bundledDataset: true });
try {
  await app.page.setViewportSize({ width: 1440, height: 900 });
  // Four batches, so the batch chart has a shape.
  await configure(app.page, { settings: { batchSize: 8 } });
  await runOnce(app.page);
  writeFileSync(out, await app.page.screenshot({ fullPage: false }));
  console.log(`wrote ${out}`);
} finally {
  await app.close();
}
