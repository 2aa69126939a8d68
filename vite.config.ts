import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const ortDist = fileURLToPath(new URL('./node_modules/onnxruntime-web/dist/', import.meta.url));

// Cross-origin isolation lets onnxruntime-web use WASM threads and precise memory measurement.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [svelte()],
  // Fixed ports: IndexedDB's origin includes the port, and a new port would look like an empty cache.
  server: { port: 5199, strictPort: true, host: 'localhost', headers: isolation },
  preview: { port: 5198, strictPort: true, host: 'localhost', headers: isolation },
  worker: { format: 'es' },
  // The builds that load their wasm glue from public/ort/ (copied at install): the bundled
  // builds inline it, which breaks the pthread workers ORT spawns from its own module URL.
  resolve: {
    alias: [
      { find: /^onnxruntime-web\/wasm$/, replacement: `${ortDist}ort.wasm.min.mjs` },
      { find: /^onnxruntime-web\/webgpu$/, replacement: `${ortDist}ort.webgpu.min.mjs` },
    ],
  },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
});
