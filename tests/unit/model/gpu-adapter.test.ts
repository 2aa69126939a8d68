import { describe, expect, test } from 'vitest';
import { softwareAdapterReason, type AdapterInfo } from '../../../src/core/model/gpu-adapter';

const adapter = (info: Partial<AdapterInfo>): AdapterInfo => ({ vendor: null, architecture: null, description: null, isFallback: false, features: [], ...info });

describe('softwareAdapterReason', () => {
  test('an adapter the browser flags as its fallback adapter is software, named', () => {
    expect(softwareAdapterReason(adapter({ vendor: 'google', architecture: 'swiftshader', isFallback: true }))).toBe(
      "the WebGPU adapter (google / swiftshader) is the browser's fallback adapter, a software renderer far slower than WASM",
    );
  });

  test('a software renderer the browser does not flag is known by its name', () => {
    expect(softwareAdapterReason(adapter({ vendor: 'google', architecture: 'swiftshader' }))).toContain('is swiftshader, a software renderer');
    expect(softwareAdapterReason(adapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }))).toContain('is llvmpipe');
    expect(softwareAdapterReason(adapter({ description: 'Microsoft Basic Render Driver' }))).toContain('is Basic Render');
  });

  test('a hardware GPU, or one that hides its name, is not', () => {
    expect(softwareAdapterReason(adapter({ vendor: 'nvidia', architecture: 'ampere' }))).toBeNull();
    expect(softwareAdapterReason(adapter({}))).toBeNull();
  });
});
