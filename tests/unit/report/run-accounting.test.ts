import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { problemLines, reportProblems } from '../../../src/core/report/problems';
import { countsText, runCounts } from '../../../src/core/report/run-counts';
import type { DatasetProblem } from '../../../src/core/report/schema';
import { validateReport } from '../../../src/core/report/validate';
import { fixtureReport } from './helpers';

const problem = (over: Partial<DatasetProblem>): DatasetProblem => ({ kind: 'invalid-json', severity: 'error', file: 'train.json', message: 'Invalid JSON', action: 'skipped', ...over });

describe('run counts', () => {
  it('counts a failed image apart from the evaluated ones', () => {
    // The fixture reached 12 images; one failed to decode (recorded before imagesFailed existed).
    const r = fixtureReport();
    expect(r.run.imagesFailed).toBeUndefined();
    expect(runCounts(r)).toEqual({ evaluated: 11, failed: 1, total: 12 });
    expect(countsText(runCounts(r))).toBe('11 of 12 images evaluated, 1 failed');
    r.run.imagesFailed = 12;
    expect(countsText(runCounts(r))).toBe('0 of 12 images evaluated, 12 failed');
    expect(countsText({ evaluated: 1, failed: 0, total: 1 })).toBe('1 of 1 image evaluated');
  });

  it('puts the failed count in the Markdown header, never "12 of 12"', () => {
    const md = renderMarkdown(fixtureReport());
    expect(md).toContain('complete, **11 of 12 images evaluated, 1 failed**');
    expect(md).not.toMatch(/12 of 12 images/);
  });
});

describe('dataset problems', () => {
  const problems = [
    problem({ line: 4, column: 3, message: 'Invalid JSON at line 4, column 3' }),
    problem({ kind: 'missing-image', severity: 'warning', file: 'gt.json', path: 'b.jpg', message: 'No image b.jpg', action: 'kept' }),
    problem({ kind: 'missing-predictions', severity: 'warning', file: 'img_2.jpg', message: 'No prediction file res_img_2.txt; the image counts as having no detections', action: 'kept' }),
    ...Array.from({ length: 20 }, (_, i) => problem({ kind: 'too-few-points', file: 'gt_1.txt', line: i + 1, message: '2 points' })),
  ];

  it('gives a count per kind, then the first 20 with file, line or JSON path and the action', () => {
    const lines = problemLines(problems);
    expect(lines[0]).toBe('23 dataset problems: 20 too-few-points, 1 invalid-json, 1 missing-image, 1 missing-predictions');
    expect(lines[1]).toBe('error train.json:4:3: Invalid JSON at line 4, column 3 [skipped]');
    expect(lines[2]).toBe('warning gt.json at b.jpg: No image b.jpg [kept]');
    expect(lines[3]).toMatch(/^warning img_2\.jpg: No prediction file res_img_2\.txt; the image counts as having no detections \[kept\]$/);
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines.at(-1)).toBe('... and 3 more (all in report.json, dataset.problems)');
    expect(problemLines([])).toEqual([]);
  });

  it('keeps every problem in the report, kept and repaired ones too, with line, column and path', () => {
    const r = fixtureReport();
    r.dataset.problems = problems;
    const checked = validateReport(r);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    expect(reportProblems(r)).toHaveLength(23);
    const md = renderMarkdown(r);
    expect(md).toContain('- 23 dataset problems: 20 too-few-points');
    expect(md).toContain('  - warning gt.json at b.jpg: No image b.jpg [kept]');
  });

  it('reads a report saved before problems were kept in full from its skipped list', () => {
    const r = fixtureReport();
    expect(r.dataset.problems).toBeUndefined();
    expect(reportProblems(r)).toEqual([expect.objectContaining({ file: 'receipt_0013.jpg', action: 'skipped' })]);
  });
});
