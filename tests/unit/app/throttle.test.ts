import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from '../../../src/app/components/run/throttle';

describe('createThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first call at once and the last of a burst when the interval ends', () => {
    const fn = vi.fn();
    const t = createThrottle(fn, 250);
    t(1);
    expect(fn.mock.calls).toEqual([[1]]);
    vi.advanceTimersByTime(10);
    t(2);
    vi.advanceTimersByTime(10);
    t(3);
    vi.advanceTimersByTime(229);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn.mock.calls).toEqual([[1], [3]]);
  });

  it('calls at most once per interval under a steady stream, and the final call always lands', () => {
    const fn = vi.fn();
    const t = createThrottle(fn, 250);
    for (let i = 0; i < 100; i++) {
      t(i);
      vi.advanceTimersByTime(10);
    }
    // 1000 ms of calls: the leading call plus one per elapsed interval.
    expect(fn.mock.calls.length).toBeLessThanOrEqual(5);
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(4);
    vi.advanceTimersByTime(250);
    expect(fn.mock.calls.at(-1)).toEqual([99]);
    const calls = fn.mock.calls.length;
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(calls);
  });

  it('calls again at once after a quiet interval', () => {
    const fn = vi.fn();
    const t = createThrottle(fn, 100);
    t('a');
    vi.advanceTimersByTime(100);
    t('b');
    expect(fn.mock.calls).toEqual([['a'], ['b']]);
  });

  it('flush runs the pending call now and cancel drops it', () => {
    const fn = vi.fn();
    const t = createThrottle(fn, 250);
    t(1);
    t(2);
    t.flush();
    expect(fn.mock.calls).toEqual([[1], [2]]);
    t.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    t(3);
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
    t(4);
    expect(fn.mock.calls.at(-1)).toEqual([4]);
  });

  it('defaults to 4 calls a second', () => {
    const fn = vi.fn();
    const t = createThrottle(fn);
    t(1);
    t(2);
    vi.advanceTimersByTime(249);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
