import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Checkpointer } from '../../../src/core/report/checkpoint';
import type { Report } from '../../../src/core/report/schema';
import { fixtureReport } from './helpers';

/** A checkpointer on fake timers whose writes take `writeMs` and record the build's counter. */
function setup(opts: { writeMs: number; minGapMs?: number; maxShare?: number; fail?: boolean }) {
  let version = 0;
  const writes: { version: number; at: number }[] = [];
  const report = fixtureReport();
  const cp = new Checkpointer({
    build: () => ({ ...report, run: { ...report.run, imagesDone: version } }) as Report,
    write: async (r) => {
      await new Promise((ok) => setTimeout(ok, opts.writeMs));
      if (opts.fail) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      writes.push({ version: r.run.imagesDone, at: Date.now() });
    },
    minGapMs: opts.minGapMs,
    maxShare: opts.maxShare,
    clock: () => Date.now(),
  });
  return { cp, writes, bump: () => ++version };
}

describe('Checkpointer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('writes the first offer at once, then at most once per gap, always ending on the latest state', async () => {
    const { cp, writes, bump } = setup({ writeMs: 10, minGapMs: 1000 });
    bump();
    cp.offer();
    await vi.advanceTimersByTimeAsync(10);
    expect(writes).toEqual([{ version: 1, at: 10 }]);
    // Nine offers within the gap: one trailing write, of the latest state, when the gap ends.
    for (let i = 0; i < 9; i++) {
      bump();
      cp.offer();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual([{ version: 1, at: 10 }, { version: 10, at: 1020 }]);
    expect(cp.stats).toMatchObject({ writes: 2, failures: 0 });
  });

  it('spaces writes by their cost so that they take at most maxShare of the time', async () => {
    const { cp, writes, bump } = setup({ writeMs: 400, minGapMs: 100, maxShare: 0.1 });
    for (let t = 0; t < 19_000; t += 100) {
      bump();
      cp.offer();
      await vi.advanceTimersByTimeAsync(100);
    }
    await cp.stop();
    // Each 400 ms write is followed by 3.6 s without one: one write per 4 s, 10 % of the time.
    expect(writes.map((w) => w.at)).toEqual([400, 4400, 8400, 12400, 16400]);
    expect(cp.stats.totalMs).toBe(5 * 400);
  });

  it('stop() cancels the pending write and waits for the one in flight', async () => {
    const { cp, writes, bump } = setup({ writeMs: 300, minGapMs: 1000 });
    bump();
    cp.offer();
    let stopped = false;
    await vi.advanceTimersByTimeAsync(100);
    bump();
    cp.offer();
    const stopping = cp.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    await stopping;
    cp.offer();
    await vi.advanceTimersByTimeAsync(5000);
    expect(writes).toEqual([{ version: 1, at: 300 }]);
  });

  it('counts failed writes and builds, throws nothing, and keeps trying', async () => {
    const { cp, bump } = setup({ writeMs: 5, minGapMs: 100, fail: true });
    for (let i = 0; i < 5; i++) {
      bump();
      cp.offer();
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(cp.stats).toMatchObject({ writes: 0, failures: 5, lastError: 'QuotaExceededError: The quota has been exceeded.' });
    const broken = new Checkpointer({
      build: () => {
        throw new Error('no report');
      },
      write: async () => {},
      clock: () => Date.now(),
    });
    broken.offer();
    await vi.advanceTimersByTimeAsync(10);
    expect(broken.stats).toMatchObject({ writes: 0, failures: 1, lastError: 'Error: no report' });
  });
});
