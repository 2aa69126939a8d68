import { describe, expect, it } from 'vitest';
import { ReportError } from '../../../src/core/errors';
import { parseReport, validateReport } from '../../../src/core/report/validate';
import { fixtureReport } from './helpers';

describe('validateReport', () => {
  it('accepts the fixture report', () => {
    const result = validateReport(fixtureReport());
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('accepts the box type ICDAR lines were read with, and only a box type', () => {
    expect(validateReport({ ...fixtureReport(), dataset: { ...fixtureReport().dataset, boxType: 'ltrb' } }).ok).toBe(true);
    const wrong = validateReport({ ...fixtureReport(), dataset: { ...fixtureReport().dataset, boxType: 'rect' as never } });
    expect(wrong.ok ? [] : wrong.errors).toEqual(['/dataset/boxType: must be one of "quad", "poly", "ltrb"']);
  });

  it('names the JSON path of each problem', () => {
    const r = fixtureReport() as unknown as Record<string, Record<string, unknown>>;
    delete r.run.imagesDone;
    r.timing.wall_s = -1;
    r.environment.ep = 'cuda';
    r.dataset.extra = true;
    r.images = [{ ...(r.images as unknown as object[])[0], index: 'first' }] as never;
    const result = validateReport(r);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContain("/run: must have required property 'imagesDone'");
    expect(errors).toContain('/timing/wall_s: must be >= 0');
    expect(errors).toContain('/environment/ep: must be one of "webgpu", "wasm", "none"');
    expect(errors).toContain('/dataset: unknown property "extra"');
    expect(errors).toContain('/images/0/index: must be integer');
  });

  it('rejects another schema version, and parseReport throws a ReportError with the path', () => {
    const r = { ...fixtureReport(), schema_version: 2 };
    expect(validateReport(r).ok).toBe(false);
    expect(() => parseReport(r, 'old.json')).toThrow(ReportError);
    try {
      parseReport(r, 'old.json');
    } catch (e) {
      expect((e as ReportError).where).toEqual({ file: 'old.json', path: '/schema_version' });
    }
    expect(parseReport(fixtureReport()).run.id).toBe('run-2026-11-29T12-40-00Z-7f3a');
  });
});
