import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createReportHistory, isInterrupted, summarize } from '../../../src/core/report/history';
import { ReportError } from '../../../src/core/errors';
import type { Report } from '../../../src/core/report/schema';
import { fixtureReport } from './helpers';

let dbCount = 0;
const freshStore = () => createStore(`history-test-${dbCount++}`, 'reports');

function run(id: string, startedAt: string, change: (r: Report) => void = () => {}): Report {
  const r = fixtureReport();
  r.run.id = id;
  r.run.startedAt = startedAt;
  change(r);
  return r;
}

describe('report history', () => {
  it('summarizes a report with its headline H-mean', () => {
    const r = fixtureReport();
    expect(summarize(r)).toEqual({
      id: r.run.id,
      startedAt: r.run.startedAt,
      dataset: 'receipts-sample',
      modelFile: 'ch_PP-OCRv4_det_infer.onnx',
      ep: 'wasm',
      hmean: r.accuracy.cleval!.meanImageHmean,
      partial: false,
      imagesDone: 12,
      imagesFailed: 1,
      imagesTotal: 12,
    });
    r.accuracy.cleval = null;
    r.model = null;
    expect(summarize(r)).toMatchObject({ hmean: r.accuracy.iou!.hmean, modelFile: null });
  });

  it('saves, lists newest first, gets back the same report and deletes', async () => {
    const history = createReportHistory(freshStore());
    expect(await history.list()).toEqual([]);
    const older = run('a', '2026-11-28T10:00:00.000Z');
    const newer = run('b', '2026-11-29T10:00:00.000Z', (r) => {
      r.run.partial = true;
      r.run.imagesDone = 5;
    });
    await history.save(newer);
    await history.save(older);
    const list = await history.list();
    expect(list.map((s) => s.id)).toEqual(['b', 'a']);
    expect(list[0]).toMatchObject({ partial: true, imagesDone: 5, imagesTotal: 12 });
    expect(await history.get('a')).toEqual(older);
    expect(await history.get('missing')).toBeUndefined();

    await history.delete('b');
    expect((await history.list()).map((s) => s.id)).toEqual(['a']);
    expect(await history.get('b')).toBeUndefined();
  });

  it('replaces a run saved again under the same id (a partial run, then finished)', async () => {
    const history = createReportHistory(freshStore());
    await history.save(run('x', '2026-11-29T10:00:00.000Z', (r) => (r.run.partial = true)));
    await history.save(run('x', '2026-11-29T10:00:00.000Z'));
    const list = await history.list();
    expect(list).toHaveLength(1);
    expect(list[0].partial).toBe(false);
    expect((await history.get('x'))!.run.partial).toBe(false);
  });

  it('keeps a checkpoint marked as such until the run\'s own report replaces it', async () => {
    const history = createReportHistory(freshStore());
    const partial = run('y', '2026-11-29T10:00:00.000Z', (r) => Object.assign(r.run, { partial: true, cancelled: true, imagesDone: 4 }));
    await history.save(partial, { checkpoint: true });
    const [saved] = await history.list();
    expect(saved).toMatchObject({ id: 'y', checkpoint: true, partial: true, imagesDone: 4, imagesTotal: 12 });
    // The run going on owns its checkpoint; once no run of that id goes on, it was interrupted.
    expect(isInterrupted(saved, new Set(['y']))).toBe(false);
    expect(isInterrupted(saved, new Set(['z']))).toBe(true);
    expect((await history.get('y'))!.run.cancelled).toBe(true);
    await history.save(run('y', '2026-11-29T10:00:00.000Z'));
    const list = await history.list();
    expect(list).toHaveLength(1);
    expect(list[0].checkpoint).toBeUndefined();
    expect(isInterrupted(list[0], new Set())).toBe(false);
  });

  it('keeps every summary when saves run at the same time', async () => {
    const history = createReportHistory(freshStore());
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5'];
    await Promise.all(ids.map((id, i) => history.save(run(id, `2026-11-2${i}T00:00:00.000Z`))));
    expect((await history.list()).map((s) => s.id)).toEqual([...ids].reverse());
  });

  it('persists across instances over the same database', async () => {
    const name = `history-test-${dbCount++}`;
    await createReportHistory(createStore(name, 'reports')).save(run('kept', '2026-11-29T10:00:00.000Z'));
    const reopened = createReportHistory(createStore(name, 'reports'));
    expect((await reopened.list()).map((s) => s.id)).toEqual(['kept']);
    expect((await reopened.get('kept'))!.run.id).toBe('kept');
  });

  it('stores a plain copy, so later changes to the caller\'s object do not leak in', async () => {
    const history = createReportHistory(freshStore());
    const r = run('c', '2026-11-29T10:00:00.000Z');
    await history.save(r);
    r.dataset.name = 'changed';
    expect((await history.get('c'))!.dataset.name).toBe('receipts-sample');
  });

  it('rejects a stored report that no longer fits the schema, naming the JSON path', async () => {
    const store = freshStore();
    const history = createReportHistory(store);
    await history.save(run('old', '2026-11-29T10:00:00.000Z'));
    await store('readwrite', (s) => {
      const r = run('old', '2026-11-29T10:00:00.000Z') as unknown as Record<string, unknown>;
      r.schema_version = 0;
      s.put(r, 'report:old');
    });
    const error = await history.get('old').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).where.path).toBe('/schema_version');
  });

  it('tells subscribers after a save and a delete, until they unsubscribe', async () => {
    const history = createReportHistory(freshStore());
    let calls = 0;
    const stop = history.subscribe(() => calls++);
    await history.save(run('s', '2026-11-29T10:00:00.000Z'));
    await history.delete('s');
    expect(calls).toBe(2);
    stop();
    await history.save(run('t', '2026-11-29T10:00:00.000Z'));
    expect(calls).toBe(2);
  });
});
