import { describe, expect, it } from 'vitest';
import { liveStateOfReport } from '../../../src/app/report-live-state';
import { fixtureReport } from '../report/helpers';

describe('liveStateOfReport', () => {
  it('shows a saved run\'s own counts, spans, cache, memory and wall time', () => {
    const r = fixtureReport();
    r.run.partial = true;
    r.run.imagesDone = 7;
    r.run.imagesFailed = 2;
    r.run.imagesTotal = 12;
    r.memory.samples = [
      { t: 1, jsHeapBytes: 50, wasmBytes: 9, gpuBytes: null },
      { t: 2, jsHeapBytes: 40, wasmBytes: 9, gpuBytes: null },
    ];
    r.memory.summary.jsHeapBytes = { peak: 50, end: 40 };
    r.spans = [{ stage: 'infer', batch: 0, image: 0, worker: 'infer', start: 10, end: 20 }];
    const { state, now } = liveStateOfReport(r);
    expect(state).toMatchObject({ started: 7, done: 7, failed: 2, total: 12, spans: r.spans, cache: r.cache, runId: r.run.id, inFlight: [] });
    expect(state.memory).toEqual(r.memory.samples[1]);
    expect(state.peakMemory.jsHeapBytes).toBe(50);
    expect(now - state.startedAt).toBe(Date.parse(r.run.finishedAt) - Date.parse(r.run.startedAt));
  });
});
