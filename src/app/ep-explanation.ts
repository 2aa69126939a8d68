import type { RuntimeInfo } from '../core/model/session';

const NAMES = { webgpu: 'WebGPU', wasm: 'WASM' } as const;

/** Why inference runs where it does: a choice is "chosen", a fallback "fell back because ...". */
export function epExplanation(r: Pick<RuntimeInfo, 'ep' | 'requested' | 'fallbackReason'>): string {
  if (r.fallbackReason) return `Fell back to ${NAMES[r.ep]} because ${r.fallbackReason}.`;
  if (r.requested === r.ep) return `${NAMES[r.ep]} chosen in the execution provider setting.`;
  return `auto chose ${NAMES[r.ep]}: a hardware WebGPU adapter is available.`;
}
