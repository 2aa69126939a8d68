import { describe, expect, it } from 'vitest';
import { bytes, duration, eta, percent, score } from '../../../src/core/report/format';

// The one home of the number formats shown in the app and written in the Markdown report.
describe('formats', () => {
  it('says n/a for a missing or infinite figure, never a number', () => {
    for (const f of [duration, bytes, percent, score, eta]) {
      for (const missing of [null, undefined, NaN, Infinity, -Infinity]) expect(f(missing)).toBe('n/a');
    }
  });

  it('formats milliseconds, bytes, percentages and scores', () => {
    expect(duration(3.14159)).toBe('3.1 ms');
    expect(duration(123.45)).toBe('123.5 ms');
    expect(duration(4_567)).toBe('4.57 s');
    expect(duration(-40)).toBe('-40.0 ms');
    expect(bytes(0)).toBe('0 B');
    expect(bytes(1023)).toBe('1023 B');
    expect(bytes(1536)).toBe('1.5 KiB');
    expect(bytes(3 * 1024 ** 3)).toBe('3.00 GiB');
    expect(percent(0.8342)).toBe('83.4 %');
    expect(score(0.912345)).toBe('0.9123');
  });

  it('formats seconds for an ETA', () => {
    expect(eta(44.6)).toBe('45 s');
    expect(eta(185)).toBe('3 min 05 s');
    expect(eta(3720)).toBe('1 h 02 min');
    expect(eta(-1)).toBe('n/a');
  });
});
