/**
 * The WASM heap of the inference worker. onnxruntime-web's threaded build creates its
 * WebAssembly.Memory in JavaScript, so wrapping the constructor before ORT loads sees every
 * memory it makes; their sizes are the session's WASM memory (it only grows: WASM memory
 * is never given back, which is why a model change keeps the worker and its heap).
 */
const memories: WebAssembly.Memory[] = [];
let tracking = false;

export function trackWasmMemory(): void {
  if (tracking) return;
  tracking = true;
  WebAssembly.Memory = new Proxy(WebAssembly.Memory, {
    construct(target, args, newTarget) {
      const memory = Reflect.construct(target, args, newTarget) as WebAssembly.Memory;
      memories.push(memory);
      return memory;
    },
  });
}

/** Bytes of every WASM memory created since tracking began; null when none was seen. */
export function wasmMemoryBytes(): number | null {
  return memories.length ? memories.reduce((sum, m) => sum + m.buffer.byteLength, 0) : null;
}
