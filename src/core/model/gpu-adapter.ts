/** What the page can tell about the WebGPU adapter; null fields when the browser hides them. */
export interface AdapterInfo {
  vendor: string | null;
  architecture: string | null;
  description: string | null;
  isFallback: boolean;
  features: string[];
}

export interface AdapterProbe {
  adapter: GPUAdapter | null;
  info: AdapterInfo | null;
  /** Why there is no adapter, in words a user understands. */
  reason: string | null;
}

/** Names of CPU rasterisers that present themselves as GPUs: SwiftShader, Mesa's llvmpipe and lavapipe, Windows' WARP. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|softpipe|basic render/i;

/**
 * Why an adapter is a software one, or null for a real GPU. Such an adapter runs a detector
 * at minutes per image where WASM takes under a second, so `auto` leaves it. The flag is the
 * browser's own word; the renderer name catches browsers that do not set it.
 */
export function softwareAdapterReason(info: AdapterInfo): string | null {
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' / ');
  if (info.isFallback) return `the WebGPU adapter${name ? ` (${name})` : ''} is the browser's fallback adapter, a software renderer far slower than WASM`;
  const software = name.match(SOFTWARE_RENDERER);
  if (software) return `the WebGPU adapter (${name}) is ${software[0]}, a software renderer far slower than WASM`;
  return null;
}

export async function probeAdapter(): Promise<AdapterProbe> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return { adapter: null, info: null, reason: 'this browser exposes no WebGPU (navigator.gpu is missing)' };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return { adapter: null, info: null, reason: `requestAdapter failed: ${(e as Error).message}` };
  }
  if (!adapter) return { adapter: null, info: null, reason: 'no WebGPU adapter (no usable GPU, or WebGPU disabled)' };
  const raw = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const info: AdapterInfo = {
    vendor: raw?.vendor || null,
    architecture: raw?.architecture || null,
    description: raw?.description || null,
    isFallback: Boolean(raw?.isFallbackAdapter ?? (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter),
    features: [...adapter.features],
  };
  return { adapter, info, reason: null };
}
