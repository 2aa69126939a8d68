import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { kernelProfile, parseTraceLines } from '../../../src/core/model/kernel-profile';

const lines = readFileSync(new URL('../../fixtures/profiler/softsign-webgpu-console.txt', import.meta.url), 'utf8').split('\n');
const events = parseTraceLines(lines)!;

describe('kernel profile from onnxruntime-web 1.30 (WebGPU EP, SwiftShader)', () => {
  test('GPU programs by operator type, shares summing to one', () => {
    const p = kernelProfile(events, 'webgpu', lines);
    expect(p.source).toBe('gpu');
    expect(p.calls).toBe(1);
    // ReduceMean ran two programs (a transpose and the reduction), Sigmoid one; Softsign was on the CPU.
    expect(p.ops.map((r) => [r.op, r.count])).toEqual([['ReduceMean', 2], ['Sigmoid', 1]]);
    expect(p.ops[0].totalMs).toBeCloseTo((3648 + 50789) / 1000, 9);
    expect(p.ops.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 12);
    expect(p.totalMs).toBeCloseTo(p.ops.reduce((a, r) => a + r.totalMs, 0), 9);
  });

  test('the node that ran on the CPU, with why (from the log of the session creation)', () => {
    expect(kernelProfile(events, 'webgpu', lines).cpuNodes).toEqual([
      { node: 'softsign_1', op: 'Softsign', reason: 'the WebGPU EP has no kernel for Softsign with these types' },
    ]);
    // Without the log the node is still listed; the reason is unknown.
    expect(kernelProfile(events, 'webgpu').cpuNodes).toEqual([{ node: 'softsign_1', op: 'Softsign', reason: null }]);
  });

  test('on WASM: every node on the host, copies included, no CPU-fallback list', () => {
    const p = kernelProfile(events, 'wasm');
    expect(p.source).toBe('host');
    expect(p.ops.map((r) => r.op).sort()).toEqual(['MemcpyFromHost', 'MemcpyToHost', 'ReduceMean', 'Sigmoid', 'Softsign']);
    expect(p.ops.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 12);
    expect(p.cpuNodes).toEqual([]);
  });

  test('no profile in the lines: null', () => {
    expect(parseTraceLines(['2026-12-03 [I:onnxruntime:, x] nothing'])).toBeNull();
  });
});
