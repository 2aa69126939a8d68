import { describe, expect, test } from 'vitest';
import { EP_STORAGE_KEY, initialEp, rememberEp } from '../../../src/app/ep-choice';
import { epExplanation } from '../../../src/app/ep-explanation';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v) } as unknown as Storage;
}

describe('the execution provider a page starts with', () => {
  test('the one chosen last time, remembered in storage; auto at first', () => {
    const storage = memoryStorage();
    expect(initialEp('', storage)).toBe('auto');
    rememberEp('wasm', storage);
    expect(storage.getItem(EP_STORAGE_KEY)).toBe('wasm');
    expect(initialEp('', storage)).toBe('wasm');
  });

  test('?ep= wins for that page, and an unknown value is ignored', () => {
    const storage = memoryStorage();
    rememberEp('wasm', storage);
    expect(initialEp('?ep=webgpu', storage)).toBe('webgpu');
    expect(initialEp('?ep=cuda', storage)).toBe('wasm');
    storage.setItem(EP_STORAGE_KEY, 'tpu');
    expect(initialEp('', storage)).toBe('auto');
  });

  test('storage that refuses (private mode) only loses the memory', () => {
    const refusing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => rememberEp('wasm', refusing)).not.toThrow();
    expect(initialEp('', refusing)).toBe('auto');
    expect(initialEp('', null)).toBe('auto');
  });
});

describe('epExplanation', () => {
  test('a choice is chosen, not a fallback', () => {
    expect(epExplanation({ ep: 'wasm', requested: 'wasm', fallbackReason: null })).toBe('WASM chosen in the execution provider setting.');
    expect(epExplanation({ ep: 'webgpu', requested: 'webgpu', fallbackReason: null })).toBe('WebGPU chosen in the execution provider setting.');
  });

  test('a fallback says because what', () => {
    expect(epExplanation({ ep: 'wasm', requested: 'auto', fallbackReason: 'the WebGPU adapter (google / swiftshader) is software' })).toBe(
      'Fell back to WASM because the WebGPU adapter (google / swiftshader) is software.',
    );
    expect(epExplanation({ ep: 'webgpu', requested: 'auto', fallbackReason: null })).toBe('auto chose WebGPU: a hardware WebGPU adapter is available.');
  });
});
